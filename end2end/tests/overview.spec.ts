import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect, login, projectId, scopedToken, api, NOVA, NEUTRON, cinderUrl, PROJECTS } from './helpers';

// The overview's limits are checked against the services' own figures for the project: Nova
// `GET /limits`, Neutron `GET /quotas/{project}/details`, Cinder `GET /limits`.

/** "512 MB", "50 GB", "1.5 GB", "3": how the charts write an amount (MB read as GB from 1 GB; src/components/quota_chart.rs). */
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

/** A chart's summary for `used` of `limit` (-1: no limit). */
function summary(used: number, limit: number, unit = ''): string {
  const u = amount(Math.max(used, 0), unit);
  return limit >= 0 ? `Used ${u} of ${amount(limit, unit)}` : `Used ${u} (No Limit)`;
}

/** What each chart of the project's overview must say, from Nova, Neutron and Cinder. */
async function expectedCharts(project: string): Promise<Record<string, string>> {
  const token = await scopedToken('demo', project);
  const pid = await projectId(project);
  const [nova, neutron, cinder] = await Promise.all([
    api(token, 'GET', `${NOVA}/limits`),
    api(token, 'GET', `${NEUTRON}/quotas/${pid}/details`),
    api(token, 'GET', `${cinderUrl(pid)}/limits`),
  ]);
  const n = nova.limits.absolute;
  const c = cinder.limits.absolute;
  const q = neutron.quota;
  return {
    instances: summary(n.totalInstancesUsed, n.maxTotalInstances),
    vcpus: summary(n.totalCoresUsed, n.maxTotalCores),
    ram: summary(n.totalRAMUsed, n.maxTotalRAMSize, 'MB'),
    server_groups: summary(n.totalServerGroupsUsed, n.maxServerGroups),
    floating_ips: summary(q.floatingip.used, q.floatingip.limit),
    security_groups: summary(q.security_group.used, q.security_group.limit),
    security_group_rules: summary(q.security_group_rule.used, q.security_group_rule.limit),
    networks: summary(q.network.used, q.network.limit),
    ports: summary(q.port.used, q.port.limit),
    routers: summary(q.router.used, q.router.limit),
    volumes: summary(c.totalVolumesUsed, c.maxTotalVolumes),
    volume_snapshots: summary(c.totalSnapshotsUsed, c.maxTotalSnapshots),
    volume_storage: summary(c.totalGigabytesUsed, c.maxTotalVolumeGigabytes, 'GB'),
  };
}

/** Every chart on the page, by its data-quota name. */
async function shownCharts(page): Promise<Record<string, string>> {
  return page.locator('.quota-chart').evaluateAll((figs) =>
    Object.fromEntries(figs.map((f) => [f.getAttribute('data-quota'), f.querySelector('.quota-summary')?.textContent?.trim()])),
  );
}

/**
 * The overview of `project` shows exactly what the services say. (Reloaded until both agree
 * on one moment: Neutron may still be making the project's default security group.)
 */
async function expectChartsMatchCloud(page, project: string) {
  let first = true;
  await expect(async () => {
    if (!first) await page.reload();
    first = false;
    await expect(page.locator('.current-project')).toHaveText(project);
    const shown = await shownCharts(page);
    const expected = await expectedCharts(project);
    expect(shown).toEqual(expected);
  }).toPass({ timeout: 30_000 });
}

