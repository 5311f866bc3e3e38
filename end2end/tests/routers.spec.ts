import { test, expect, login, scopedToken, api, projectId, NEUTRON, PROJECTS } from './helpers';
import type { Page } from '@playwright/test';

// Project › Routers and Admin › Routers against the real Neutron: every step the page takes
// is checked in Neutron's own answers.

const rand = Math.random().toString(36).slice(2, 7);
const ROUTER = `e2e-rt-${rand}`;
const LISTED = `e2e-rt-listed-${rand}`;
const NET = `e2e-rt-net-${rand}`;
const NET2 = `e2e-rt-net2-${rand}`;
// Third octets unlikely to collide with another run's leftovers.
const octet = 100 + Math.floor(Math.random() * 100);
const CIDR = `10.231.${octet}.0/24`;
const CIDR2 = `10.232.${octet}.0/24`;

let token = '';
let extNetId = '';
let subnetId = '';
let subnet2Id = '';
let netId = '';
let listedId = '';

async function routerByName(name: string) {
  const body = await api(token, 'GET', `${NEUTRON}/routers?name=${name}`);
  return body.routers[0];
}

async function routerPorts(routerId: string, as = token) {
  return (await api(as, 'GET', `${NEUTRON}/ports?device_id=${routerId}&device_owner=network:router_interface`)).ports;
}

/** Detaches and deletes every router, then network, this spec (any run of it) made, in
 * whichever project (an admin sees them all). */
async function cleanUp() {
  const token = await scopedToken('admin', 'admin');
  const routers = (await api(token, 'GET', `${NEUTRON}/routers`)).routers.filter((r: { name: string }) => r.name.startsWith('e2e-rt-'));
  for (const r of routers) {
    await api(token, 'PUT', `${NEUTRON}/routers/${r.id}`, { router: { routes: [] } }).catch(() => {});
    for (const p of await routerPorts(r.id, token)) {
      await api(token, 'PUT', `${NEUTRON}/routers/${r.id}/remove_router_interface`, { port_id: p.id }).catch(() => {});
    }
    await api(token, 'DELETE', `${NEUTRON}/routers/${r.id}`).catch(() => {});
  }
  const nets = (await api(token, 'GET', `${NEUTRON}/networks`)).networks.filter((n: { name: string }) => n.name.startsWith('e2e-rt-'));
  for (const n of nets) await api(token, 'DELETE', `${NEUTRON}/networks/${n.id}`).catch(() => {});
}

/** Opens `path` in project demo (a user's last project may be another). */
async function inDemo(page: Page, path: string) {
  await page.goto(`/auth/switch/${await projectId(PROJECTS.demo)}/?next=${encodeURIComponent(path)}`);
  await expect(page).toHaveURL(new RegExp(`${path}$`));
  // Once more, without the switch's own message, so each step's message stands alone.
  await page.goto(path);
  await hydrated(page);
}

async function hydrated(page: Page) {
  await page.waitForFunction(() => (window as any).__meridian_hydrated === true);
}

async function confirmDialog(page: Page, label: string) {
  await page.locator('.modal-dialog').getByRole('button', { name: label, exact: true }).click();
}

