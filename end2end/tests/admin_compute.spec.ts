import { readFileSync } from 'node:fs';
import {
  test,
  expect,
  login,
  adminToken,
  scopedToken,
  projectId,
  api,
  ensureNetwork,
  bootServers,
  deleteServers,
  listServers,
  NOVA,
  NEUTRON,
  PROJECTS,
} from './helpers';

/**
 * Admin pages checked against the services' own answers:
 * - Admin › Hypervisors against Nova `GET /os-hypervisors/detail` and `GET /os-services`
 *   (only what does not move while other workers boot servers: names, types, states, totals);
 * - a network's admin detail page (`/admin/networks/<id>/`) against Neutron's network, subnet
 *   and port;
 * - `/admin/usage.csv` against Nova `GET /os-simple-tenant-usage/{project}` for this worker's
 *   project, with a server booted for it.
 */

/** "512 MB", "50 GB", "1.5 GB": how the charts write an amount (MB read as GB from 1 GB; src/components/quota_chart.rs). */
function amount(value: number, unit: string): string {
  if (unit === '') return String(value);
  if (unit === 'MB' && value >= 1024) {
    if (value % 1024 === 0) return `${value / 1024} GB`;
    // One decimal, a tie rounded to even (as Rust's `{:.1}` does; tenths of MB/1024 are exact).
    const tenths = (value * 10) / 1024;
    const down = Math.floor(tenths);
    const frac = tenths - down;
    const r = frac > 0.5 || (frac === 0.5 && down % 2 === 1) ? down + 1 : down;
    return `${(r / 10).toFixed(1)} GB`;
  }
  return `${value} ${unit}`;
}

/** `YYYY-MM-DDTHH:MM:SS` in UTC, as both Nova and the overviews take it. */
const stamp = (d: Date) => d.toISOString().slice(0, 19);

const hydrated = (page) => page.waitForFunction(() => (window as any).__meridian_hydrated === true);

test.describe('Admin › Hypervisors', () => {
  test('shows each hypervisor and compute service as Nova has them', async ({ page }) => {
    const admin = await adminToken();
    await login(page, 'admin', '/admin/hypervisors/');
    await page.screenshot({ path: 'screenshots/admin-hypervisors-detail.png', fullPage: true });
    let first = true;
    await expect(async () => {
      // Asked again with the page: a service's state could change between two looks.
      if (!first) await page.reload();
      first = false;
      const [{ hypervisors }, { services }] = await Promise.all([
        api(admin, 'GET', `${NOVA}/os-hypervisors/detail`),
        api(admin, 'GET', `${NOVA}/os-services`),
      ]);
      expect(hypervisors.length).toBeGreaterThan(0);
      const rows = page.locator('table#hypervisors tbody tr[data-display]');
      await expect(rows).toHaveCount(hypervisors.length, { timeout: 1 });
      for (const h of hypervisors) {
        const cells = await page.locator(`table#hypervisors tr[data-display="${h.hypervisor_hostname}"] td`).allTextContents();
        // Hostname, type, VCPUs (total), RAM (total), local storage (total), state, status.
        expect([cells[0], cells[1], cells[3], cells[5], cells[7], cells[9], cells[10]]).toEqual([
          h.hypervisor_hostname,
          h.hypervisor_type,
          String(h.vcpus),
          `${h.memory_mb} MB`,
          `${h.local_gb} GB`,
          h.state,
          h.status,
        ]);
      }
      // The summary's totals are the sums of the hypervisors'.
      const sum = (k: string) => hypervisors.reduce((s, h) => s + h[k], 0);
      const summary = (slug: string) => page.locator(`#hypervisor-summary .quota-chart[data-quota="${slug}"] .quota-summary`).textContent();
      expect(await summary('vcpu_usage')).toMatch(new RegExp(` of ${sum('vcpus')}$`));
      expect(await summary('memory_usage')).toMatch(new RegExp(` of ${amount(sum('memory_mb'), 'MB').replace('.', '\\.')}$`));
      expect(await summary('local_disk_usage')).toMatch(new RegExp(` of ${sum('local_gb')} GB$`));

      // Compute services: one row each, with Nova's zone, status and state.
      await expect(page.locator('table#compute_services tbody tr[data-display]')).toHaveCount(services.length, { timeout: 1 });
      for (const s of services) {
        const cells = await page.locator(`table#compute_services tr[data-display="${s.binary}@${s.host}"] td`).allTextContents();
        expect(cells.slice(0, 5)).toEqual([s.binary, s.host, s.zone, s.status, s.state]);
      }
    }).toPass({ timeout: 30_000 });
  });
});

