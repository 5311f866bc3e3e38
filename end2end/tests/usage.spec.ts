import { test, expect, login, adminToken, scopedToken, api, ensureNetwork, bootServers, deleteServers, NOVA, NEUTRON, USERS } from './helpers';

const KEYSTONE = process.env.MERIDIAN_AUTH_URL ?? 'http://127.0.0.1:5000/v3';

type Prices = { currency: string; vcpu_hour: number; ram_gb_hour: number; disk_gb_hour: number };

/** The prices the server was started with (scripts/test sets MERIDIAN_PRICES for both). */
function prices(): Prices {
  const text = process.env.MERIDIAN_PRICES;
  if (!text) throw new Error('MERIDIAN_PRICES is not set: scripts/test sets it for Meridian and for this test');
  const p: Record<string, string> = {};
  for (const part of text.split(/[,;]/)) {
    const [k, v] = part.split('=').map((s) => s.trim());
    if (k) p[k] = v;
  }
  return { currency: p.currency ?? '', vcpu_hour: Number(p.vcpu_hour ?? 0), ram_gb_hour: Number(p.ram_gb_hour ?? 0), disk_gb_hour: Number(p.disk_gb_hour ?? 0) };
}

/** `YYYY-MM-DDTHH:MM:SS` in UTC, as both Nova and the overview take it. */
const stamp = (d: Date) => d.toISOString().slice(0, 19);

test.describe('Usage and cost', () => {
  const name = `e2e-usage-${Date.now()}`;
  let projectId = '';
  let token = '';

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    const admin = await adminToken();
    ({ project: { id: projectId } } = await api(admin, 'POST', `${KEYSTONE}/projects`, { project: { name, domain_id: 'default' } }));
    const [demoUser] = (await api(admin, 'GET', `${KEYSTONE}/users?name=${USERS.demo.name}`)).users;
    const [member] = (await api(admin, 'GET', `${KEYSTONE}/roles?name=member`)).roles;
    await api(admin, 'PUT', `${KEYSTONE}/projects/${projectId}/users/${demoUser.id}/roles/${member.id}`);
    token = await scopedToken('demo', name);
  });

  test.afterAll(async () => {
    test.setTimeout(180_000);
    if (token) {
      await deleteServers(token, 'e2e-usage-vm').catch(() => {});
      for (const n of (await api(token, 'GET', `${NEUTRON}/networks?name=e2e-usage-net`)).networks) {
        await api(token, 'DELETE', `${NEUTRON}/networks/${n.id}`).catch(() => {});
      }
    }
    if (projectId) await api(await adminToken(), 'DELETE', `${KEYSTONE}/projects/${projectId}`).catch(() => {});
  });

  test('a project with two running instances: usage and cost match a hand computation from Nova\'s figures', async ({ page, browser }) => {
    test.setTimeout(240_000);
    const net = await ensureNetwork(token, 'e2e-usage-net', '10.77.0.0/24');
    const booted = new Date();
    await bootServers(token, 'e2e-usage-vm', 2, net);
    type ServerUsage = { name: string; hours: number; vcpus: number; memory_mb: number; local_gb: number };
    // A period that has ended, so Nova's figures do not move between the page and this test;
    // it ends late enough after the boot that both servers have run for a measurable time.
    let period = '';
    let servers: ServerUsage[] = [];
    await expect
      .poll(async () => {
        const end = new Date(Date.now() - 1_000);
        const start = new Date(booted.getTime() - 3_600_000);
        period = `start=${stamp(start)}&end=${stamp(end)}`;
        // By hand, from Nova's own per-server figures.
        const usage = (await api(token, 'GET', `${NOVA}/os-simple-tenant-usage/${projectId}?${period}`)).tenant_usage;
        servers = (usage?.server_usages ?? []) as ServerUsage[];
        return servers.length === 2 && servers.every((u) => u.hours * 3600 >= 2);
      }, { timeout: 60_000 })
      .toBe(true);
    const vcpuH = servers.reduce((s, u) => s + u.hours * u.vcpus, 0);
    const ramGbH = servers.reduce((s, u) => s + (u.hours * u.memory_mb) / 1024, 0);
    const diskGbH = servers.reduce((s, u) => s + u.hours * u.local_gb, 0);
    const p = prices();
    const costs = { vCPU: vcpuH * p.vcpu_hour, RAM: ramGbH * p.ram_gb_hour, Disk: diskGbH * p.disk_gb_hour };
    const total = costs.vCPU + costs.RAM + costs.Disk;
    expect(total).toBeGreaterThan(0.1); // prices large enough for the two decimals to say something

    await login(page, 'demo', `/auth/switch/${projectId}/?next=${encodeURIComponent(`/project/?${period}`)}`);
    const section = page.locator('section#usage');
    await expect(section.locator('dd[data-figure="Instances"]')).toHaveText('2');
    await expect(section.locator(`dd[data-figure="This Period's VCPU-Hours"]`)).toHaveText(vcpuH.toFixed(2));
    const cost = section.locator('table#usage_cost');
    for (const [kind, quantity] of [['vCPU', vcpuH], ['RAM', ramGbH], ['Disk', diskGbH]] as const) {
      const row = cost.locator(`tr[data-display="${kind}"]`);
      await expect(row.locator('td.quantity')).toHaveText(quantity.toFixed(4));
      await expect(row.locator('td.cost')).toHaveText(costs[kind].toFixed(2));
    }
    await expect(cost.locator('td.total')).toHaveText(total.toFixed(2));
    const rows = section.locator('table#project_usage tbody tr');
    await expect(rows).toHaveCount(2);
    for (const s of servers) {
      await expect(section.locator(`table#project_usage tr[data-display="${s.name}"] td.hours`).first()).toBeVisible();
    }
    const shownHours = await section.locator('table#project_usage td.hours').allTextContents();
    expect(shownHours.sort()).toEqual(servers.map((s) => s.hours.toFixed(4)).sort());
    await page.screenshot({ path: 'screenshots/project_usage.png', fullPage: true });

    // The CSV says the same.
    const csv = await page.request.get(`/project/usage.csv?${period}`);
    expect(csv.headers()['content-type']).toContain('text/csv');
    const text = await csv.text();
    expect(text).toContain(`,vCPU,${vcpuH.toFixed(4)},vCPU-hours,${p.vcpu_hour},${p.currency},${costs.vCPU.toFixed(4)}`);
    expect(text).toContain(`,Total,,,,${p.currency},${total.toFixed(4)}`);

    // Admin › Overview: the project's row, the same figures.
    const ctx = await browser.newContext();
    const adm = await ctx.newPage();
    await login(adm, 'admin', `/admin/?${period}`);
    const row = adm.locator(`table#global_usage tr[data-display="${name}"]`);
    await expect(row.locator('td.vcpu_hours')).toHaveText(vcpuH.toFixed(2));
    await expect(row.locator('td.cost')).toHaveText(total.toFixed(2));
    await adm.screenshot({ path: 'screenshots/admin_usage.png', fullPage: true });
    await ctx.close();
  });

  test('a period that is not a date is refused next to its field', async ({ page }) => {
    await login(page, 'demo', `/auth/switch/${projectId}/?next=${encodeURIComponent('/project/?start=2026-13-45')}`);
    await expect(page.locator('section#usage p.field-error[data-field="start"]')).toContainText('is not a date');
    await expect(page.locator('#id_start')).toBeVisible();
  });
});
