import type { Page } from '@playwright/test';
import { test, expect, login, scopedToken, api, projectId, NEUTRON, NOVA, imageId, flavorId, listServers, deleteServers, PROJECTS } from './helpers';

// The networking walk-through, against the real Neutron, each step checked in Neutron's API:
// the admin makes the cloud's external network the way the test cloud's seed makes ext-net
// (flat, physical network extnet, a subnet without DHCP), then demo builds a reachable
// instance's network and takes it all down again.
//
// A flat network owns its physical network, so the seed's ext-net is deleted first and made
// again through Admin › Networks; whatever happens, afterAll leaves an ext-net as the seed's.

const SEED_SUBNET = {
  name: 'ext-subnet',
  cidr: '203.0.113.0/24',
  gateway_ip: '203.0.113.1',
  enable_dhcp: false,
  allocation_pools: [{ start: '203.0.113.100', end: '203.0.113.200' }],
};

async function extNets(token: string) {
  return (await api(token, 'GET', `${NEUTRON}/networks?name=ext-net`)).networks as {
    id: string;
    subnets: string[];
  }[];
}

/** Makes ext-net as the seed does, if it is missing (a failed run must not break the rest). */
async function restoreSeedExtNet(token: string) {
  if ((await extNets(token)).length) return;
  const { network } = await api(token, 'POST', `${NEUTRON}/networks`, {
    network: {
      name: 'ext-net',
      'router:external': true,
      shared: false,
      'provider:network_type': 'flat',
      'provider:physical_network': 'extnet',
    },
  });
  await api(token, 'POST', `${NEUTRON}/subnets`, { subnet: { ...SEED_SUBNET, network_id: network.id, ip_version: 4 } });
}

const W = 'e2e-walk-';
const NET = `${W}net`;
const SUBNET = `${W}sub`;
const CIDR = '10.70.0.0/24';
const ROUTER = `${W}router`;
const GROUP = `${W}sg`;
const SERVER = `${W}vm`;

/** Removes whatever a failed run of the demo walk-through left behind. */
async function cleanUpDemo(token: string) {
  for (const f of (await api(token, 'GET', `${NEUTRON}/floatingips`)).floatingips)
    if (f.description === W) await api(token, 'DELETE', `${NEUTRON}/floatingips/${f.id}`).catch(() => {});
  await deleteServers(token, SERVER);
  for (const r of (await api(token, 'GET', `${NEUTRON}/routers?name=${ROUTER}`)).routers) {
    const { ports } = await api(token, 'GET', `${NEUTRON}/ports?device_id=${r.id}&device_owner=network:router_interface`);
    for (const p of ports)
      await api(token, 'PUT', `${NEUTRON}/routers/${r.id}/remove_router_interface`, { port_id: p.id }).catch(() => {});
    await api(token, 'DELETE', `${NEUTRON}/routers/${r.id}`).catch(() => {});
  }
  for (const g of (await api(token, 'GET', `${NEUTRON}/security-groups?name=${GROUP}`)).security_groups)
    await api(token, 'DELETE', `${NEUTRON}/security-groups/${g.id}`).catch(() => {});
  for (const n of (await api(token, 'GET', `${NEUTRON}/networks?name=${NET}`)).networks)
    await api(token, 'DELETE', `${NEUTRON}/networks/${n.id}`).catch(() => {});
}

/** Opens `path` as demo in project demo (demo's first project by name is alt). */
async function asDemo(page: Page, path: string) {
  await page.goto(`/auth/switch/${await projectId(PROJECTS.demo)}/?next=${encodeURIComponent(path)}`);
  await expect(page).toHaveURL(new RegExp(`${path.replace(/[/.]/g, '\\$&')}$`));
  await page.goto(path);
  await hydrated(page);
}

async function hydrated(page: Page) {
  await page.waitForFunction(() => (window as any).__meridian_hydrated === true);
}

async function expectFlash(page: Page, text: string) {
  await expect(page.locator('div.messages div.alert', { hasText: text })).toBeVisible();
}

