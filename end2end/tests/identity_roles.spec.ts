import { test, expect, login, adminToken, api, KEYSTONE } from './helpers';

const ROLE = 'e2e-idn-role';
const RENAMED = 'e2e-idn-role-renamed';

async function cleanup() {
  const token = await adminToken();
  for (const name of [ROLE, RENAMED]) {
    const body = await api(token, 'GET', `${KEYSTONE}/roles?name=${name}`);
    for (const r of body.roles) await api(token, 'DELETE', `${KEYSTONE}/roles/${r.id}`);
  }
}

test.describe('Identity › Roles', () => {
  test.beforeAll(cleanup);
  test.afterAll(cleanup);

  test('admin creates, renames and deletes a role; a member is refused', async ({ page, browser }) => {
    const token = await adminToken();
    await login(page, 'admin', '/identity/roles/');
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

    // Edit Role: an empty name is refused at the field; a new one reaches Keystone.
    const id = (await api(token, 'GET', `${KEYSTONE}/roles?name=${ROLE}`)).roles[0].id;
    await page.locator(`table#roles tr[data-display="${ROLE}"]`).getByRole('button', { name: 'Edit Role' }).click();
    await expect(dialog.locator('#id_name')).toHaveValue(ROLE);
    await dialog.locator('#id_name').fill('');
    await dialog.getByRole('button', { name: 'Update Role' }).click();
    await expect(dialog.locator('.field-error[data-field="name"]')).toHaveText('This field is required.');
    await dialog.locator('#id_name').fill(RENAMED);
    await dialog.getByRole('button', { name: 'Update Role' }).click();
    await expect(page.locator('div.messages div.alert')).toHaveText('Success: Role updated successfully.');
    expect((await api(token, 'GET', `${KEYSTONE}/roles/${id}`)).role.name).toBe(RENAMED);

    await page.locator(`table#roles tr[data-display="${RENAMED}"] input.select-row`).check();
    await page.locator('#roles__action_delete').click();
    await expect(dialog).toContainText(`You have selected: ${RENAMED}.`);
    await dialog.getByRole('button', { name: 'Delete Roles' }).click();
    await expect(page.locator('div.messages div.alert')).toHaveText(`Success: Deleted Role: ${RENAMED}`);
    expect((await api(token, 'GET', `${KEYSTONE}/roles?name=${RENAMED}`)).roles).toHaveLength(0);

    const context = await browser.newContext({ baseURL: process.env.MERIDIAN_URL ?? 'http://127.0.0.1:3000' });
    const demo = await context.newPage();
    await login(demo, 'demo');
    const res = await demo.goto('/identity/roles/');
    expect(res?.status()).toBe(403);
    await expect(demo.locator('table#roles')).toHaveCount(0);
    await context.close();
  });
});
