import { test, expect, login } from './helpers';

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

  test('admin overview screenshot', async ({ page }) => {
    await login(page, 'admin');
    await expect(page.getByRole('heading', { name: 'Limit Summary' })).toBeVisible();
    await page.screenshot({ path: 'test-results/overview-admin.png', fullPage: true });
  });
});
