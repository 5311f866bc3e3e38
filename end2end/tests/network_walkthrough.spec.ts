import type { Page } from '@playwright/test';
import { test, expect, login, scopedToken, api, projectId, NEUTRON } from './helpers';

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

async function hydrated(page: Page) {
  await page.waitForFunction(() => (window as any).__meridian_hydrated === true);
}

async function expectFlash(page: Page, text: string) {
  await expect(page.locator('div.messages div.alert', { hasText: text })).toBeVisible();
}

test.describe.serial('Networking walk-through', () => {
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
      const { ports } = await api(admin, 'GET', `${NEUTRON}/ports?network_id=${seed.id}`);
      expect(ports, 'ext-net must be unused (no router gateway or floating IP) to be made again').toEqual([]);
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
    await dialog.locator('#id_tenant_id').selectOption({ label: 'demo' });
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
});