// Deletes and remakes the cloud's one external network, which other specs' routers and
// floating IPs use: @serial, alone after the parallel part.
test.describe.serial('Networking walk-through', { tag: '@serial' }, () => {
  let admin = '';
  test.beforeAll(async () => {
    admin = await scopedToken('admin', 'admin');
  });
  test.afterAll(async () => {
    await restoreSeedExtNet(admin);
  });

  test('admin makes the external network: flat on extnet, a subnet without DHCP', async ({ page }) => {
    const [seed] = await extNets(admin);
    if (seed) {
      // Free it of what earlier tests left on it (this is the test cloud): their floating
      // IPs are released and their routers' gateways cleared.
      for (const f of (await api(admin, 'GET', `${NEUTRON}/floatingips?floating_network_id=${seed.id}`)).floatingips)
        await api(admin, 'DELETE', `${NEUTRON}/floatingips/${f.id}`);
      const { ports } = await api(admin, 'GET', `${NEUTRON}/ports?network_id=${seed.id}&device_owner=network:router_gateway`);
      for (const p of ports)
        await api(admin, 'PUT', `${NEUTRON}/routers/${p.device_id}`, { router: { external_gateway_info: {} } });
      const left = (await api(admin, 'GET', `${NEUTRON}/ports?network_id=${seed.id}`)).ports;
      expect(left.map((p: { device_owner: string }) => p.device_owner), 'nothing else uses ext-net').toEqual([]);
      await api(admin, 'DELETE', `${NEUTRON}/networks/${seed.id}`);
    }

    await login(page, 'admin', '/admin/networks/');
    await hydrated(page);
    await page.getByRole('button', { name: '+ Create Network' }).click();
    const dialog = page.locator('.modal-dialog');
    await dialog.locator('#id_tenant_id').selectOption({ label: 'admin' });
    await dialog.locator('#id_network_type').selectOption('flat');
    await dialog.locator('#id_physical_network').fill('extnet');
    await dialog.locator('#id_net_name').fill('ext-net');
    await dialog.locator('#id_external').check();
    await dialog.getByRole('button', { name: 'Next »' }).click();
    await dialog.locator('#id_subnet_name').fill(SEED_SUBNET.name);
    await dialog.locator('#id_cidr').fill(SEED_SUBNET.cidr);
    await dialog.locator('#id_gateway_ip').fill(SEED_SUBNET.gateway_ip);
    await dialog.getByRole('button', { name: 'Next »' }).click();
    await dialog.locator('#id_enable_dhcp').uncheck();
    await dialog.locator('#id_allocation_pools').fill('203.0.113.100,203.0.113.200');
    await page.screenshot({ path: 'screenshots/admin-networks-create.png', fullPage: true });
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await expectFlash(page, 'Success: Created network "ext-net".');
    const row = page.locator('table#networks tr[data-display="ext-net"]');
    await expect(row.locator('td.project')).toHaveText('admin');
    await expect(row).toContainText('203.0.113.0/24');
    await page.screenshot({ path: 'screenshots/admin-networks.png', fullPage: true });

    const [made] = await extNets(admin);
    const { network } = await api(admin, 'GET', `${NEUTRON}/networks/${made.id}`);
    expect(network).toMatchObject({
      'router:external': true,
      shared: false,
      'provider:network_type': 'flat',
      'provider:physical_network': 'extnet',
      project_id: await projectId('admin'),
    });
    const { subnet } = await api(admin, 'GET', `${NEUTRON}/subnets/${network.subnets[0]}`);
    expect(subnet).toMatchObject(SEED_SUBNET);
  });

  test('Admin › Networks refuses provider settings that cannot work, at the field', async ({ page }) => {
    await login(page, 'admin', '/admin/networks/');
    await hydrated(page);
    await page.getByRole('button', { name: '+ Create Network' }).click();
    const dialog = page.locator('.modal-dialog');
    await dialog.locator('#id_tenant_id').selectOption({ label: PROJECTS.demo });
    await dialog.locator('#id_net_name').fill('e2e-walk-provider');
    await dialog.locator('#id_with_subnet').uncheck();
    const cases = [
      { type: 'flat', physical: '', segment: '', field: 'physical_network', says: 'needs a physical network' },
      { type: 'vlan', physical: 'extnet', segment: '5000', field: 'segmentation_id', says: '1 to 4094' },
      { type: 'flat', physical: 'extnet', segment: '7', field: 'segmentation_id', says: 'has no segmentation ID' },
    ];
    for (const c of cases) {
      await dialog.locator('#id_network_type').selectOption(c.type);
      await dialog.locator('#id_physical_network').fill(c.physical);
      await dialog.locator('#id_segmentation_id').fill(c.segment);
      await dialog.getByRole('button', { name: 'Create', exact: true }).click();
      await expect(dialog.locator(`.field-error[data-field="${c.field}"]`)).toContainText(c.says);
      const { networks } = await api(admin, 'GET', `${NEUTRON}/networks?name=e2e-walk-provider`);
      expect(networks).toHaveLength(0);
    }
  });

  test('demo: network, router, security group, floating IP on a running instance, topology; then undone', async ({ page }) => {
    test.setTimeout(300_000);
    const token = await scopedToken('demo', PROJECTS.demo);
    await cleanUpDemo(token);
    const dialog = page.locator('.modal-dialog');
    const [ext] = await extNets(token);
    expect(ext, 'ext-net is there for demo to use').toBeTruthy();

    // A network with its subnet.
    await login(page, 'demo');
    await asDemo(page, '/project/networks/');
    await page.getByRole('button', { name: '+ Create Network' }).click();
    await dialog.locator('#id_net_name').fill(NET);
    await dialog.getByRole('button', { name: 'Next »' }).click();
    await dialog.locator('#id_subnet_name').fill(SUBNET);
    await dialog.locator('#id_cidr').fill(CIDR);
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await expectFlash(page, `Success: Created network "${NET}".`);
    const [net] = (await api(token, 'GET', `${NEUTRON}/networks?name=${NET}`)).networks;
    const [subnet] = (await api(token, 'GET', `${NEUTRON}/subnets?network_id=${net.id}`)).subnets;
    expect(subnet).toMatchObject({ name: SUBNET, cidr: CIDR, gateway_ip: '10.70.0.1', enable_dhcp: true });

    // A router with its gateway on ext-net and an interface on the subnet.
    await asDemo(page, '/project/routers/');
    await page.getByRole('button', { name: '+ Create Router' }).click();
    await dialog.locator('#id_name').fill(ROUTER);
    await dialog.locator('#id_external_network').selectOption({ label: 'ext-net' });
    await dialog.getByRole('button', { name: 'Create Router' }).click();
    await expectFlash(page, `Success: Router ${ROUTER} was successfully created.`);
    const [router] = (await api(token, 'GET', `${NEUTRON}/routers?name=${ROUTER}`)).routers;
    expect(router.external_gateway_info.network_id).toBe(ext.id);
    await page.locator(`table#routers tr[data-display="${ROUTER}"]`).getByRole('link', { name: ROUTER }).click();
    await hydrated(page);
    await page.getByRole('tab', { name: 'Interfaces' }).click();
    await page.getByRole('button', { name: '+ Add Interface' }).click();
    await dialog.locator('#id_subnet_id').selectOption({ label: `${NET}: ${SUBNET} (${CIDR})` });
    await dialog.getByRole('button', { name: 'Add Interface' }).click();
    await expectFlash(page, 'Success: Interface added 10.70.0.1');
    const routerPorts = async () =>
      (await api(token, 'GET', `${NEUTRON}/ports?device_id=${router.id}&device_owner=network:router_interface`)).ports;
    expect((await routerPorts()).map((p: { fixed_ips: { subnet_id: string }[] }) => p.fixed_ips[0].subnet_id)).toEqual([subnet.id]);

    // A security group letting SSH, HTTP and ICMP in.
    await asDemo(page, '/project/security_groups/');
    await page.getByRole('button', { name: '+ Create Security Group' }).click();
    await dialog.locator('#id_name').fill(GROUP);
    await dialog.getByRole('button', { name: 'Create Security Group' }).click();
    await expectFlash(page, `Success: Successfully created security group: ${GROUP}`);
    const [group] = (await api(token, 'GET', `${NEUTRON}/security-groups?name=${GROUP}`)).security_groups;
    await page.locator(`table#security_groups tr[data-display="${GROUP}"] td.actions_column`).getByRole('link', { name: 'Manage Rules' }).click();
    await hydrated(page);
    for (const [menu, words] of [
      ['ssh', 'ALLOW IPv4 22/tcp from 0.0.0.0/0'],
      ['http', 'ALLOW IPv4 80/tcp from 0.0.0.0/0'],
      ['all_icmp', 'ALLOW IPv4 icmp from 0.0.0.0/0'],
    ]) {
      await page.getByRole('button', { name: '+ Add Rule' }).click();
      await dialog.locator('#id_rule_menu').selectOption(menu);
      await dialog.getByRole('button', { name: 'Add', exact: true }).click();
      await expectFlash(page, `Success: Successfully added rule: ${words}`);
    }
    const rules = (await api(token, 'GET', `${NEUTRON}/security-group-rules?security_group_id=${group.id}&direction=ingress`))
      .security_group_rules as { protocol: string; port_range_min: number | null }[];
    expect(rules.map((r) => `${r.protocol}:${r.port_range_min}`).sort()).toEqual(['icmp:null', 'tcp:22', 'tcp:80']);

    // A running instance on the network, in that group (booted through Nova's API: launching
    // is the Instances panel's test).
    const [image, flavor] = await Promise.all([imageId(token, 'tiny'), flavorId(token, 'm1.tiny')]);
    await api(token, 'POST', `${NOVA}/servers`, {
      server: { name: SERVER, imageRef: image, flavorRef: flavor, networks: [{ uuid: net.id }], security_groups: [{ name: GROUP }] },
    });
    await expect.poll(async () => (await listServers(token, SERVER)).map((s) => s.status), { timeout: 120_000 }).toEqual(['ACTIVE']);
    const [server] = await listServers(token, SERVER);
    const [vmPort] = (await api(token, 'GET', `${NEUTRON}/ports?device_id=${server.id}`)).ports;
    expect(vmPort.security_groups).toEqual([group.id]);

    // A floating IP from ext-net, associated with the instance.
    await asDemo(page, '/project/floating_ips/');
    await page.getByRole('button', { name: 'Allocate IP To Project' }).click();
    await dialog.locator('#id_pool').selectOption({ label: 'ext-net' });
    await dialog.locator('#id_description').fill(W);
    await dialog.getByRole('button', { name: 'Allocate IP' }).click();
    const allocated = page.locator('div.messages div.alert', { hasText: 'Allocated Floating IP' });
    await expect(allocated).toHaveText(/^Success: Allocated Floating IP [\d.]+\.$/);
    const ip = (await allocated.textContent())!.match(/([\d.]+)\.$/)![1];
    const fipRow = page.locator(`table#floating_ips tr[data-display="${ip}"]`);
    await fipRow.getByRole('button', { name: 'Associate' }).click();
    await dialog.locator('#id_port_id').selectOption({ label: `${SERVER}: ${vmPort.fixed_ips[0].ip_address}` });
    await dialog.getByRole('button', { name: 'Associate' }).click();
    await expectFlash(page, `Success: IP address ${ip} associated.`);
    const fip = async () => (await api(token, 'GET', `${NEUTRON}/floatingips?floating_ip_address=${ip}`)).floatingips[0];
    expect(await fip()).toMatchObject({ port_id: vmPort.id, fixed_ip_address: vmPort.fixed_ips[0].ip_address, floating_network_id: ext.id });

    // The topology: the router between ext-net and the new network, the instance on it.
    await asDemo(page, '/project/network_topology/');
    const svg = page.locator('#topology svg');
    await expect(svg.locator(`g.router[data-id="${router.id}"]`)).toHaveAttribute('data-name', ROUTER);
    await expect(svg.locator(`line.link.gateway[data-from="${router.id}"][data-to="${ext.id}"]`)).toHaveCount(1);
    await expect(svg.locator(`line.link.interface[data-from="${router.id}"][data-to="${net.id}"]`)).toHaveCount(1);
    await expect(svg.locator(`line.link[data-from="${server.id}"][data-to="${net.id}"]`)).toHaveCount(1);
    await page.screenshot({ path: 'screenshots/walkthrough-topology.png', fullPage: true });

    // Undo each, checked in Neutron: disassociate and release the floating IP...
    await asDemo(page, '/project/floating_ips/');
    await fipRow.getByRole('button', { name: 'Disassociate' }).click();
    await dialog.getByRole('button', { name: 'Disassociate' }).click();
    await expectFlash(page, `Success: Successfully disassociated Floating IP: ${ip}`);
    expect((await fip()).port_id).toBeNull();
    await fipRow.getByRole('button', { name: 'Release Floating IP' }).click();
    await dialog.getByRole('button', { name: 'Release Floating IP' }).click();
    await expectFlash(page, `Success: Released Floating IP: ${ip}`);
    expect(await fip()).toBeUndefined();

    // ...the instance goes, and then its group can.
    await deleteServers(token, SERVER);
    await asDemo(page, '/project/security_groups/');
    await page.locator(`table#security_groups tr[data-display="${GROUP}"]`).getByRole('button', { name: 'Delete Security Group' }).click();
    await dialog.getByRole('button', { name: 'Delete Security Group' }).click();
    await expectFlash(page, `Success: Deleted Security Group: ${GROUP}`);
    expect((await api(token, 'GET', `${NEUTRON}/security-groups?name=${GROUP}`)).security_groups).toEqual([]);

    // The router: its interface, its gateway, then itself.
    await asDemo(page, `/project/routers/${router.id}/`);
    await page.getByRole('tab', { name: 'Interfaces' }).click();
    await page.locator('table#interfaces tbody tr', { hasText: '10.70.0.1' }).getByRole('button', { name: 'Delete Interface' }).click();
    await dialog.getByRole('button', { name: 'Delete Interface', exact: true }).click();
    await expect.poll(async () => (await routerPorts()).length).toBe(0);
    await asDemo(page, '/project/routers/');
    const routerRow = page.locator(`table#routers tr[data-display="${ROUTER}"]`);
    await routerRow.getByRole('button', { name: 'Clear Gateway' }).click();
    await dialog.getByRole('button', { name: 'Clear Gateway', exact: true }).click();
    await expectFlash(page, `Success: Cleared Gateway: ${ROUTER}`);
    expect((await api(token, 'GET', `${NEUTRON}/routers/${router.id}`)).router.external_gateway_info).toBeNull();
    await routerRow.getByRole('button', { name: 'Delete Router' }).click();
    await dialog.getByRole('button', { name: 'Delete Router', exact: true }).click();
    await expectFlash(page, `Success: Deleted Router: ${ROUTER}`);
    expect((await api(token, 'GET', `${NEUTRON}/routers?name=${ROUTER}`)).routers).toEqual([]);

    // The network, with its subnet.
    await asDemo(page, '/project/networks/');
    await page.locator(`table#networks tr[data-display="${NET}"] td.actions_column`).getByRole('button', { name: 'Delete Network' }).click();
    await dialog.getByRole('button', { name: 'Delete Networks' }).click();
    await expectFlash(page, `Success: Deleted Network: ${NET}`);
    expect((await api(token, 'GET', `${NEUTRON}/networks?name=${NET}`)).networks).toEqual([]);
    expect((await api(token, 'GET', `${NEUTRON}/subnets?name=${SUBNET}`)).subnets).toEqual([]);
  });
});
