import { test, expect, login, projectId, scopedToken, api, NOVA, PROJECTS, USERS } from './helpers';

/**
 * Horizon's markup, which automation written for Horizon finds things by, checked by those
 * selectors alone: the login form, the header's project, a table with its actions and a row
 * menu, a create dialog, and the launch wizard's buttons.
 */
test.describe("Horizon's DOM contract", () => {
  test('the login form: id_<field> with labels, and the submit as .btn-primary', async ({ page }) => {
    await page.goto('/auth/login/');
    await page.locator('label[for="id_username"]').waitFor();
    await page.locator('#id_username').fill(USERS.demo.name);
    await page.locator('#id_password').fill(USERS.demo.password);
    await page.locator('form .btn-primary').click();
    await expect(page).toHaveURL(/\/project\/$/);
    await expect(page.locator('.context-project')).toHaveText(/\S/);
    // The project switcher's list is a ul above each project's link.
    await expect(page.locator('ul:has(a[href^="/auth/switch/"])')).toHaveCount(1);
  });

  test('a table, its actions, a create dialog, and a row menu', async ({ page }) => {
    const token = await scopedToken('demo', PROJECTS.demo);
    for (const g of (await api(token, 'GET', `${NOVA}/os-server-groups`)).server_groups) {
      if (g.name === 'e2e-contract') await api(token, 'DELETE', `${NOVA}/os-server-groups/${g.id}`);
    }
    await login(page, 'demo', `/auth/switch/${await projectId(PROJECTS.demo)}/?next=${encodeURIComponent('/project/server_groups/')}`);
    await page.waitForFunction(() => (window as any).__meridian_hydrated === true);

    await page.locator('.table_actions .data-table-action#server_groups__action_create').click();
    const form = page.locator('.modal-dialog > .modal-content > form');
    await form.locator('#id_name').fill('e2e-contract');
    await expect(form.locator('.modal-footer .btn-primary')).toHaveAttribute('value', 'Create Server Group');
    await form.locator('.modal-footer .btn-primary').click();
    await expect(page.locator('div.messages div.alert.alert-success').filter({ hasText: 'e2e-contract' })).toHaveText(/^Success: /);

    const row = page.locator('table#server_groups tr[data-display="e2e-contract"]');
    for (const cell of ['name', 'policy', 'members', 'actions_column']) await expect(row.locator(`td.${cell}`)).toHaveCount(1);
    await row.locator('td.actions_column .btn').click();
    await expect(page.locator('.modal-dialog .btn-danger')).toHaveText('Delete Server Group');
    await page.locator('.modal-dialog .btn-danger').click();
    await expect(row).toHaveCount(0);

    // A row with more actions than one: the rest in .dropdown-toggle + ul.dropdown-menu li.
    await page.context().clearCookies();
    await login(page, 'admin', '/identity/users/');
    await page.waitForFunction(() => (window as any).__meridian_hydrated === true);
    const admin = page.locator('table#users tr[data-display="admin"] td.actions_column');
    await admin.locator('.dropdown-toggle').click();
    await expect(admin.locator('ul.dropdown-menu li').first()).toBeVisible();
  });

  test('the launch wizard: .button-next, then .button-final', async ({ page }) => {
    await login(page, 'demo', `/auth/switch/${await projectId(PROJECTS.demo)}/?next=${encodeURIComponent('/project/instances/')}`);
    await page.waitForFunction(() => (window as any).__meridian_hydrated === true);
    await page.locator('#instances__action_launch').click();
    const dialog = page.locator('.modal-dialog');
    await expect(dialog.locator('#id_name')).toBeVisible();
    await dialog.locator('.btn-primary.button-next').click();
    await expect(dialog.locator('#id_image_id')).toBeVisible();
    await expect(dialog.locator('.btn-primary.button-final')).toHaveAttribute('value', 'Launch Instance');
  });
});
