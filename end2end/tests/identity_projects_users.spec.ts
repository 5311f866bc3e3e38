import { Browser } from '@playwright/test';
import { test, expect, login, adminToken, api, projectId, KEYSTONE, NOVA, NEUTRON, cinderUrl, PROJECTS } from './helpers';

// Everything this spec makes is named e2e-idn-* and removed again, even after a failure.
const PROJECT = 'e2e-idn-proj';
const PROJECT2 = 'e2e-idn-proj-renamed';
const USER = 'e2e-idn-user';
const PASSWORD = 'e2e-idn-pass-1';
const NEW_PASSWORD = 'e2e-idn-pass-2';

async function findAll(token: string, kind: 'projects' | 'users') {
  const body = await api(token, 'GET', `${KEYSTONE}/${kind}`);
  return (body[kind] as any[]).filter((x) => x.name.startsWith('e2e-idn-'));
}

async function cleanup() {
  const token = await adminToken();
  for (const u of await findAll(token, 'users')) await api(token, 'DELETE', `${KEYSTONE}/users/${u.id}`);
  for (const p of await findAll(token, 'projects')) {
    if (p.enabled) await api(token, 'PATCH', `${KEYSTONE}/projects/${p.id}`, { project: { enabled: false } });
    await api(token, 'DELETE', `${KEYSTONE}/projects/${p.id}`);
  }
}

