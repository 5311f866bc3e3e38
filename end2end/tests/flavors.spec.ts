import { test, expect, login, scopedToken, projectId, NOVA, PROJECTS } from './helpers';

async function nova(token: string, path: string, method = 'GET') {
  return fetch(`${NOVA}${path}`, { method, headers: { 'X-Auth-Token': token } });
}

test.describe('Admin › Flavors', () => {
  test('create a private flavor with swap for one project, then delete it', async ({ page }) => {
    const token = await scopedToken('admin', 'admin');
    const existing = (await (await nova(token, '/flavors/detail?is_public=None')).json()).flavors;
    for (const f of existing.filter((f: { name: string }) => f.name === 'e2e.flavor')) {
      await nova(token, `/flavors/${f.id}`, 'DELETE');
    }
    const demo = await projectId(PROJECTS.demo);

    await login(page, 'admin', '/admin/flavors/');
    await page.waitForFunction(() => (window as any).__meridian_hydrated === true);
    await expect(page.locator('table#flavors tr[data-display="m1.tiny"]')).toBeVisible();

    await page.getByRole('button', { name: '+ Create Flavor' }).click();
    const dialog = page.locator('.modal-dialog');
    // A bad value is refused at its field, and nothing is created.
    await dialog.locator('#id_name').fill('e2e.flavor');
    await dialog.locator('#id_vcpus').fill('0');
    await dialog.locator('#id_vcpus').evaluate((el) => el.removeAttribute('min'));
    await dialog.getByRole('button', { name: 'Create Flavor' }).click();
    await expect(dialog.locator('.field-error')).toHaveText('Ensure this value is greater than or equal to 1.');

    await dialog.locator('#id_vcpus').fill('2');
    await dialog.locator('#id_memory_mb').fill('1024');
    await dialog.locator('#id_disk_gb').fill('5');
    await dialog.locator('#id_swap_mb').fill('256');
    await dialog.locator('#id_projects').selectOption(demo);
    await dialog.getByRole('button', { name: 'Create Flavor' }).click();
    await expect(page.locator('div.messages div.alert')).toHaveText('Success: Created new flavor "e2e.flavor".');
    const row = page.locator('table#flavors tr[data-display="e2e.flavor"]');
    await expect(row.locator('td.swap')).toHaveText('256MB');
    await expect(row.locator('td.public')).toHaveText('No');

    // Nova agrees: private, with swap, and demo has access.
    const all = (await (await nova(token, '/flavors/detail?is_public=None')).json()).flavors;
    const created = all.find((f: { name: string }) => f.name === 'e2e.flavor');
    expect(created.swap).toBe(256);
    expect(created['os-flavor-access:is_public']).toBe(false);
    const access = await (await nova(token, `/flavors/${created.id}/os-flavor-access`)).json();
    expect(access.flavor_access.map((a: { tenant_id: string }) => a.tenant_id)).toEqual([demo]);
    await page.screenshot({ path: 'test-results/admin-flavors.png', fullPage: true });

    await row.locator('td.actions_column').getByRole('button', { name: 'Delete Flavor' }).click();
    await page.locator('.modal-dialog').getByRole('button', { name: 'Delete Flavor' }).click();
    await expect(page.locator('div.messages div.alert')).toHaveText('Success: Deleted Flavor: e2e.flavor');
    await expect(row).toHaveCount(0);
    expect((await nova(token, `/flavors/${created.id}`)).status).toBe(404);
  });

  test('a member is refused', async ({ page }) => {
    await login(page, 'demo');
    const res = await page.goto('/admin/flavors/');
    expect(res?.status()).toBe(403);
    await expect(page.locator('table#flavors')).toHaveCount(0);
  });
});

test.describe('Admin › Hypervisors', () => {
  test('lists the compute node with its use, and the compute services', async ({ page }) => {
    await login(page, 'admin');
    const res = await page.goto('/admin/hypervisors/');
    expect(res?.status()).toBe(200);
    const rows = page.locator('table#hypervisors tbody tr[data-display]');
    await expect(rows).toHaveCount(1);
    await expect(rows.first().locator('td').nth(3)).not.toHaveText('0');
    await expect(page.locator('table#compute_services tr[data-display^="nova-compute@"]')).toHaveCount(1);
    await expect(page.locator('#hypervisor-summary .quota-chart')).toHaveCount(3);
    await page.screenshot({ path: 'test-results/admin-hypervisors.png', fullPage: true });
  });
});
