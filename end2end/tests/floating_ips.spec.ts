import { test, expect, login, scopedToken, adminToken, projectId, api, NEUTRON, ensureNetwork, bootServers, deleteServers, listServers, PROJECTS } from './helpers';
import type { Page } from '@playwright/test';

// Everything here is named e2e-fip-*: the test cloud is shared.
const NET = 'e2e-fip-net';
const ROUTER = 'e2e-fip-router';
const SERVER = 'e2e-fip-vm';
const TAG = 'e2e-fip';

type Fip = { id: string; floating_ip_address: string; port_id: string | null; fixed_ip_address: string | null; project_id: string };

async function fips(token: string, query: string): Promise<Fip[]> {
  return (await api(token, 'GET', `${NEUTRON}/floatingips?${query}`)).floatingips;
}

/** Releases every floating IP this spec allocated (its description starts with the tag). */
async function releaseOurs(token: string) {
  for (const f of (await api(token, 'GET', `${NEUTRON}/floatingips`)).floatingips) {
    if ((f.description ?? '').startsWith(TAG)) await api(token, 'DELETE', `${NEUTRON}/floatingips/${f.id}`).catch(() => {});
  }
}

/** Orders IPv4 addresses as numbers, as the table does. */
function byAddress(a: string, b: string) {
  const n = (ip: string) => ip.split('.').reduce((acc, p) => acc * 256 + Number(p), 0);
  return n(a) - n(b);
}

async function extNet(token: string): Promise<string> {
  return (await api(token, 'GET', `${NEUTRON}/networks?name=ext-net`)).networks[0].id;
}

/** Opens `path` (in project `projectId` when given: demo is also a member of alt). */
async function hydrated(page: Page, path: string, projectId?: string) {
  await page.goto(projectId ? `/auth/switch/${projectId}/?next=${encodeURIComponent(path)}` : path);
  await expect(page).toHaveURL(new RegExp(`${path}$`));
  await page.waitForFunction(() => (window as any).__meridian_hydrated === true);
}

