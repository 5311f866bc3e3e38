import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect, login, projectId } from './helpers';

function chart(page, name: string) {
  return page.locator(`.quota-chart[data-quota="${name}"] .quota-summary`);
}

test.describe('Project › Overview', () => {
  test('shows compute, network and volume limits from the cloud', async ({ page }) => {
    await login(page, 'demo');
    await expect(page.getByRole('heading', { name: 'Limit Summary' })).toBeVisible();
    for (const id of ['#quotas-compute', '#quotas-network', '#quotas-volume']) {
      await expect(page.locator(id)).toBeVisible();
      await expect(page.locator(`${id} .alert`)).toHaveCount(0);
    }
    await expect(chart(page, 'instances')).toHaveText(/^Used \d+ of \d+$/);
    await expect(chart(page, 'networks')).toHaveText(/^Used \d+ of \d+$/);
    await expect(chart(page, 'volumes')).toHaveText(/^Used \d+ of \d+$/);
    await expect(chart(page, 'ram')).toHaveText(/^Used \d+( MB| GB|\.\d GB)? of \d+ GB$/);
    await page.locator('#project-switcher summary').click();
    await page.locator('#project-switcher').getByRole('link', { name: 'demo', exact: true }).click();
    await expect(page.locator('.current-project')).toHaveText('demo');
    await page.screenshot({ path: 'test-results/overview-demo.png', fullPage: true });
  });

  test('switching project changes what the overview shows', async ({ page }) => {
    await login(page, 'demo');
    // Start in demo, whatever the last test left in the recent_project cookie.
    await page.locator('#project-switcher summary').click();
    await page.locator('#project-switcher').getByRole('link', { name: 'demo', exact: true }).click();
    await expect(page.locator('.current-project')).toHaveText('demo');
    const demoInstances = await chart(page, 'instances').textContent();
    expect(demoInstances).toMatch(/ of 10$/);

    await page.locator('#project-switcher summary').click();
    await page.locator('#project-switcher').getByRole('link', { name: 'alt', exact: true }).click();
    await expect(page).toHaveURL(/\/project\/$/);
    await expect(page.locator('.current-project')).toHaveText('alt');
    await expect(page.locator('div.messages div.alert')).toHaveText('Success: Switch to project "alt" successful.');
    // alt's quota is 5 instances and 8 cores (seeded), demo's the defaults.
    await expect(chart(page, 'instances')).toHaveText(/ of 5$/);
    await expect(chart(page, 'vcpus')).toHaveText(/ of 8$/);

    // The next login lands in the project used last.
    await page.locator('#user-menu summary').click();
    await page.getByRole('button', { name: 'Sign Out' }).click();
    await login(page, 'demo');
    await expect(page.locator('.current-project')).toHaveText('alt');
    await page.locator('#project-switcher summary').click();
    await page.locator('#project-switcher').getByRole('link', { name: 'demo', exact: true }).click();
    await expect(page.locator('.current-project')).toHaveText('demo');
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

test.describe('Project › Overview with a service down', () => {
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
