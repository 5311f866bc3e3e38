import { test, expect, login, scopedToken, adminToken, projectId, api, NEUTRON, KEYSTONE, bootServers, deleteServers, listServers, PROJECTS, USERS } from './helpers';

// Named e2e-fip-topo-*: the test cloud is shared.
const NET = 'e2e-fip-topo-net';
const ROUTER = 'e2e-fip-topo-router';
const SERVERS = 'e2e-fip-topo-vm';

async function cleanUp(token: string) {
  await deleteServers(token, SERVERS);
  const routers = (await api(token, 'GET', `${NEUTRON}/routers?name=${ROUTER}`)).routers;
  const nets = (await api(token, 'GET', `${NEUTRON}/networks?name=${NET}`)).networks;
  for (const r of routers) {
    for (const n of nets) {
      for (const s of (await api(token, 'GET', `${NEUTRON}/subnets?network_id=${n.id}`)).subnets) {
        await api(token, 'PUT', `${NEUTRON}/routers/${r.id}/remove_router_interface`, { subnet_id: s.id }).catch(() => {});
      }
    }
    await api(token, 'DELETE', `${NEUTRON}/routers/${r.id}`).catch(() => {});
  }
  for (const n of nets) await api(token, 'DELETE', `${NEUTRON}/networks/${n.id}`).catch(() => {});
}

test.describe('Project › Network Topology', () => {
  let token = '';
  test.beforeAll(async () => {
    test.setTimeout(150_000);
    token = await scopedToken('demo', PROJECTS.demo);
    await cleanUp(token);
  });
  test.afterAll(async () => {
    test.setTimeout(150_000);
    await cleanUp(token);
  });

  test('draws a router joining ext-net and a network, and follows changes', async ({ page }) => {
    test.setTimeout(150_000);
    const ext = (await api(token, 'GET', `${NEUTRON}/networks?name=ext-net`)).networks[0].id;
    const net = (await api(token, 'POST', `${NEUTRON}/networks`, { network: { name: NET } })).network;
    const subnet = (await api(token, 'POST', `${NEUTRON}/subnets`, {
      subnet: { network_id: net.id, ip_version: 4, cidr: '10.194.0.0/24', name: `${NET}-sub` },
    })).subnet;
    const router = (await api(token, 'POST', `${NEUTRON}/routers`, {
      router: { name: ROUTER, external_gateway_info: { network_id: ext } },
    })).router;
    await api(token, 'PUT', `${NEUTRON}/routers/${router.id}/add_router_interface`, { subnet_id: subnet.id });
    await bootServers(token, SERVERS, 3, net.id);
    const servers = await listServers(token, SERVERS);

    await login(page, 'demo', `/auth/switch/${await projectId(PROJECTS.demo)}/?next=${encodeURIComponent('/project/network_topology/')}`);
    await expect(page).toHaveURL(/\/project\/network_topology\/$/);
    await page.waitForFunction(() => (window as any).__meridian_hydrated === true);

    const svg = page.locator('#topology svg');
    const routerBox = svg.locator(`g.router[data-id="${router.id}"]`);
    await expect(routerBox).toHaveAttribute('data-name', ROUTER);
    await expect(routerBox.locator('xpath=..')).toHaveAttribute('href', `/project/routers/${router.id}/`);
    await expect(routerBox.locator('title')).toHaveText(new RegExp(`^Router ${ROUTER}`));
    // The network bar: its name and CIDR, and a link to its page.
    const netBar = svg.locator(`g.network[data-id="${net.id}"]`);
    await expect(netBar).toHaveAttribute('data-name', NET);
    await expect(netBar.locator('text')).toContainText('10.194.0.0/24');
    await expect(netBar.locator('xpath=..')).toHaveAttribute('href', `/project/networks/${net.id}/`);
    await expect(svg.locator(`g.network.external[data-id="${ext}"]`)).toHaveAttribute('data-name', 'ext-net');
    // Lines: the gateway to ext-net, the interface to the new network.
    await expect(svg.locator(`line.link.gateway[data-from="${router.id}"][data-to="${ext}"]`)).toHaveCount(1);
    const iface = svg.locator(`line.link.interface[data-from="${router.id}"][data-to="${net.id}"]`);
    await expect(iface).toHaveCount(1);
    await expect(iface.locator('title')).toContainText('10.194.0.1');
    // Each instance, linked to its page and joined to the new network.
    for (const s of servers) {
      const box = svg.locator(`g.instance[data-id="${s.id}"]`);
      await expect(box).toHaveAttribute('data-name', s.name);
      await expect(box.locator('xpath=..')).toHaveAttribute('href', `/project/instances/${s.id}/`);
      await expect(svg.locator(`line.link[data-from="${s.id}"][data-to="${net.id}"]`)).toHaveCount(1);
    }
    await page.screenshot({ path: 'screenshots/topology.png', fullPage: true });

    // Remove the interface behind the page's back: within a refresh, the line goes.
    await api(token, 'PUT', `${NEUTRON}/routers/${router.id}/remove_router_interface`, { subnet_id: subnet.id });
    await expect(iface).toHaveCount(0, { timeout: 25_000 });
    await expect(svg.locator(`line.link[data-from="${router.id}"][data-to="${ext}"]`)).toHaveCount(1);
    await expect(netBar).toHaveCount(1);
  });

  test('a project with nothing in it says where to start', async ({ page }) => {
    // A project of its own, made for this test and given to demo, is surely empty.
    const admin = await adminToken();
    const name = `e2e-fip-empty-${Date.now()}`;
    const { project } = await api(admin, 'POST', `${KEYSTONE}/projects`, { project: { name, domain_id: 'default' } });
    const [demoUser] = (await api(admin, 'GET', `${KEYSTONE}/users?name=${USERS.demo.name}`)).users;
    const [member] = (await api(admin, 'GET', `${KEYSTONE}/roles?name=member`)).roles;
    await api(admin, 'PUT', `${KEYSTONE}/projects/${project.id}/users/${demoUser.id}/roles/${member.id}`);
    try {
      await login(page, 'demo', `/auth/switch/${project.id}/?next=${encodeURIComponent('/project/network_topology/')}`);
      await expect(page.locator('.empty-topology')).toContainText('no networks, routers or instances');
      await expect(page.locator('.empty-topology').getByRole('link', { name: 'Create Network' })).toHaveAttribute('href', '/project/networks/');
      await expect(page.locator('.empty-topology').getByRole('link', { name: 'Create Router' })).toHaveAttribute('href', '/project/routers/');
      await expect(page.locator('#topology')).toHaveCount(0);
      await page.screenshot({ path: 'screenshots/topology_empty.png', fullPage: true });
    } finally {
      await api(admin, 'DELETE', `${KEYSTONE}/projects/${project.id}`);
    }
  });
});
