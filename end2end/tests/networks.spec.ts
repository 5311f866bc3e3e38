import type { Page } from '@playwright/test';
import { test, expect, login, scopedToken, api, projectId, NEUTRON, PROJECTS } from './helpers';

// Project › Networks against the real Neutron: the three-step Create Network, the network's
// detail page (subnets and ports), and every check the server makes before Neutron is asked.

const PREFIX = 'e2e-net-';

async function networksNamed(token: string, name: string) {
  const body = await api(token, 'GET', `${NEUTRON}/networks?name=${encodeURIComponent(name)}`);
  return body.networks as { id: string; name: string; subnets: string[]; admin_state_up: boolean }[];
}

async function cleanUp(token: string) {
  const { networks } = await api(token, 'GET', `${NEUTRON}/networks`);
  for (const n of networks.filter((n: { name: string }) => n.name.startsWith(PREFIX))) {
    const { ports } = await api(token, 'GET', `${NEUTRON}/ports?network_id=${n.id}`);
    for (const p of ports.filter((p: { device_owner: string }) => !p.device_owner.startsWith('network:dhcp')))
      await api(token, 'DELETE', `${NEUTRON}/ports/${p.id}`);
    await api(token, 'DELETE', `${NEUTRON}/networks/${n.id}`);
  }
}

/** Logs demo in, in project demo (demo is also a member of alt, which comes first by name). */
async function loginDemo(page: Page, path: string) {
  await login(page, 'demo', `/auth/switch/${await projectId(PROJECTS.demo)}/?next=${encodeURIComponent(path)}`);
  await hydrated(page);
}

/** A flash message with this text (the frame may show others, such as the project switch). */
async function expectFlash(page: Page, text: string) {
  await expect(page.locator('div.messages div.alert', { hasText: text })).toBeVisible();
}

async function hydrated(page: Page) {
  await page.waitForFunction(() => (window as any).__meridian_hydrated === true);
}

/** Opens Create Network and fills the Network step. */
async function openCreate(page: Page, name: string) {
  await page.getByRole('button', { name: '+ Create Network' }).click();
  const dialog = page.locator('.modal-dialog');
  await dialog.locator('#id_net_name').fill(name);
  return dialog;
}

