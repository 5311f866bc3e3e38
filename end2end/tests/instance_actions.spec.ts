import { test, expect, login, projectId, scopedToken, ensureNetwork, bootServers, deleteServers, listServers, api, NOVA, NEUTRON, GLANCE, cinderUrl, PROJECTS } from './helpers';

/** The instance row forms (Edit, Create Snapshot, Resize, Attach Volume...), each checked against the cloud. */
test.describe('Project › Instances row forms', () => {
  test.describe.configure({ timeout: 300_000 });
  let token = '';
  let netId = '';

  test.beforeAll(async () => {
    token = await scopedToken('demo', PROJECTS.demo);
    await deleteServers(token, 'e2e-act');
    netId = await ensureNetwork(token, 'e2e-net', '10.77.0.0/24');
  });

  test.afterAll(async () => {
    await deleteServers(token, 'e2e-act');
    // The router goes too: a later test remakes the external network it would hold on to.
    for (const r of (await api(token, 'GET', `${NEUTRON}/routers?name=e2e-act-router`)).routers) {
      const { ports } = await api(token, 'GET', `${NEUTRON}/ports?device_id=${r.id}&device_owner=network:router_interface`);
      for (const p of ports)
        await api(token, 'PUT', `${NEUTRON}/routers/${r.id}/remove_router_interface`, { port_id: p.id }).catch(() => {});
      await api(token, 'DELETE', `${NEUTRON}/routers/${r.id}`).catch(() => {});
    }
    const images = await api(token, 'GET', `${GLANCE}/v2/images?name=e2e-act-snap`);
    for (const i of images.images) await api(token, 'DELETE', `${GLANCE}/v2/images/${i.id}`).catch(() => {});
  });

  const rows = (page) => page.locator('table#instances tbody tr[data-display]');
  const alert = (page, text: string) => page.locator('div.messages div.alert', { hasText: text });
  const dialog = (page) => page.locator('.modal-dialog');

  async function open(page, filter: string) {
    await login(page, 'demo', 
      `/auth/switch/${await projectId(PROJECTS.demo)}/?next=${encodeURIComponent(`/project/instances/?field=name&q=${filter}`)}`,
    );
    await page.waitForFunction(() => (window as any).__meridian_hydrated === true);
  }

  /** Clicks `name`, once the row offers it: its button when it is that, else the menu entry. */
  async function rowAction(row, name: string) {
    const cell = row.locator('td.actions_column');
    await expect(cell.getByRole('button', { name, exact: true, includeHidden: true })).toHaveCount(1, { timeout: 60_000 });
    const primary = cell.locator('button.primary-action').filter({ hasText: new RegExp(`^${name}$`) });
    if (await primary.count()) return primary.click();
    const details = cell.locator('details');
    if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
    await details.getByRole('button', { name, exact: true }).click();
  }

  /** Selects the option whose text starts with `prefix`. */
  async function selectStarting(select, prefix: string) {
    const value = await select.locator('option').filter({ hasText: new RegExp(`^${prefix}`) }).first().getAttribute('value');
    await select.selectOption(value!);
  }

  const server = async (id: string) => (await api(token, 'GET', `${NOVA}/servers/${id}`)).server;

  test('edit, snapshot, resize with confirm and revert change the real server', async ({ page }) => {
    await bootServers(token, 'e2e-act-a', 1, netId);
    const [{ id }] = await listServers(token, 'e2e-act-a');
    await open(page, 'e2e-act-a');
    let row = rows(page).first();

    // Edit Instance: a name Nova would refuse is stopped at the field, and nothing changes.
    await rowAction(row, 'Edit Instance');
    await expect(dialog(page).locator('#id_name')).toHaveValue('e2e-act-a');
    await dialog(page).locator('#id_name').fill('x'.repeat(300));
    await dialog(page).getByRole('button', { name: 'Edit Instance' }).click();
    await expect(dialog(page).locator('#name-error')).toHaveText('Name must be at most 255 characters.');
    expect((await server(id)).name).toBe('e2e-act-a');
    await dialog(page).locator('#id_name').fill('e2e-act-b');
    await dialog(page).locator('#id_description').fill('web tier');
    await dialog(page).getByRole('button', { name: 'Edit Instance' }).click();
    await expect(alert(page, 'Modified')).toHaveText('Success: Modified instance "e2e-act-b".');
    await expect(dialog(page)).toHaveCount(0);
    expect(await server(id)).toMatchObject({ name: 'e2e-act-b', description: 'web tier' });
    await open(page, 'e2e-act-b');
    row = rows(page).first();

    // Create Snapshot: Glance gets the image.
    await rowAction(row, 'Create Snapshot');
    await dialog(page).locator('#id_name').fill('e2e-act-snap');
    await dialog(page).getByRole('button', { name: 'Create Snapshot' }).click();
    await expect(alert(page, 'Snapshot')).toHaveText('Success: Snapshot "e2e-act-snap" created for instance "e2e-act-b".');
    await expect
      .poll(async () => (await api(token, 'GET', `${GLANCE}/v2/images?name=e2e-act-snap`)).images.length, { timeout: 60_000 })
      .toBe(1);
    await expect(row.locator('.status')).toHaveText('Active', { timeout: 60_000 });

    // Resize to m1.small; the row waits for confirmation without a reload, then confirm.
    await rowAction(row, 'Resize Instance');
    await expect(dialog(page)).toContainText('Old Flavor: m1.tiny');
    await selectStarting(dialog(page).locator('#id_flavor'), 'm1\\.small');
    await page.screenshot({ path: 'screenshots/instance-resize.png' });
    await dialog(page).getByRole('button', { name: 'Resize Instance' }).click();
    await expect(alert(page, 'resizing')).toHaveText('Success: Request for resizing of instance "e2e-act-b" has been submitted.');
    await expect(row.locator('.status')).toHaveText('Confirm or Revert Resize/Migrate', { timeout: 90_000 });
    expect((await server(id)).status).toBe('VERIFY_RESIZE');
    await rowAction(row, 'Confirm Resize/Migrate');
    await expect(row.locator('.status')).toHaveText('Active', { timeout: 60_000 });
    await expect(row.locator('td').nth(4)).toHaveText('m1.small');
    expect((await server(id)).flavor.original_name).toBe('m1.small');

    // Resize back, then revert: the flavor stays m1.small.
    await rowAction(row, 'Resize Instance');
    await selectStarting(dialog(page).locator('#id_flavor'), 'm1\\.tiny');
    await dialog(page).getByRole('button', { name: 'Resize Instance' }).click();
    await expect(row.locator('.status')).toHaveText('Confirm or Revert Resize/Migrate', { timeout: 90_000 });
    await rowAction(row, 'Revert Resize/Migrate');
    await dialog(page).getByRole('button', { name: 'Revert Resize/Migrate' }).click();
    await expect(row.locator('.status')).toHaveText('Active', { timeout: 90_000 });
    await expect.poll(async () => (await server(id)).flavor.original_name, { timeout: 30_000 }).toBe('m1.small');
    await page.screenshot({ path: 'screenshots/instance-actions-menu.png' });
  });

  test('rescue, rebuild, and the ports, security groups, floating IP and volume forms', async ({ page }) => {
    const pid = await projectId(PROJECTS.demo);
    const cinder = cinderUrl(pid);
    // A router to the external network, so a floating IP can reach the private one.
    const ext = (await api(token, 'GET', `${NEUTRON}/networks?router:external=true`)).networks[0];
    const subnet = (await api(token, 'GET', `${NEUTRON}/subnets?network_id=${netId}`)).subnets[0];
    let router = (await api(token, 'GET', `${NEUTRON}/routers?name=e2e-act-router`)).routers[0];
    if (!router) {
      router = (
        await api(token, 'POST', `${NEUTRON}/routers`, {
          router: { name: 'e2e-act-router', external_gateway_info: { network_id: ext.id } },
        })
      ).router;
      await api(token, 'PUT', `${NEUTRON}/routers/${router.id}/add_router_interface`, { subnet_id: subnet.id });
    } else if (router.external_gateway_info?.network_id !== ext.id) {
      // A router left by an earlier run may have lost its gateway (ext-net made again).
      await api(token, 'PUT', `${NEUTRON}/routers/${router.id}`, {
        router: { external_gateway_info: { network_id: ext.id } },
      });
    }
    const otherNet = await ensureNetwork(token, 'e2e-act-net2', '10.78.0.0/24');
    const fip = (
      await api(token, 'POST', `${NEUTRON}/floatingips`, { floatingip: { floating_network_id: ext.id } })
    ).floatingip;
    const group = (
      await api(token, 'POST', `${NEUTRON}/security-groups`, { security_group: { name: `e2e-act-sg-${Date.now()}` } })
    ).security_group;
    const volume = (await api(token, 'POST', `${cinder}/volumes`, { volume: { size: 1, name: 'e2e-act-vol' } })).volume;
    await expect
      .poll(async () => (await api(token, 'GET', `${cinder}/volumes/${volume.id}`)).volume.status, { timeout: 60_000 })
      .toBe('available');
    const ports = async (id: string) => (await api(token, 'GET', `${NEUTRON}/ports?device_id=${id}`)).ports;

    try {
      await bootServers(token, 'e2e-act-c', 1, netId);
      const [{ id }] = await listServers(token, 'e2e-act-c');
      await open(page, 'e2e-act-c');
      const row = rows(page).first();

      // Rescue, then Unrescue as the primary button.
      await rowAction(row, 'Rescue Instance');
      await dialog(page).getByRole('button', { name: 'Rescue Instance' }).click();
      await expect(alert(page, 'Rescued')).toHaveText('Success: Rescued instance e2e-act-c.');
      await expect(row.locator('.status')).toHaveText('Rescue', { timeout: 60_000 });
      expect((await server(id)).status).toBe('RESCUE');
      await rowAction(row, 'Unrescue Instance');
      await expect(row.locator('.status')).toHaveText('Active', { timeout: 60_000 });

      // Rebuild asks for an image first.
      await rowAction(row, 'Rebuild Instance');
      await dialog(page).getByRole('button', { name: 'Rebuild Instance' }).click();
      await expect(dialog(page).locator('#image-error')).toHaveText('Select an image.');
      await dialog(page).locator('#id_image').selectOption({ label: 'tiny' });
      await dialog(page).getByRole('button', { name: 'Rebuild Instance' }).click();
      await expect(alert(page, 'Rebuilding')).toHaveText('Success: Rebuilding instance e2e-act-c.');
      await expect(row.locator('.status')).toHaveText('Active', { timeout: 90_000 });
      const actions = (await api(token, 'GET', `${NOVA}/servers/${id}/os-instance-actions`)).instanceActions;
      expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['rescue', 'unrescue', 'rebuild']));

      // Attach Interface: a bad fixed IP is refused at the field, then a port on the second network.
      await rowAction(row, 'Attach Interface');
      await dialog(page).locator('#id_network').selectOption({ label: 'e2e-act-net2' });
      await dialog(page).locator('#id_fixed_ip').fill('10.78.0.300');
      await dialog(page).getByRole('button', { name: 'Attach Interface' }).click();
      await expect(dialog(page).locator('#fixed_ip-error')).toHaveText('10.78.0.300 is not an IPv4 or IPv6 address.');
      await dialog(page).locator('#id_fixed_ip').fill('10.78.0.50');
      await dialog(page).getByRole('button', { name: 'Attach Interface' }).click();
      await expect(alert(page, 'Attaching interface')).toHaveText('Success: Attaching interface for instance e2e-act-c.');
      await expect.poll(async () => (await ports(id)).length, { timeout: 60_000 }).toBe(2);
      const added = (await ports(id)).find((p) => p.network_id === otherNet);
      expect(added.fixed_ips[0].ip_address).toBe('10.78.0.50');
      await expect(row.locator('td').nth(3)).toContainText('10.78.0.50', { timeout: 30_000 });

      // Detach Interface takes it away again.
      await rowAction(row, 'Detach Interface');
      await dialog(page).locator('#id_port').selectOption({ label: '10.78.0.50' });
      await dialog(page).getByRole('button', { name: 'Detach Interface' }).click();
      await expect(alert(page, 'Detached interface')).toHaveText('Success: Detached interface 10.78.0.50 for instance e2e-act-c.');
      await expect.poll(async () => (await ports(id)).length, { timeout: 60_000 }).toBe(1);

      // Edit Security Groups: the new group goes onto the instance's port, and off again.
      await rowAction(row, 'Edit Security Groups');
      await dialog(page).getByLabel(group.name).check();
      await dialog(page).getByRole('button', { name: 'Edit Security Groups' }).click();
      await expect(alert(page, 'security groups')).toHaveText('Success: Modified security groups of instance "e2e-act-c".');
      expect((await ports(id))[0].security_groups).toContain(group.id);
      await rowAction(row, 'Edit Security Groups');
      await expect(dialog(page).getByLabel(group.name)).toBeChecked();
      await dialog(page).getByLabel(group.name).uncheck();
      await dialog(page).getByRole('button', { name: 'Edit Security Groups' }).click();
      await expect(dialog(page)).toHaveCount(0);
      await expect(alert(page, 'security groups')).toBeVisible();
      expect((await ports(id))[0].security_groups).not.toContain(group.id);

      // Associate Floating IP, then Disassociate: Neutron follows.
      await rowAction(row, 'Associate Floating IP');
      await dialog(page).locator('#id_ip_id').selectOption({ label: fip.floating_ip_address });
      await page.screenshot({ path: 'screenshots/instance-associate-floating-ip.png' });
      await dialog(page).getByRole('button', { name: 'Associate Floating IP' }).click();
      await expect(alert(page, 'associated')).toHaveText(`Success: IP address ${fip.floating_ip_address} associated.`);
      const port = (await ports(id))[0];
      expect((await api(token, 'GET', `${NEUTRON}/floatingips/${fip.id}`)).floatingip.port_id).toBe(port.id);
      await expect(row.locator('td').nth(3)).toContainText(`${fip.floating_ip_address} (floating)`, { timeout: 30_000 });
      await rowAction(row, 'Disassociate Floating IP');
      await dialog(page).getByRole('button', { name: 'Disassociate Floating IP' }).click();
      await expect(alert(page, 'disassociated')).toHaveText(
        `Success: Successfully disassociated Floating IP: ${fip.floating_ip_address}`,
      );
      expect((await api(token, 'GET', `${NEUTRON}/floatingips/${fip.id}`)).floatingip.port_id).toBeNull();

      // Attach Volume: Cinder shows it in use by this server; Detach Volume frees it.
      await rowAction(row, 'Attach Volume');
      await dialog(page).locator('#id_volume').selectOption({ label: 'e2e-act-vol (1 GiB)' });
      await dialog(page).getByRole('button', { name: 'Attach Volume' }).click();
      await expect(alert(page, 'Attaching volume')).toHaveText('Success: Attaching volume e2e-act-vol (1 GiB) to instance e2e-act-c.');
      await expect
        .poll(async () => (await api(token, 'GET', `${cinder}/volumes/${volume.id}`)).volume.status, { timeout: 60_000 })
        .toBe('in-use');
      expect((await api(token, 'GET', `${cinder}/volumes/${volume.id}`)).volume.attachments[0].server_id).toBe(id);
      await rowAction(row, 'Detach Volume');
      await dialog(page).getByRole('button', { name: 'Detach Volume' }).click();
      await expect(alert(page, 'Detaching volume')).toHaveText('Success: Detaching volume e2e-act-vol (1 GiB) from instance e2e-act-c.');
      await expect
        .poll(async () => (await api(token, 'GET', `${cinder}/volumes/${volume.id}`)).volume.status, { timeout: 60_000 })
        .toBe('available');
    } finally {
      await deleteServers(token, 'e2e-act-c');
      await api(token, 'DELETE', `${NEUTRON}/floatingips/${fip.id}`).catch(() => {});
      await api(token, 'DELETE', `${NEUTRON}/security-groups/${group.id}`).catch(() => {});
      await api(token, 'DELETE', `${cinder}/volumes/${volume.id}`).catch(() => {});
    }
  });
});