test.describe('Routers', () => {
  test.beforeAll(async () => {
    token = await scopedToken('demo', PROJECTS.demo);
    await cleanUp();
    extNetId = (await api(token, 'GET', `${NEUTRON}/networks?name=ext-net`)).networks[0].id;
    netId = (await api(token, 'POST', `${NEUTRON}/networks`, { network: { name: NET } })).network.id;
    subnetId = (await api(token, 'POST', `${NEUTRON}/subnets`, {
      subnet: { network_id: netId, ip_version: 4, cidr: CIDR, name: `${NET}-sub` },
    })).subnet.id;
    const net2 = (await api(token, 'POST', `${NEUTRON}/networks`, { network: { name: NET2 } })).network.id;
    subnet2Id = (await api(token, 'POST', `${NEUTRON}/subnets`, {
      subnet: { network_id: net2, ip_version: 4, cidr: CIDR2, name: `${NET2}-sub` },
    })).subnet.id;
    listedId = (await api(token, 'POST', `${NEUTRON}/routers`, { router: { name: LISTED } })).router.id;
  });

  test.afterAll(async () => {
    await cleanUp();
  });

  test('demo: create with a gateway, interfaces, static routes, clear the gateway, delete', async ({ page }) => {
    test.setTimeout(120_000);
    await login(page, 'demo');
    await inDemo(page, '/project/routers/');

    // Create Router on ext-net. SNAT is not offered: Neutron's policy keeps it for admins.
    await page.getByRole('button', { name: '+ Create Router' }).click();
    const dialog = page.locator('.modal-dialog');
    await dialog.locator('#id_name').fill(ROUTER);
    await expect(dialog.locator('#id_admin_state_up')).toBeChecked();
    await dialog.locator('#id_external_network').selectOption({ label: 'ext-net' });
    await expect(dialog.locator('#id_enable_snat')).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Create Router' }).click();
    await expect(page.locator('div.messages div.alert')).toHaveText(`Success: Router ${ROUTER} was successfully created.`);
    const row = page.locator(`table#routers tr[data-display="${ROUTER}"]`);
    await expect(row.locator('td.external-network')).toHaveText('ext-net');
    await expect(row.locator('td.admin-state')).toHaveText('UP');
    const router = await routerByName(ROUTER);
    expect(router.external_gateway_info.network_id).toBe(extNetId);
    expect(router.admin_state_up).toBe(true);

    // The detail page's overview names the gateway's network.
    await row.getByRole('link', { name: ROUTER }).click();
    await expect(page).toHaveURL(new RegExp(`/project/routers/${router.id}/$`));
    await hydrated(page);
    await expect(page.locator('#router_overview dd.network-name')).toHaveText('ext-net');
    await expect(page.locator('#router_overview dd.snat')).toHaveText('Enabled');

    // Interfaces: a fixed IP outside the subnet is refused at the field, and no port is made.
    await page.getByRole('tab', { name: 'Interfaces' }).click();
    await expect(page).toHaveURL(/tab=router_details__interfaces/);
    await page.getByRole('button', { name: '+ Add Interface' }).click();
    const subnetLabel = `${NET}: ${NET}-sub (${CIDR})`;
    await dialog.locator('#id_subnet_id').selectOption({ label: subnetLabel });
    await dialog.locator('#id_ip_address').fill('10.9.9.9');
    await dialog.getByRole('button', { name: 'Add Interface' }).click();
    await expect(dialog.locator('.field-error[data-field="ip_address"]')).toContainText(`not inside the network ${CIDR}`);
    await expect(dialog.locator('#id_ip_address')).toHaveValue('10.9.9.9');
    await expect(dialog.getByRole('button', { name: 'Add Interface' })).toBeEnabled();
    await page.screenshot({ path: 'screenshots/routers-add-interface-error.png' });
    // The server makes the same check whatever the browser did.
    const direct = await page.request.post('/api/add_router_interface', {
      form: { router_id: router.id, subnet_id: subnetId, ip_address: '10.9.9.9' },
    });
    expect(direct.ok()).toBe(false);
    expect(await direct.json()).toMatchObject({ BadInput: { field: 'ip_address' } });
    expect((await api(token, 'GET', `${NEUTRON}/ports?network_id=${netId}&device_owner=network:router_interface`)).ports).toHaveLength(0);

    // Without a fixed IP the interface takes the subnet's gateway address.
    await dialog.locator('#id_ip_address').fill('');
    await dialog.getByRole('button', { name: 'Add Interface' }).click();
    const gatewayIp = CIDR.replace('.0/24', '.1');
    await expect(page.locator('div.messages div.alert')).toHaveText(`Success: Interface added ${gatewayIp}`);
    let ports = await routerPorts(router.id);
    expect(ports).toHaveLength(1);
    expect(ports[0].fixed_ips[0].subnet_id).toBe(subnetId);
    await expect(page.locator('table#interfaces tbody tr', { hasText: gatewayIp }).locator('td.type')).toHaveText('Internal Interface');

    // With a fixed IP: a port is made with it first, then plugged in.
    await page.getByRole('button', { name: '+ Add Interface' }).click();
    await expect(dialog.locator('#id_subnet_id option', { hasText: subnetLabel })).toHaveCount(0);
    await dialog.locator('#id_subnet_id').selectOption({ label: `${NET2}: ${NET2}-sub (${CIDR2})` });
    const fixedIp = CIDR2.replace('.0/24', '.20');
    await dialog.locator('#id_ip_address').fill(fixedIp);
    await dialog.getByRole('button', { name: 'Add Interface' }).click();
    await expect(page.locator('div.messages div.alert')).toHaveText(`Success: Interface added ${fixedIp}`);
    ports = await routerPorts(router.id);
    expect(ports.map((p: any) => p.fixed_ips[0].ip_address).sort()).toEqual([gatewayIp, fixedIp].sort());
    expect(ports.find((p: any) => p.fixed_ips[0].ip_address === fixedIp).fixed_ips[0].subnet_id).toBe(subnet2Id);
    await expect(page.locator('table#interfaces tbody tr')).toHaveCount(2);
    await page.screenshot({ path: 'screenshots/routers-detail-interfaces.png', fullPage: true });

    // Delete Interface (the one on the second subnet), confirmed.
    await page.locator('table#interfaces tbody tr', { hasText: fixedIp }).getByRole('button', { name: 'Delete Interface' }).click();
    await confirmDialog(page, 'Delete Interface');
    await expect(page.locator('div.messages div.alert')).toContainText('Success: Deleted Interface: ');
    await expect(page.locator('table#interfaces tbody tr')).toHaveCount(1);
    ports = await routerPorts(router.id);
    expect(ports.map((p: any) => p.fixed_ips[0].ip_address)).toEqual([gatewayIp]);

    // Static routes: one through the interface's subnet...
    await page.getByRole('tab', { name: 'Static Routes' }).click();
    await page.getByRole('button', { name: '+ Add Static Route' }).click();
    const nexthop = CIDR.replace('.0/24', '.5');
    await dialog.locator('#id_destination').fill('192.168.77.0/24');
    await dialog.locator('#id_nexthop').fill(nexthop);
    await dialog.getByRole('button', { name: 'Add Static Route' }).click();
    await expect(page.locator('div.messages div.alert')).toHaveText('Success: Static route added');
    await expect(page.locator(`table#extra_routes tr[data-display="192.168.77.0/24 -> ${nexthop}"]`)).toBeVisible();
    expect((await routerByName(ROUTER)).routes).toEqual([{ destination: '192.168.77.0/24', nexthop }]);

    // ...a destination that is no network is refused at its field; the routes stay as they were.
    await page.getByRole('button', { name: '+ Add Static Route' }).click();
    await dialog.locator('#id_destination').fill('10.0.0.300/24');
    await dialog.locator('#id_nexthop').fill(nexthop);
    await dialog.getByRole('button', { name: 'Add Static Route' }).click();
    await expect(dialog.locator('.field-error[data-field="destination"]')).toContainText('is not a network address');
    await expect(dialog.locator('#id_destination')).toHaveValue('10.0.0.300/24');
    const directRoute = await page.request.post('/api/add_router_route', {
      form: { router_id: router.id, destination: '10.0.0.300/24', nexthop },
    });
    expect(directRoute.ok()).toBe(false);
    expect(await directRoute.json()).toMatchObject({ BadInput: { field: 'destination' } });
    // A next hop of the other IP version, likewise.
    await dialog.locator('#id_destination').fill('192.168.78.0/24');
    await dialog.locator('#id_nexthop').fill('fd00::1');
    await dialog.getByRole('button', { name: 'Add Static Route' }).click();
    await expect(dialog.locator('.field-error[data-field="nexthop"]')).toContainText('must be an IPv4 address');
    expect((await routerByName(ROUTER)).routes).toHaveLength(1);
    // Neutron's own refusal (a next hop on no subnet of the router) is an Error banner.
    await dialog.locator('#id_nexthop').fill('10.250.250.250');
    await dialog.getByRole('button', { name: 'Add Static Route' }).click();
    await expect(dialog.locator('div.messages div.alert')).toContainText('Error: Invalid format for routes:');
    await dialog.getByRole('button', { name: 'Close' }).click();
    expect((await routerByName(ROUTER)).routes).toHaveLength(1);

    // Delete Static Route, confirmed.
    await page.locator('table#extra_routes tbody tr', { hasText: '192.168.77.0/24' }).getByRole('button', { name: 'Delete Static Route' }).click();
    await confirmDialog(page, 'Delete Static Route');
    await expect(page.locator('div.messages div.alert')).toHaveText(`Success: Deleted Static Route: 192.168.77.0/24 -> ${nexthop}`);
    expect((await routerByName(ROUTER)).routes).toEqual([]);

    // Back on the list: Clear Gateway, confirmed.
    await page.goto('/project/routers/');
    await hydrated(page);
    await page.screenshot({ path: 'screenshots/routers.png', fullPage: true });
    await row.getByRole('button', { name: 'Clear Gateway' }).click();
    await confirmDialog(page, 'Clear Gateway');
    await expect(page.locator('div.messages div.alert')).toHaveText(`Success: Cleared Gateway: ${ROUTER}`);
    await expect(row.locator('td.external-network')).toHaveText('-');
    expect((await routerByName(ROUTER)).external_gateway_info).toBeNull();

    // Delete Router with its interface still on, and a static route through it: Meridian
    // removes the route and detaches the interface first.
    await api(token, 'PUT', `${NEUTRON}/routers/${router.id}/add_extraroutes`, {
      router: { routes: [{ destination: '192.168.79.0/24', nexthop }] },
    });
    await row.getByRole('button', { name: 'Delete Router' }).click();
    await expect(page.locator('.modal-dialog')).toContainText(`You have selected: ${ROUTER}.`);
    await confirmDialog(page, 'Delete Router');
    await expect(page.locator('div.messages div.alert')).toHaveText(`Success: Deleted Router: ${ROUTER}`);
    await expect(row).toHaveCount(0);
    expect(await routerByName(ROUTER)).toBeUndefined();
    expect(await routerPorts(router.id)).toHaveLength(0);
  });

  test('demo: edit a router; set its gateway; a member is refused Admin › Routers', async ({ page }) => {
    await login(page, 'demo');
    await inDemo(page, '/project/routers/');
    const row = page.locator(`table#routers tr[data-display="${LISTED}"]`);
    await row.getByRole('button', { name: 'Edit Router' }).click();
    const dialog = page.locator('.modal-dialog');
    await expect(dialog.locator('#id_name')).toHaveValue(LISTED);
    await dialog.locator('#id_admin_state').uncheck();
    await dialog.getByRole('button', { name: 'Save Changes' }).click();
    await expect(page.locator('div.messages div.alert')).toHaveText(`Success: Router ${LISTED} was successfully updated.`);
    await expect(row.locator('td.admin-state')).toHaveText('DOWN');
    expect((await routerByName(LISTED)).admin_state_up).toBe(false);

    await row.getByRole('button', { name: 'Set Gateway' }).click();
    await expect(dialog.locator('#id_enable_snat')).toHaveCount(0);
    await dialog.locator('#id_network_id').selectOption({ label: 'ext-net' });
    await dialog.getByRole('button', { name: 'Set Gateway' }).click();
    await expect(page.locator('div.messages div.alert')).toHaveText('Success: Gateway interface is added');
    await expect(row.locator('td.external-network')).toHaveText('ext-net');
    expect((await routerByName(LISTED)).external_gateway_info.network_id).toBe(extNetId);

    await page.goto('/admin/routers/');
    await expect(page.locator('h1')).toHaveText('Forbidden');
    await expect(page.locator('table#routers')).toHaveCount(0);
  });

  test('admin sees every project\'s routers, with the project', async ({ page }) => {
    await login(page, 'admin', '/admin/routers/');
    await hydrated(page);
    const row = page.locator(`table#routers tr[data-display="${LISTED}"]`);
    await expect(row.locator('td').nth(1)).toHaveText(PROJECTS.demo);
    await expect(row.getByRole('link', { name: LISTED })).toHaveAttribute('href', `/admin/routers/${listedId}/`);
    await expect(page.getByRole('button', { name: 'Delete Routers' })).toBeVisible();
    await page.screenshot({ path: 'screenshots/routers-admin.png', fullPage: true });
    // The detail page, with the gateway's port (visible to an admin) among the interfaces.
    await row.getByRole('link', { name: LISTED }).click();
    await expect(page.locator('h1')).toHaveText(LISTED);
    await page.getByRole('tab', { name: 'Interfaces' }).click();
    await expect(page.locator('table#interfaces tbody tr td.type')).toHaveText(['External Gateway']);
  });

  test('an admin may turn SNAT off when creating a router', async ({ page }) => {
    const name = `e2e-rt-nosnat-${rand}`;
    await login(page, 'admin', '/project/routers/');
    await hydrated(page);
    await page.getByRole('button', { name: '+ Create Router' }).click();
    const dialog = page.locator('.modal-dialog');
    await dialog.locator('#id_name').fill(name);
    await dialog.locator('#id_external_network').selectOption({ label: 'ext-net' });
    await expect(dialog.locator('#id_enable_snat')).toBeChecked();
    await dialog.locator('#id_enable_snat').uncheck();
    await dialog.getByRole('button', { name: 'Create Router' }).click();
    await expect(page.locator('div.messages div.alert', { hasText: name })).toHaveText(`Success: Router ${name} was successfully created.`);
    const admin = await scopedToken('admin', 'admin');
    const router = (await api(admin, 'GET', `${NEUTRON}/routers?name=${name}`)).routers[0];
    expect(router.external_gateway_info.network_id).toBe(extNetId);
    expect(router.external_gateway_info.enable_snat).toBe(false);
    await api(admin, 'DELETE', `${NEUTRON}/routers/${router.id}`);
  });

  test('a reader sees the routers and no action', async ({ page }) => {
    await login(page, 'reader');
    await inDemo(page, '/project/routers/');
    const row = page.locator(`table#routers tr[data-display="${LISTED}"]`);
    await expect(row).toBeVisible();
    await expect(page.getByRole('button', { name: '+ Create Router' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Delete Routers' })).toHaveCount(0);
    await expect(row.locator('td.actions_column button')).toHaveCount(0);
    await row.getByRole('link', { name: LISTED }).click();
    await page.getByRole('tab', { name: 'Interfaces' }).click();
    await expect(page.locator('table#interfaces')).toBeVisible();
    await expect(page.getByRole('button', { name: '+ Add Interface' })).toHaveCount(0);
  });
});