/** Keystone's own answer to a password login (unscoped): 201 when it takes the password, 401 when not. */
async function keystoneLogin(name: string, password: string): Promise<number> {
  const res = await fetch(`${KEYSTONE}/auth/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      auth: { identity: { methods: ['password'], password: { user: { name, domain: { id: 'default' }, password } } } },
    }),
  });
  await res.body?.cancel();
  return res.status;
}

async function hydrated(page: import('@playwright/test').Page) {
  await page.waitForFunction(() => (window as any).__meridian_hydrated === true);
}

/** Tries the login form in a fresh browser; returns the page (logged in or showing why not). */
async function tryLogin(browser: Browser, name: string, password: string) {
  const context = await browser.newContext({ baseURL: process.env.MERIDIAN_URL ?? 'http://127.0.0.1:3000' });
  const page = await context.newPage();
  await page.goto('/auth/login/');
  await page.locator('#id_username').fill(name);
  await page.locator('#id_password').fill(password);
  await page.getByRole('button', { name: 'Sign In' }).click();
  return { page, context };
}

test.describe('Identity › Projects and Users', () => {
  test.beforeAll(cleanup);
  test.afterAll(cleanup);

  test('admin creates, edits and deletes a project with quotas and a member user', async ({ page, browser }) => {
    test.setTimeout(150_000);
    const token = await adminToken();
    await login(page, 'admin', '/identity/projects/');
    await hydrated(page);
    await expect(page.locator('table#tenants tr[data-display="admin"]')).toBeVisible();
    await page.screenshot({ path: 'screenshots/identity-projects.png', fullPage: true });

    // An empty name is refused at its field; nothing is created.
    await page.locator('#tenants__action_create').click();
    const dialog = page.locator('.modal-dialog');
    await dialog.getByRole('button', { name: 'Create Project' }).click();
    await expect(dialog.locator('.field-error[data-field="name"]')).toHaveText('This field is required.');
    expect(await findAll(token, 'projects')).toHaveLength(0);

    await dialog.locator('#id_name').fill(PROJECT);
    await dialog.locator('#id_description').fill('made by the identity spec');
    await dialog.getByRole('tab', { name: 'Project Members' }).click();
    await expect(dialog.locator('table#project_members tr[data-display="admin"]')).toBeVisible();
    await page.screenshot({ path: 'screenshots/identity-create-project-members.png', fullPage: true });
    await dialog.getByRole('tab', { name: 'Quotas' }).click();
    await expect(dialog.locator('#id_instances')).not.toHaveValue('');
    await dialog.locator('#id_instances').fill('7');
    await dialog.locator('#id_network').fill('4');
    await dialog.locator('#id_volumes').fill('6');
    await page.screenshot({ path: 'screenshots/identity-create-project-quotas.png', fullPage: true });
    await dialog.getByRole('button', { name: 'Create Project' }).click();
    await expect(page.locator('div.messages div.alert')).toHaveText(`Success: Created new project "${PROJECT}".`);
    const pid = await projectId(PROJECT);
    const row = page.locator(`table#tenants tr[data-display="${PROJECT}"]`);
    await expect(row.locator('td.id')).toHaveText(pid);

    // The three services hold the quotas.
    const nova = await api(token, 'GET', `${NOVA}/os-quota-sets/${pid}`);
    expect(nova.quota_set.instances).toBe(7);
    const neutron = await api(token, 'GET', `${NEUTRON}/quotas/${pid}`);
    expect(neutron.quota.network).toBe(4);
    const adminPid = await projectId('admin');
    const cinder = await api(token, 'GET', `${cinderUrl(adminPid)}/os-quota-sets/${pid}`);
    expect(cinder.quota_set.volumes).toBe(6);

    // Create User: a wrong confirmation is refused at its field; nothing is created.
    await page.goto('/identity/users/');
    await hydrated(page);
    await page.screenshot({ path: 'screenshots/identity-users.png', fullPage: true });
    await page.locator('#users__action_create').click();
    await dialog.locator('#id_name').fill(USER);
    await dialog.locator('#id_email').fill('idn@example.org');
    await dialog.locator('#id_password').fill(PASSWORD);
    await dialog.locator('#id_confirm_password').fill('not-the-same');
    await dialog.locator('#id_project').selectOption({ label: PROJECT });
    await expect(dialog.locator('#id_role_id option:checked')).toHaveText('member');
    await dialog.getByRole('button', { name: 'Create User' }).click();
    await expect(dialog.locator('.field-error[data-field="confirm_password"]')).toHaveText('Passwords do not match.');
    await expect(dialog.locator('#id_name')).toHaveValue(USER);
    expect(await findAll(token, 'users')).toHaveLength(0);
    await page.screenshot({ path: 'screenshots/identity-create-user-error.png', fullPage: true });

    await dialog.locator('#id_confirm_password').fill(PASSWORD);
    await dialog.getByRole('button', { name: 'Create User' }).click();
    await expect(page.locator('div.messages div.alert')).toHaveText(`Success: User "${USER}" was successfully created.`);
    const [user] = await findAll(token, 'users');
    expect(user.name).toBe(USER);
    expect(user.email).toBe('idn@example.org');
    expect(user.default_project_id).toBe(pid);
    const assigned = await api(token, 'GET',
      `${KEYSTONE}/role_assignments?user.id=${user.id}&scope.project.id=${pid}&include_names=true`);
    expect(assigned.role_assignments.map((a: any) => a.role.name)).toEqual(['member']);

    // Edit the user.
    const urow = page.locator(`table#users tr[data-display="${USER}"]`);
    await urow.getByRole('button', { name: 'Edit' }).click();
    await dialog.locator('#id_email').fill('idn2@example.org');
    await dialog.locator('#id_description').fill('edited');
    await page.screenshot({ path: 'screenshots/identity-edit-user.png', fullPage: true });
    await dialog.getByRole('button', { name: 'Update User' }).click();
    await expect(page.locator('div.messages div.alert')).toHaveText(`Success: User "${USER}" has been updated successfully.`);
    const edited = (await api(token, 'GET', `${KEYSTONE}/users/${user.id}`)).user;
    expect([edited.email, edited.description]).toEqual(['idn2@example.org', 'edited']);
    await expect(urow.locator('td.email')).toHaveText('idn2@example.org');

    // Change Password: the old one stops working at the login form, the new one logs in.
    await urow.locator('details.row-actions > summary').click();
    await urow.getByRole('button', { name: 'Change Password' }).click();
    await dialog.locator('#id_password').fill(NEW_PASSWORD);
    await dialog.locator('#id_confirm_password').fill('mismatch');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.locator('.field-error[data-field="confirm_password"]')).toHaveText('Passwords do not match.');
    await dialog.locator('#id_confirm_password').fill(NEW_PASSWORD);
    await page.screenshot({ path: 'screenshots/identity-change-password.png', fullPage: true });
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(page.locator('div.messages div.alert')).toHaveText('Success: User password has been updated successfully.');
    // Keystone itself: the new password is taken, the old one refused.
    expect(await keystoneLogin(USER, NEW_PASSWORD)).toBe(201);
    expect(await keystoneLogin(USER, PASSWORD)).toBe(401);
    {
      const old = await tryLogin(browser, USER, PASSWORD);
      await expect(old.page.locator('div.messages div.alert')).toHaveText('Error: Invalid credentials.');
      await old.context.close();
      const fresh = await tryLogin(browser, USER, NEW_PASSWORD);
      await expect(fresh.page).toHaveURL(/\/project\//);
      await fresh.context.close();
    }

    // Disable: Keystone says so, and the login is refused; then enable again.
    await urow.locator('details.row-actions > summary').click();
    await urow.getByRole('button', { name: 'Disable User' }).click();
    await expect(page.locator('div.messages div.alert')).toHaveText(`Success: Disabled User: ${USER}`);
    expect((await api(token, 'GET', `${KEYSTONE}/users/${user.id}`)).user.enabled).toBe(false);
    await expect(urow.locator('td.enabled')).toHaveText('No');
    {
      // Keystone answers a disabled account as a wrong password; Meridian's service
      // credential tells them apart, so the user learns what to do.
      const refused = await tryLogin(browser, USER, NEW_PASSWORD);
      await expect(refused.page.locator('div.messages div.alert'))
        .toHaveText('Error: Your account is disabled. Ask your cloud administrator to enable it.');
      await expect(refused.page).toHaveURL(/\/auth\/login\//);
      await refused.context.close();
      // A name nobody has is still just refused.
      const nobody = await tryLogin(browser, 'e2e-idn-nobody', NEW_PASSWORD);
      await expect(nobody.page.locator('div.messages div.alert')).toHaveText('Error: Invalid credentials.');
      await nobody.context.close();
    }
    await urow.locator('details.row-actions > summary').click();
    await urow.getByRole('button', { name: 'Enable User' }).click();
    await expect(page.locator('div.messages div.alert')).toHaveText(`Success: Enabled User: ${USER}`);
    expect((await api(token, 'GET', `${KEYSTONE}/users/${user.id}`)).user.enabled).toBe(true);
    // The table has been asked again (a refresh would close a menu opened before it).
    await expect(urow.locator('td.enabled')).toHaveText('Yes');

    // The admin's own row offers neither Disable nor Delete.
    const self = page.locator('table#users tr[data-display="admin"]');
    await expect(self.locator('input.select-row')).toHaveCount(0);
    await self.locator('details.row-actions > summary').click();
    await expect(self.getByRole('button', { name: 'Change Password' })).toBeVisible();
    await expect(self.getByRole('button', { name: /Delete User|Disable User/ })).toHaveCount(0);
    await self.locator('details.row-actions > summary').click();

    // Back to the projects: edit, members, quotas.
    await page.goto('/identity/projects/');
    await hydrated(page);
    await row.getByRole('button', { name: 'Manage Members' }).click();
    const member = dialog.getByRole('checkbox', { name: `${USER} as member` });
    await expect(member).toBeChecked();
    await dialog.getByRole('checkbox', { name: `${USER} as reader` }).check();
    await page.screenshot({ path: 'screenshots/identity-manage-members.png', fullPage: true });
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(page.locator('div.messages div.alert')).toHaveText(`Success: Modified project "${PROJECT}".`);
    const roles = await api(token, 'GET',
      `${KEYSTONE}/role_assignments?user.id=${user.id}&scope.project.id=${pid}&include_names=true`);
    expect(roles.role_assignments.map((a: any) => a.role.name).sort()).toEqual(['member', 'reader']);

    await row.locator('details.row-actions > summary').click();
    await row.getByRole('button', { name: 'Modify Quotas' }).click();
    await expect(dialog.locator('#id_instances')).toHaveValue('7');
    await dialog.locator('#id_instances').fill('9');
    await page.screenshot({ path: 'screenshots/identity-modify-quotas.png', fullPage: true });
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(page.locator('div.messages div.alert')).toHaveText(`Success: Modified quotas of project "${PROJECT}".`);
    expect((await api(token, 'GET', `${NOVA}/os-quota-sets/${pid}`)).quota_set.instances).toBe(9);

    await row.locator('details.row-actions > summary').click();
    await row.getByRole('button', { name: 'Edit Project' }).click();
    await dialog.locator('#id_name').fill('');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.locator('.field-error[data-field="name"]')).toHaveText('This field is required.');
    expect((await api(token, 'GET', `${KEYSTONE}/projects/${pid}`)).project.name).toBe(PROJECT);
    await dialog.locator('#id_name').fill(PROJECT2);
    await dialog.locator('#id_description').fill('renamed by the identity spec');
    await page.screenshot({ path: 'screenshots/identity-edit-project.png', fullPage: true });
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(page.locator('div.messages div.alert')).toHaveText(`Success: Modified project "${PROJECT2}".`);
    const renamed = (await api(token, 'GET', `${KEYSTONE}/projects/${pid}`)).project;
    expect([renamed.name, renamed.description]).toEqual([PROJECT2, 'renamed by the identity spec']);

    // Delete the user (row action), then the project (batch), each after a confirmation.
    await page.goto('/identity/users/');
    await hydrated(page);
    await urow.locator('details.row-actions > summary').click();
    await urow.getByRole('button', { name: 'Delete User' }).click();
    await expect(dialog).toContainText(`You have selected: ${USER}.`);
    await dialog.getByRole('button', { name: 'Delete Users' }).click();
    await expect(page.locator('div.messages div.alert')).toHaveText(`Success: Deleted User: ${USER}`);
    await expect(api(token, 'GET', `${KEYSTONE}/users/${user.id}`)).rejects.toThrow(/404/);

    await page.goto('/identity/projects/');
    await hydrated(page);
    const prow = page.locator(`table#tenants tr[data-display="${PROJECT2}"]`);
    await prow.locator('input.select-row').check();
    await page.locator('#tenants__action_delete').click();
    await expect(dialog).toContainText(`You have selected: ${PROJECT2}.`);
    await expect(dialog).toContainText('left behind');
    await page.screenshot({ path: 'screenshots/identity-delete-project.png', fullPage: true });
    await dialog.getByRole('button', { name: 'Delete Projects' }).click();
    await expect(page.locator('div.messages div.alert')).toHaveText(`Success: Deleted Project: ${PROJECT2}`);
    await expect(api(token, 'GET', `${KEYSTONE}/projects/${pid}`)).rejects.toThrow(/404/);
    await expect(prow).toHaveCount(0);
  });

  test('a member sees only its own projects, read-only, and no users', async ({ page }) => {
    await login(page, 'demo', '/identity/projects/');
    await hydrated(page);
    const names = await page.locator('table#tenants tbody tr').evaluateAll(
      (rows) => rows.map((r) => r.getAttribute('data-display')).sort());
    expect(names).toEqual([PROJECTS.alt, PROJECTS.demo]);
    await expect(page.locator('#tenants__action_create')).toHaveCount(0);
    await expect(page.locator('#tenants__action_delete')).toHaveCount(0);
    await expect(page.locator('table#tenants input[type="checkbox"]')).toHaveCount(0);
    await expect(page.locator('table#tenants details.row-actions')).toHaveCount(0);
    await expect(page.locator('table#tenants a.rescope')).toHaveCount(1);
    await page.screenshot({ path: 'screenshots/identity-projects-member.png', fullPage: true });

    const res = await page.goto('/identity/users/');
    expect(res?.status()).toBe(403);
    await expect(page.locator('div.messages div.alert')).toHaveText('Error: You are not authorized to access this page.');
    await expect(page.locator('table#users')).toHaveCount(0);
    await page.screenshot({ path: 'screenshots/identity-users-member.png', fullPage: true });
  });

  test('the reader sees no create, edit or delete control', async ({ page }) => {
    await login(page, 'reader', '/identity/projects/');
    await hydrated(page);
    await expect(page.locator('table#tenants tbody tr').first()).toBeVisible();
    await expect(page.locator('#tenants__action_create, #tenants__action_delete')).toHaveCount(0);
    await expect(page.locator('table#tenants details.row-actions, table#tenants input[type="checkbox"]')).toHaveCount(0);
    const res = await page.goto('/identity/users/');
    expect(res?.status()).toBe(403);
  });
});