test.describe('Project › Overview', () => {
  test('shows compute, network and volume limits from the cloud', async ({ page }) => {
    await login(page, 'demo');
    await expect(page.getByRole('heading', { name: 'Limit Summary' })).toBeVisible();
    for (const id of ['#quotas-compute', '#quotas-network', '#quotas-volume']) {
      await expect(page.locator(id)).toBeVisible();
      await expect(page.locator(`${id} .alert`)).toHaveCount(0);
    }
    await page.locator('#project-switcher summary').click();
    await page.locator('#project-switcher').getByRole('link', { name: PROJECTS.demo, exact: true }).click();
    await expect(page.locator('.current-project')).toHaveText(PROJECTS.demo);
    // Every chart, each service's figures: 4 from Nova, 6 from Neutron, 3 from Cinder.
    await expect(page.locator('#quotas-compute .quota-chart')).toHaveCount(4);
    await expect(page.locator('#quotas-network .quota-chart')).toHaveCount(6);
    await expect(page.locator('#quotas-volume .quota-chart')).toHaveCount(3);
    await expectChartsMatchCloud(page, PROJECTS.demo);
    await page.screenshot({ path: 'test-results/overview-demo.png', fullPage: true });
  });

  test('switching project changes what the overview shows', async ({ page }) => {
    await login(page, 'demo');
    // Start in demo, whatever the last test left in the recent_project cookie.
    await page.locator('#project-switcher summary').click();
    await page.locator('#project-switcher').getByRole('link', { name: PROJECTS.demo, exact: true }).click();
    await expect(page.locator('.current-project')).toHaveText(PROJECTS.demo);
    await expectChartsMatchCloud(page, PROJECTS.demo);
    const demoCharts = await shownCharts(page);

    await page.locator('#project-switcher summary').click();
    await page.locator('#project-switcher').getByRole('link', { name: PROJECTS.alt, exact: true }).click();
    await expect(page).toHaveURL(/\/project\/$/);
    await expect(page.locator('.current-project')).toHaveText(PROJECTS.alt);
    await expect(page.locator('div.messages div.alert')).toHaveText(`Success: Switch to project "${PROJECTS.alt}" successful.`);
    // alt's own limits (its quota is smaller than demo's: global-setup.ts), not demo's.
    await expectChartsMatchCloud(page, PROJECTS.alt);
    expect((await shownCharts(page)).instances).not.toBe(demoCharts.instances);

    // The next login lands in the project used last.
    await page.locator('#user-menu summary').click();
    await page.getByRole('button', { name: 'Sign Out' }).click();
    await login(page, 'demo');
    await expect(page.locator('.current-project')).toHaveText(PROJECTS.alt);
    await page.locator('#project-switcher summary').click();
    await page.locator('#project-switcher').getByRole('link', { name: PROJECTS.demo, exact: true }).click();
    await expect(page.locator('.current-project')).toHaveText(PROJECTS.demo);
  });

  test('switching to a project the user has no role in is refused', async ({ page }) => {
    await login(page, 'demo');
    const before = await page.locator('.current-project').textContent();
    const adminProject = await projectId('admin');
    await page.goto(`/auth/switch/${adminProject}/?next=/project/`);
    await expect(page).toHaveURL(/\/project\/$/);
    await expect(page.locator('div.messages div.alert')).toHaveText(
      'Error: You are not authorized for that project.',
    );
    await expect(page.locator('.current-project')).toHaveText(before!);
  });

  test('admin overview screenshot', async ({ page }) => {
    await login(page, 'admin');
    await expect(page.getByRole('heading', { name: 'Limit Summary' })).toBeVisible();
    await page.screenshot({ path: 'test-results/overview-admin.png', fullPage: true });
  });
});

// Stops Cinder's API for every worker: @serial, alone after the parallel part.
test.describe('Project › Overview with a service down', { tag: '@serial' }, () => {
  const state = process.env.MERIDIAN_TESTCLOUD_STATE ?? '/var/tmp/meridian-testcloud';
  const repo = path.resolve(__dirname, '..', '..');

  test('a dead Cinder shows a message in its place; the rest still renders', async ({ page }) => {
    test.setTimeout(180_000);
    await login(page, 'demo');
    const pid = readFileSync(`${state}/run/cinder-api.pid`, 'utf8').trim().split(/\s+/)[0];
    const alive = () => {
      try {
        process.kill(Number(pid), 0);
        return true;
      } catch {
        return false;
      }
    };
    process.kill(Number(pid), 'SIGTERM');
    try {
      // Gone for good (its port released), so the harness can start it again afterwards.
      await expect.poll(alive, { timeout: 30_000 }).toBe(false);
      const res = await page.goto('/project/');
      expect(res?.status()).toBe(200);
      await expect(page.locator('#quotas-volume div.messages div.alert')).toContainText(
        /^Warning: Volume limits are unavailable: Block Storage \(Cinder\) is unavailable/,
      );
      await expect(page.locator('#quotas-compute .quota-chart')).toHaveCount(4);
      await expect(page.locator('#quotas-network .quota-chart')).toHaveCount(6);
      await page.screenshot({ path: 'test-results/overview-cinder-down.png', fullPage: true });
    } finally {
      execFileSync(`${repo}/end2end/testcloud/up`, { stdio: 'inherit' });
    }
  });
});