test.describe('Admin › Networks › detail', () => {
  // Unique to this worker: the admin sees every project's networks, and a flat network owns
  // its physical network cloud-wide.
  const NET = `e2e-admnet-${PROJECTS.demo}`;
  const PHYSNET = `e2e-phys-${PROJECTS.demo}`;
  let admin = '';

  async function cleanup() {
    for (const n of (await api(admin, 'GET', `${NEUTRON}/networks?name=${NET}`)).networks) {
      for (const p of (await api(admin, 'GET', `${NEUTRON}/ports?network_id=${n.id}`)).ports)
        await api(admin, 'DELETE', `${NEUTRON}/ports/${p.id}`).catch(() => {});
      await api(admin, 'DELETE', `${NEUTRON}/networks/${n.id}`).catch(() => {});
    }
  }

  test.beforeAll(async () => {
    admin = await adminToken();
    await cleanup();
  });
  test.afterAll(async () => {
    await cleanup();
  });

  test("a project's provider network: the admin detail page shows what Neutron holds", async ({ page }) => {
    const demoId = await projectId(PROJECTS.demo);
    const { network: made } = await api(admin, 'POST', `${NEUTRON}/networks`, {
      network: {
        name: NET,
        project_id: demoId,
        admin_state_up: false,
        port_security_enabled: false,
        mtu: 1400,
        'provider:network_type': 'flat',
        'provider:physical_network': PHYSNET,
      },
    });
    const { subnet } = await api(admin, 'POST', `${NEUTRON}/subnets`, {
      subnet: {
        network_id: made.id,
        project_id: demoId,
        name: `${NET}-sub`,
        ip_version: 4,
        cidr: '10.91.0.0/24',
        gateway_ip: '10.91.0.1',
        enable_dhcp: false,
        allocation_pools: [{ start: '10.91.0.10', end: '10.91.0.20' }],
      },
    });
    const { port } = await api(admin, 'POST', `${NEUTRON}/ports`, {
      port: { network_id: made.id, project_id: demoId, name: `${NET}-port`, fixed_ips: [{ subnet_id: subnet.id, ip_address: '10.91.0.15' }] },
    });
    // What Neutron says now, to compare with.
    const { network } = await api(admin, 'GET', `${NEUTRON}/networks/${made.id}`);
    const { port: p } = await api(admin, 'GET', `${NEUTRON}/ports/${port.id}`);
    const titled = (s: string) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();
    const yesNo = (b: boolean) => (b ? 'Yes' : 'No');

    // From Admin › Networks: the row names demo's project and leads to the admin detail page.
    await login(page, 'admin', '/admin/networks/');
    await hydrated(page);
    const row = page.locator(`table#networks tr[data-display="${NET}"]`);
    await expect(row.locator('td.project')).toHaveText(PROJECTS.demo);
    await row.getByRole('link', { name: NET }).click();
    await expect(page).toHaveURL(`/admin/networks/${made.id}/`);
    await expect(page.locator('h1')).toHaveText(NET);
    await expect(page).toHaveTitle(`Network Details: ${NET} - Meridian`);
    await page.screenshot({ path: 'screenshots/admin-network-detail.png', fullPage: true });

    // Overview: every field, as Neutron has it.
    const overview = page.locator('#network_overview');
    await expect(overview).toBeVisible();
    const fields = await overview.locator('dt').evaluateAll((dts) =>
      Object.fromEntries(dts.map((dt) => [dt.textContent?.trim(), dt.nextElementSibling?.textContent?.trim()])),
    );
    expect(fields).toEqual({
      Name: network.name,
      ID: network.id,
      'Project ID': network.project_id,
      Status: titled(network.status),
      'Admin State': network.admin_state_up ? 'UP' : 'DOWN',
      Shared: yesNo(network.shared),
      'External Network': yesNo(network['router:external']),
      MTU: String(network.mtu),
      'Port Security': yesNo(network.port_security_enabled),
      'Provider Network Type': network['provider:network_type'],
      'Physical Network': network['provider:physical_network'],
      Subnets: `${subnet.name} ${subnet.cidr}`,
    });
    // The values this test chose, so a page and an API that both lost them would not agree by chance.
    expect([fields['Admin State'], fields['Port Security'], fields.MTU, fields['Physical Network']]).toEqual(['DOWN', 'No', '1400', PHYSNET]);

    // Subnets tab.
    await page.locator('#network_tabs__subnets_tab').click();
    const srow = page.locator(`table#subnets tr[data-display="${subnet.name}"]`);
    await expect(srow.locator('td')).toHaveText(['', subnet.name, subnet.cidr, 'IPv4', subnet.gateway_ip, 'No', '10.91.0.10 - 10.91.0.20', /.*/]);
    await page.screenshot({ path: 'screenshots/admin-network-detail-subnets.png', fullPage: true });

    // Ports tab.
    await page.locator('#network_tabs__ports_tab').click();
    const prow = page.locator(`table#ports tr[data-display="${p.name}"]`);
    await expect(prow.locator('td.fixed-ips')).toHaveText(p.fixed_ips.map((f) => f.ip_address).join(', '));
    const cells = await prow.locator('td').allTextContents();
    expect(cells.slice(1, 8)).toEqual([
      p.name,
      '10.91.0.15',
      p.mac_address,
      p.device_owner || 'Detached',
      'Port security disabled',
      titled(p.status),
      p.admin_state_up ? 'UP' : 'DOWN',
    ]);
    expect(p.port_security_enabled).toBe(false);
    await page.screenshot({ path: 'screenshots/admin-network-detail-ports.png', fullPage: true });

    // The breadcrumb leads back to Admin › Networks.
    await expect(page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Networks' })).toHaveAttribute(
      'href',
      '/admin/networks/',
    );
  });
});

