import { test, expect, login, adminToken, api, KEYSTONE } from './helpers';

const ROLE = 'e2e-idn-role';

async function cleanup() {
  const token = await adminToken();
  const body = await api(token, 'GET', `${KEYSTONE}/roles?name=${ROLE}`);
  for (const r of body.roles) await api(token, 'DELETE', `${KEYSTONE}/roles/${r.id}`);
}

test.describe('Identity › Roles', () => {
  test.beforeAll(cleanup);
  test.afterAll(cleanup);

  test('admin creates and deletes a role; a member is refused', async ({ page, browser }) => {
    const token = await adminToken();
    await login(page, 'admin');
    await page.goto('/identity/roles/');
    await page.waitForFunction(() => (window as any).__meridian_hydrated === true);
    await expect(page.locator('table#roles tr[data-display="member"]')).toBeVisible();

    await page.locator('#roles__action_create').click();
    const dialog = page.locator('.modal-dialog');
    await dialog.getByRole('button', { name: 'Create Role' }).click();
    await expect(dialog.locator('.field-error[data-field="name"]')).toHaveText('This field is required.');
    await dialog.locator('#id_name').fill(ROLE);
    await page.screenshot({ path: 'screenshots/identity-create-role.png', fullPage: true });
    await dialog.getByRole('button', { name: 'Create Role' }).click();
    await expect(page.locator('div.messages div.alert')).toHaveText('Success: Role created successfully.');
    expect((await api(token, 'GET', `${KEYSTONE}/roles?name=${ROLE}`)).roles).toHaveLength(1);
    await page.screenshot({ path: 'screenshots/identity-roles.png', fullPage: true });

    await page.locator(`table#roles tr[data-display="${ROLE}"] input.select-row`).check();
    await page.locator('#roles__action_delete').click();
    await expect(dialog).toContainText(`You have selected: ${ROLE}.`);
    await dialog.getByRole('button', { name: 'Delete Roles' }).click();
    await expect(page.locator('div.messages div.alert')).toHaveText(`Success: Deleted Role: ${ROLE}`);
    expect((await api(token, 'GET', `${KEYSTONE}/roles?name=${ROLE}`)).roles).toHaveLength(0);

    const context = await browser.newContext({ baseURL: process.env.MERIDIAN_URL ?? 'http://127.0.0.1:3000' });
    const demo = await context.newPage();
    await login(demo, 'demo');
    const res = await demo.goto('/identity/roles/');
    expect(res?.status()).toBe(403);
    await expect(demo.locator('table#roles')).toHaveCount(0);
    await context.close();
  });
});