test.describe('Project › Networks', () => {
  let token = '';
  test.beforeAll(async () => {
    token = await scopedToken('demo', PROJECTS.demo);
    await cleanUp(token);
  });
  test.afterAll(async () => {
    await cleanUp(token);
  });

  test('create a network with its subnet in three steps, edit, and delete it', async ({ page }) => {
    const name = `${PREFIX}a`;
    await loginDemo(page, '/project/networks/');
    const dialog = await openCreate(page, name);
    await dialog.getByRole('button', { name: 'Next »' }).click();
    await dialog.locator('#id_subnet_name').fill(`${name}-sub`);
    await dialog.locator('#id_cidr').fill('10.61.0.0/24');
    await dialog.locator('#id_gateway_ip').fill('10.61.0.1');
    await dialog.getByRole('button', { name: 'Next »' }).click();
    await dialog.locator('#id_allocation_pools').fill('10.61.0.10,10.61.0.50');
    await dialog.locator('#id_dns_nameservers').fill('192.0.2.53');
    await dialog.locator('#id_host_routes').fill('192.168.90.0/24,10.61.0.254');
    await page.screenshot({ path: 'screenshots/networks-create.png', fullPage: true });
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();

    await expectFlash(page, `Success: Created network "${name}".`);
    const row = page.locator(`table#networks tr[data-display="${name}"]`);
    await expect(row).toContainText('10.61.0.0/24');
    await page.screenshot({ path: 'screenshots/networks.png', fullPage: true });

    // Neutron has exactly what was typed.
    const [net] = await networksNamed(token, name);
    expect(net.subnets).toHaveLength(1);
    const { subnet } = await api(token, 'GET', `${NEUTRON}/subnets/${net.subnets[0]}`);
    expect(subnet).toMatchObject({
      name: `${name}-sub`,
      cidr: '10.61.0.0/24',
      gateway_ip: '10.61.0.1',
      enable_dhcp: true,
      allocation_pools: [{ start: '10.61.0.10', end: '10.61.0.50' }],
      dns_nameservers: ['192.0.2.53'],
      host_routes: [{ destination: '192.168.90.0/24', nexthop: '10.61.0.254' }],
    });

    // Edit Network: a new name and admin state down.
    await row.locator('td.actions_column').getByRole('button', { name: 'Edit Network' }).click();
    await page.locator('.modal-dialog #id_name').fill(`${name}-renamed`);
    await page.locator('.modal-dialog #id_admin_state').uncheck();
    await page.locator('.modal-dialog').getByRole('button', { name: 'Save Changes' }).click();
    await expectFlash(page, `Success: Network ${name}-renamed was successfully updated.`);
    const { network: edited } = await api(token, 'GET', `${NEUTRON}/networks/${net.id}`);
    expect(edited).toMatchObject({ name: `${name}-renamed`, admin_state_up: false });

    // Delete (the batch button, confirmed).
    await page.locator(`table#networks tr[data-display="${name}-renamed"] input[type=checkbox]`).check();
    await page.locator('#networks__action_delete').click();
    await expect(page.locator('.modal-dialog')).toContainText(`${name}-renamed`);
    await page.locator('.modal-dialog').getByRole('button', { name: 'Delete Networks' }).click();
    await expectFlash(page, `Success: Deleted Network: ${name}-renamed`);
    await expect(page.locator(`table#networks tr[data-display="${name}-renamed"]`)).toHaveCount(0);
    expect(await networksNamed(token, `${name}-renamed`)).toHaveLength(0);
  });

  test('network detail: subnets and ports are created, edited and deleted', async ({ page }) => {
    const name = `${PREFIX}b`;
    const { network } = await api(token, 'POST', `${NEUTRON}/networks`, { network: { name } });
    await loginDemo(page, `/project/networks/${network.id}/`);
    await expect(page.locator('h1')).toHaveText(name);

    // A subnet: first a refused gateway, then a good one.
    await page.locator('#network_tabs__subnets_tab').click();
    await expect(page.locator('table#subnets tr.empty')).toBeVisible();
    await page.locator('#subnets__action_create').click();
    const dialog = page.locator('.modal-dialog');
    await dialog.locator('#id_subnet_name').fill('sub-one');
    await dialog.locator('#id_cidr').fill('10.62.0.0/24');
    await dialog.locator('#id_gateway_ip').fill('10.99.0.1');
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(dialog.locator('.field-error[data-field="gateway_ip"]')).toContainText('inside 10.62.0.0/24');
    expect((await api(token, 'GET', `${NEUTRON}/subnets?network_id=${network.id}`)).subnets).toHaveLength(0);
    await expect(dialog.locator('#id_cidr')).toHaveValue('10.62.0.0/24');
    await dialog.locator('#id_gateway_ip').fill('10.62.0.1');
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await expectFlash(page, 'Success: Created subnet "sub-one".');
    await expect(page.locator('table#subnets tr[data-display="sub-one"]')).toContainText('10.62.0.1');

    // Edit Subnet: DNS servers and no gateway.
    await page.locator('table#subnets tr[data-display="sub-one"] td.actions_column').getByRole('button', { name: 'Edit Subnet' }).click();
    await expect(dialog.locator('#id_cidr')).toHaveValue('10.62.0.0/24');
    await dialog.locator('#id_no_gateway').check();
    await dialog.locator('#id_dns_nameservers').fill('192.0.2.1\n192.0.2.2');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expectFlash(page, 'Success: Updated subnet "sub-one".');
    const { subnets } = await api(token, 'GET', `${NEUTRON}/subnets?network_id=${network.id}`);
    expect(subnets[0]).toMatchObject({ gateway_ip: null, dns_nameservers: ['192.0.2.1', '192.0.2.2'] });

    // A port with a fixed IP: one outside every subnet is refused at the field.
    await page.locator('#network_tabs__ports_tab').click();
    await page.locator('#ports__action_create').click();
    await dialog.locator('#id_name').fill('port-one');
    await dialog.locator('#id_fixed_ip').fill('10.63.0.9');
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(dialog.locator('.field-error[data-field="fixed_ip"]')).toContainText('10.62.0.0/24');
    const portsNamed = async () =>
      (await api(token, 'GET', `${NEUTRON}/ports?network_id=${network.id}&name=port-one`)).ports;
    expect(await portsNamed()).toHaveLength(0);
    await dialog.locator('#id_fixed_ip').fill('10.62.0.9');
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await expectFlash(page, 'Success: Port port-one was successfully created.');
    const portRow = page.locator('table#ports tr[data-display="port-one"]');
    await expect(portRow).toContainText('10.62.0.9');
    const [port] = await portsNamed();
    expect(port.fixed_ips[0].ip_address).toBe('10.62.0.9');
    expect(port.security_groups.length).toBe(1);
    await page.screenshot({ path: 'screenshots/network-detail-ports.png', fullPage: true });

    // Edit Port: groups need port security, so security off with a group ticked is refused.
    await portRow.locator('td.actions_column').getByRole('button', { name: 'Edit Port' }).click();
    await dialog.locator('#id_port_security_enabled').uncheck();
    await dialog.getByRole('button', { name: 'Update' }).click();
    await expect(dialog.locator('.field-error[data-field="security_groups"]')).toContainText('port security');
    await dialog.getByLabel('default', { exact: true }).uncheck();
    await dialog.locator('#id_name').fill('port-one-b');
    await dialog.getByRole('button', { name: 'Update' }).click();
    await expectFlash(page, 'Success: Port port-one-b was successfully updated.');
    const { port: edited } = await api(token, 'GET', `${NEUTRON}/ports/${port.id}`);
    expect(edited).toMatchObject({ name: 'port-one-b', port_security_enabled: false, security_groups: [] });

    // Delete the port, then the subnet.
    await page.locator('table#ports tr[data-display="port-one-b"] td.actions_column').getByRole('button', { name: 'Delete Port' }).click();
    await expect(dialog.locator('h2')).toHaveText('Confirm Delete Ports');
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await expectFlash(page, 'Success: Deleted Port: port-one-b');
    await expect(api(token, 'GET', `${NEUTRON}/ports/${port.id}`)).rejects.toThrow(/404/);
    await page.locator('#network_tabs__subnets_tab').click();
    await page.locator('table#subnets tr[data-display="sub-one"] td.actions_column').getByRole('button', { name: 'Delete Subnet' }).click();
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await expectFlash(page, 'Success: Deleted Subnet: sub-one');
    expect((await api(token, 'GET', `${NEUTRON}/subnets?network_id=${network.id}`)).subnets).toHaveLength(0);
  });

  test('every subnet check refuses bad input at its field and creates nothing', async ({ page }) => {
    const name = `${PREFIX}bad`;
    await loginDemo(page, '/project/networks/');
    const dialog = await openCreate(page, name);
    const stepOf = (id: string) =>
      ['net_name', 'mtu'].includes(id) ? 'Network' : ['subnet_name', 'cidr', 'gateway_ip'].includes(id) ? 'Subnet' : 'Subnet Details';
    const fill = async (values: Record<string, string>) => {
      for (const [id, value] of Object.entries(values)) {
        await dialog.getByRole('tab', { name: stepOf(id), exact: true }).click();
        await dialog.locator(`#id_${id}`).fill(value);
      }
    };
    const cases: { values: Record<string, string>; field: string; says: string }[] = [
      { values: { cidr: '' }, field: 'cidr', says: 'This field is required.' },
      { values: { cidr: '10.0.0.300/24' }, field: 'cidr', says: 'is not a network address' },
      { values: { cidr: '10.64.0.1/24' }, field: 'cidr', says: '10.64.0.0/24' },
      { values: { cidr: 'fd00:64::/64' }, field: 'cidr', says: 'IPv6' },
      { values: { cidr: '10.64.0.0/24', gateway_ip: '10.65.0.1' }, field: 'gateway_ip', says: 'inside 10.64.0.0/24' },
      { values: { gateway_ip: '', allocation_pools: '10.64.0.50,10.64.0.10' }, field: 'allocation_pools', says: 'ends before it starts' },
      { values: { allocation_pools: '10.64.0.10,10.64.9.10' }, field: 'allocation_pools', says: 'not inside' },
      { values: { allocation_pools: '10.64.0.10,10.64.0.50\n10.64.0.40,10.64.0.60' }, field: 'allocation_pools', says: 'overlap' },
      { values: { allocation_pools: '', dns_nameservers: 'resolver.example' }, field: 'dns_nameservers', says: 'is not an IP address' },
      { values: { dns_nameservers: '', host_routes: '192.168.0.0/24' }, field: 'host_routes', says: 'destination_cidr,nexthop' },
      { values: { host_routes: '', mtu: '10' }, field: 'mtu', says: 'MTU' },
    ];
    for (const c of cases) {
      await fill(c.values);
      await dialog.getByRole('button', { name: 'Create', exact: true }).click();
      const message = dialog.locator(`.field-error[data-field="${c.field}"]`);
      await expect(message, JSON.stringify(c.values)).toContainText(c.says);
      // The refused field's step is the one shown, with what was typed still in it.
      await expect(message).toBeVisible();
      for (const [id, value] of Object.entries(c.values)) await expect(dialog.locator(`#id_${id}`)).toHaveValue(value);
      expect(await networksNamed(token, name), JSON.stringify(c.values)).toHaveLength(0);
    }
    await page.screenshot({ path: 'screenshots/networks-create-refused.png', fullPage: true });
  });

  test('a reader sees the networks but no action that changes them', async ({ page }) => {
    await login(page, 'reader', '/project/networks/');
    await hydrated(page);
    await expect(page.locator('table#networks')).toBeVisible();
    await expect(page.getByRole('button', { name: '+ Create Network' })).toHaveCount(0);
    await expect(page.locator('#networks__action_delete')).toHaveCount(0);
    await expect(page.locator('table#networks td.actions_column button')).toHaveCount(0);
  });
});