test.describe('Admin › Overview usage CSV', () => {
  test.describe.configure({ timeout: 180_000 });
  const SERVER = 'e2e-admcsv';
  let token = '';

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    token = await scopedToken('demo', PROJECTS.demo);
    await deleteServers(token, SERVER);
  });
  test.afterAll(async () => {
    test.setTimeout(180_000);
    await deleteServers(token, SERVER);
  });

  test("/admin/usage.csv has a header and the project's rows, with Nova's figures", async ({ page }) => {
    const admin = await adminToken();
    const pid = await projectId(PROJECTS.demo);
    const net = await ensureNetwork(token, 'e2e-net', '10.77.0.0/24');
    const booted = new Date();
    await bootServers(token, SERVER, 1, net);
    const [{ id }] = await listServers(token, SERVER);

    // A period that has ended (so Nova's figures stand still) and in which the server ran.
    type ServerUsage = { instance_id: string; hours: number; vcpus: number; memory_mb: number; local_gb: number };
    let start = '';
    let end = '';
    let usages: ServerUsage[] = [];
    await expect
      .poll(async () => {
        start = stamp(new Date(booted.getTime() - 60_000));
        end = stamp(new Date(Date.now() - 1_000));
        const body = await api(admin, 'GET', `${NOVA}/os-simple-tenant-usage/${pid}?start=${start}&end=${end}`);
        usages = (body.tenant_usage?.server_usages ?? []) as ServerUsage[];
        return usages.some((u) => u.instance_id === id && u.hours * 3600 >= 2);
      }, { timeout: 60_000 })
      .toBe(true);
    const vcpuH = usages.reduce((s, u) => s + u.hours * u.vcpus, 0);
    const ramGbH = usages.reduce((s, u) => s + (u.hours * u.memory_mb) / 1024, 0);
    const diskGbH = usages.reduce((s, u) => s + u.hours * u.local_gb, 0);
    expect(vcpuH).toBeGreaterThan(0);

    // Admin › Overview for that period, and its "Download CSV Summary".
    await login(page, 'admin', `/admin/?start=${start}&end=${end}`);
    await hydrated(page);
    const link = page.locator('section#usage a.csv-download');
    await expect(link).toHaveAttribute('href', `/admin/usage.csv?start=${encodeURIComponent(start)}&end=${encodeURIComponent(end)}`);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(`usage_all_projects_${start.slice(0, 10)}_${end.slice(0, 10)}.csv`);
    const text = readFileSync(await download.path(), 'utf8');
    // The same file straight from the URL, with its content type.
    const res = await page.request.get(`/admin/usage.csv?start=${start}&end=${end}`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('text/csv; charset=utf-8');
    expect(await res.text()).toBe(text);

    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('project_id,project_name,start,end,resource,quantity,unit,unit_price,currency,cost');
    const ours = lines.slice(1).map((l) => l.split(',')).filter((f) => f[0] === pid);
    expect(ours.map((f) => f[4])).toEqual(['vCPU', 'RAM', 'Disk', 'Volumes', 'Floating IPs', 'Images', 'Total']);
    for (const f of ours) {
      expect(f.length).toBe(10);
      expect(f.slice(1, 4)).toEqual([PROJECTS.demo, `${start}Z`, `${end}Z`]);
    }
    const line = (kind: string) => ours.find((f) => f[4] === kind)!;
    expect(line('vCPU')[6]).toBe('vCPU-hours');
    expect(Number(line('vCPU')[5])).toBeCloseTo(vcpuH, 3);
    expect(line('RAM')[6]).toBe('GB-hours');
    expect(Number(line('RAM')[5])).toBeCloseTo(ramGbH, 3);
    expect(line('Disk')[6]).toBe('GB-hours');
    expect(Number(line('Disk')[5])).toBeCloseTo(diskGbH, 3);

    // A member may not have the cloud's report.
    await login(page, 'demo');
    const refused = await page.request.get(`/admin/usage.csv?start=${start}&end=${end}`);
    expect(refused.status()).toBe(403);
  });
});