test.describe('Project › Floating IPs', () => {
  let token = '';
  let demoId = '';
  let ext = '';
  let serverPort = { id: '', ip: '' };

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    token = await scopedToken('demo', PROJECTS.demo);
    demoId = await projectId(PROJECTS.demo);
    ext = await extNet(token);
    await releaseOurs(token);
    // A floating IP needs a router joining the instance's subnet to the external network.
    const net = await ensureNetwork(token, NET, '10.193.0.0/24');
    const subnet = (await api(token, 'GET', `${NEUTRON}/subnets?network_id=${net}`)).subnets[0].id;
    let router = (await api(token, 'GET', `${NEUTRON}/routers?name=${ROUTER}`)).routers[0];
    if (!router) {
      router = (await api(token, 'POST', `${NEUTRON}/routers`, {
        router: { name: ROUTER, external_gateway_info: { network_id: ext } },
      })).router;
      await api(token, 'PUT', `${NEUTRON}/routers/${router.id}/add_router_interface`, { subnet_id: subnet });
    }
    if ((await listServers(token, SERVER)).length === 0) await bootServers(token, SERVER, 1, net);
    const server = (await listServers(token, SERVER))[0];
    const port = (await api(token, 'GET', `${NEUTRON}/ports?device_id=${server.id}`)).ports[0];
    serverPort = { id: port.id, ip: port.fixed_ips[0].ip_address };
  });

  test.afterAll(async () => {
    test.setTimeout(180_000);
    await releaseOurs(await adminToken());
    await deleteServers(token, SERVER);
    const router = (await api(token, 'GET', `${NEUTRON}/routers?name=${ROUTER}`)).routers[0];
    const net = (await api(token, 'GET', `${NEUTRON}/networks?name=${NET}`)).networks[0];
    if (router) {
      const subnets = net ? (await api(token, 'GET', `${NEUTRON}/subnets?network_id=${net.id}`)).subnets : [];
      for (const s of subnets) {
        await api(token, 'PUT', `${NEUTRON}/routers/${router.id}/remove_router_interface`, { subnet_id: s.id }).catch(() => {});
      }
      await api(token, 'DELETE', `${NEUTRON}/routers/${router.id}`).catch(() => {});
    }
    if (net) await api(token, 'DELETE', `${NEUTRON}/networks/${net.id}`).catch(() => {});
  });

  test('allocate, associate, disassociate, release', async ({ page }) => {
    await login(page, 'demo');
    await hydrated(page, '/project/floating_ips/', demoId);

    // Allocate from ext-net, with a description; the dialog shows the quota left.
    await page.locator('#floating_ips__action_allocate').click();
    const dialog = page.locator('.modal-dialog');
    await expect(dialog.locator('.quota-left')).toContainText('available');
    await expect(dialog.locator('#id_pool option')).toContainText(['ext-net']);
    await dialog.locator('#id_pool').selectOption({ label: 'ext-net' });
    await dialog.locator('#id_description').fill(`${TAG}-one`);
    await dialog.getByRole('button', { name: 'Allocate IP' }).click();
    const alert = page.locator('div.messages div.alert').last();
    await expect(alert).toHaveText(/^Success: Allocated Floating IP [\d.]+\.$/);
    const ip = (await alert.textContent())!.match(/([\d.]+)\.$/)![1];
    const [created] = await fips(token, `floating_ip_address=${ip}`);
    expect(created.project_id).toBe(demoId);
    expect(created.port_id).toBeNull();
    const row = page.locator(`table#floating_ips tr[data-display="${ip}"]`);
    await expect(row.locator('td.pool')).toHaveText('ext-net');
    await expect(row.locator('td.description')).toHaveText(`${TAG}-one`);

    // Associate with no port chosen: the field says so, and Neutron is unchanged.
    await row.getByRole('button', { name: 'Associate' }).click();
    await expect(dialog.locator('#id_ip_id')).toHaveValue(created.id);
    await dialog.getByRole('button', { name: 'Associate' }).click();
    await expect(dialog.locator('.field-error[data-field="port_id"]')).toHaveText('This field is required.');
    await page.screenshot({ path: 'screenshots/floating_ips_associate_error.png', fullPage: true });
    expect((await fips(token, `id=${created.id}`))[0].port_id).toBeNull();

    // Associate with the instance's port, offered as "<instance>: <fixed ip>".
    await dialog.locator('#id_port_id').selectOption({ label: `${SERVER}: ${serverPort.ip}` });
    await dialog.getByRole('button', { name: 'Associate' }).click();
    await expect(alert).toHaveText(`Success: IP address ${ip} associated.`);
    await expect(dialog).toHaveCount(0);
    const [associated] = await fips(token, `id=${created.id}`);
    expect(associated.port_id).toBe(serverPort.id);
    expect(associated.fixed_ip_address).toBe(serverPort.ip);
    const mapped = row.locator('td.fixed_ip a');
    await expect(mapped).toHaveText(`${SERVER} ${serverPort.ip}`);
    await expect(mapped).toHaveAttribute('href', /^\/project\/instances\/[0-9a-f-]+\/$/);
    await page.screenshot({ path: 'screenshots/floating_ips.png', fullPage: true });

    // Disassociate, confirmed first.
    await row.getByRole('button', { name: 'Disassociate' }).click();
    await expect(dialog).toContainText(`You have selected: ${ip}.`);
    await dialog.getByRole('button', { name: 'Disassociate' }).click();
    await expect(alert).toHaveText(`Success: Successfully disassociated Floating IP: ${ip}`);
    expect((await fips(token, `id=${created.id}`))[0].port_id).toBeNull();
    await expect(row.locator('td.fixed_ip')).toHaveText('-');

    // Release, confirmed first.
    await row.getByRole('button', { name: 'Release Floating IP' }).click();
    await dialog.getByRole('button', { name: 'Release Floating IP' }).click();
    await expect(alert).toHaveText(`Success: Released Floating IP: ${ip}`);
    await expect(row).toHaveCount(0);
    expect(await fips(token, `id=${created.id}`)).toEqual([]);
  });

  test('batch release, and a reader sees no mutating action', async ({ page }) => {
    const made: Fip[] = [];
    for (const n of [1, 2]) {
      made.push((await api(token, 'POST', `${NEUTRON}/floatingips`, {
        floatingip: { floating_network_id: ext, description: `${TAG}-batch-${n}` },
      })).floatingip);
    }
    const ips = made.map((f) => f.floating_ip_address);

    await login(page, 'reader');
    await hydrated(page, '/project/floating_ips/');
    await expect(page.locator(`table#floating_ips tr[data-display="${ips[0]}"]`)).toBeVisible();
    await expect(page.locator('#floating_ips__action_allocate')).toHaveCount(0);
    await expect(page.locator('#floating_ips__action_release')).toHaveCount(0);
    await expect(page.getByRole('button', { name: /Release|Associate/ })).toHaveCount(0);

    await page.context().clearCookies();
    await login(page, 'demo');
    await hydrated(page, '/project/floating_ips/', demoId);
    for (const ip of ips) {
      await page.locator(`table#floating_ips tr[data-display="${ip}"] input.select-row`).check();
    }
    await page.locator('#floating_ips__action_release').click();
    const dialog = page.locator('.modal-dialog');
    await expect(dialog).toContainText(ips[0]);
    await dialog.getByRole('button', { name: 'Release Floating IPs' }).click();
    await expect(page.locator('div.messages div.alert').last()).toHaveText(`Success: Released Floating IPs: ${[...ips].sort(byAddress).join(', ')}`);
    for (const f of made) expect(await fips(token, `id=${f.id}`)).toEqual([]);
    for (const ip of ips) await expect(page.locator(`table#floating_ips tr[data-display="${ip}"]`)).toHaveCount(0);
  });

  test('Admin › Floating IPs: every project, allocate for a project, release', async ({ page }) => {
    const demoFip = (await api(token, 'POST', `${NEUTRON}/floatingips`, {
      floatingip: { floating_network_id: ext, description: `${TAG}-admin-view` },
    })).floatingip;

    // Not for a member.
    await login(page, 'demo');
    const res = await page.goto('/admin/floating_ips/');
    expect(res!.status()).toBe(403);
    await expect(page.locator('table#floating_ips')).toHaveCount(0);

    await page.context().clearCookies();
    await login(page, 'admin');
    await hydrated(page, '/admin/floating_ips/');
    const row = page.locator(`table#floating_ips tr[data-display="${demoFip.floating_ip_address}"]`);
    await expect(row.locator('td.project')).toHaveText(PROJECTS.demo);

    // Allocate for demo.
    await page.locator('#floating_ips__action_allocate').click();
    const dialog = page.locator('.modal-dialog');
    await dialog.locator('#id_project_id').selectOption({ label: PROJECTS.demo });
    await dialog.locator('#id_pool').selectOption({ label: 'ext-net' });
    await dialog.locator('#id_description').fill(`${TAG}-by-admin`);
    await dialog.getByRole('button', { name: 'Allocate IP' }).click();
    const alert = page.locator('div.messages div.alert').last();
    await expect(alert).toHaveText(/^Success: Allocated Floating IP [\d.]+\.$/);
    const ip = (await alert.textContent())!.match(/([\d.]+)\.$/)![1];
    const [created] = await fips(token, `floating_ip_address=${ip}`);
    expect(created.project_id).toBe(demoId);
    await expect(page.locator(`table#floating_ips tr[data-display="${ip}"] td.project`)).toHaveText(PROJECTS.demo);
    await page.screenshot({ path: 'screenshots/floating_ips_admin.png', fullPage: true });

    // Release demo's, as admin.
    await row.getByRole('button', { name: 'Release Floating IP' }).click();
    await dialog.getByRole('button', { name: 'Release Floating IP' }).click();
    await expect(alert).toHaveText(`Success: Released Floating IP: ${demoFip.floating_ip_address}`);
    expect(await fips(token, `id=${demoFip.id}`)).toEqual([]);
  });
});
