import { readFileSync } from 'node:fs';
import { test, expect, login, adminToken, projectId, scopedToken, api, PROJECTS, USERS } from './helpers';
import type { Page } from '@playwright/test';

const KEYSTONE = process.env.MERIDIAN_AUTH_URL ?? 'http://127.0.0.1:5000/v3';
const USER = 'e2e-acct-user';

/** Keystone's answer to a password or application-credential login. */
async function keystoneAuth(identity: unknown, scope?: unknown): Promise<Response> {
  return fetch(`${KEYSTONE}/auth/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ auth: { identity, ...(scope ? { scope } : {}) } }),
  });
}

async function hydrated(page: Page, path: string, pid?: string) {
  await page.goto(pid ? `/auth/switch/${pid}/?next=${encodeURIComponent(path)}` : path);
  await page.waitForFunction(() => (window as any).__meridian_hydrated === true);
}

async function deleteUser() {
  const admin = await adminToken();
  for (const u of (await api(admin, 'GET', `${KEYSTONE}/users?name=${USER}`)).users) {
    await api(admin, 'DELETE', `${KEYSTONE}/users/${u.id}`).catch(() => {});
  }
}

/** Deletes demo's e2e-acct- application credentials (only their user may). */
async function deleteCredentials() {
  const token = await scopedToken('demo', PROJECTS.demo);
  const me = await fetch(`${KEYSTONE}/auth/tokens`, { headers: { 'X-Auth-Token': token, 'X-Subject-Token': token } });
  const userId = (await me.json()).token.user.id;
  const url = `${KEYSTONE}/users/${userId}/application_credentials`;
  for (const c of (await api(token, 'GET', url)).application_credentials) {
    if (c.name.startsWith('e2e-acct-')) await api(token, 'DELETE', `${url}/${c.id}`).catch(() => {});
  }
}

test.describe('API access, application credentials and settings', () => {
  let demoId = '';

  test.beforeAll(async () => {
    demoId = await projectId(PROJECTS.demo);
    await deleteUser();
    await deleteCredentials();
  });
  test.afterAll(async () => {
    await deleteUser();
    await deleteCredentials();
  });

  test('the RC file and clouds.yaml name this user and project, and Keystone accepts them', async ({ page }) => {
    await login(page, 'demo');
    await hydrated(page, '/project/api_access/', demoId);
    await expect(page.locator('table#endpoints tr[data-display="compute"]')).toBeVisible();
    await expect(page.locator('table#endpoints tr[data-display="identity"]')).toBeVisible();
    const rcDownload = page.waitForEvent('download');
    await page.locator('#endpoints__action_download_openrc').click();
    const rc = readFileSync(await (await rcDownload).path(), 'utf8');
    expect((await rcDownload).suggestedFilename()).toBe(`${PROJECTS.demo}-openrc.sh`);
    expect(rc).toContain(`export OS_PROJECT_ID="${demoId}"`);
    expect(rc).toContain(`export OS_USERNAME="${USERS.demo.name}"`);
    const yamlDownload = page.waitForEvent('download');
    await page.locator('#endpoints__action_download_clouds_yaml').click();
    const yaml = readFileSync(await (await yamlDownload).path(), 'utf8');
    const field = (k: string) => yaml.match(new RegExp(`${k}: "([^"]*)"`))![1];
    // What the file names, with the password added, logs in.
    const res = await keystoneAuth(
      { methods: ['password'], password: { user: { name: field('username'), domain: { name: field('user_domain_name') }, password: USERS.demo.password } } },
      { project: { id: field('project_id') } },
    );
    expect(res.status).toBe(201);
    expect(field('auth_url')).toBe(KEYSTONE);
    await page.locator('#endpoints__action_view_credentials').click();
    await expect(page.locator('.modal-dialog')).toContainText(demoId);
    await page.screenshot({ path: 'screenshots/api_access.png', fullPage: true });
  });

  test('an application credential: created with its secret shown once, it logs in; deleted, it does not', async ({ page }) => {
    await login(page, 'demo');
    await hydrated(page, '/identity/application_credentials/', demoId);
    await page.locator('#application_credentials__action_create').click();
    const dialog = page.locator('.modal-dialog');
    await dialog.locator('#id_name').fill('e2e-acct-cred');
    await dialog.locator('#id_expiration_date').fill('2020-01-01');
    await dialog.getByRole('button', { name: 'Create Application Credential' }).click();
    await expect(dialog.locator('p.field-error[data-field="expiration_date"]')).toHaveText('The expiration must be in the future.');
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await dialog.locator('#id_expiration_date').fill(tomorrow);
    await dialog.locator('#id_description').fill('for CI');
    await dialog.getByRole('button', { name: 'Create Application Credential' }).click();
    const shown = page.locator('.modal-dialog', { hasText: 'Your Application Credential' });
    await expect(shown).toContainText('This is the only time the secret is shown.');
    const id = (await shown.locator('#app_credential_id').textContent())!.trim();
    const secret = (await shown.locator('#app_credential_secret').textContent())!.trim();
    expect(secret.length).toBeGreaterThan(10);
    const yamlDownload = page.waitForEvent('download');
    await shown.getByRole('link', { name: 'Download clouds.yaml' }).click();
    const yaml = readFileSync(await (await yamlDownload).path(), 'utf8');
    expect(yaml).toContain(`application_credential_id: "${id}"`);
    expect(yaml).toContain(`application_credential_secret: "${secret}"`);
    await page.screenshot({ path: 'screenshots/app_credential_secret.png', fullPage: true });
    const ok = await keystoneAuth({ methods: ['application_credential'], application_credential: { id, secret } });
    expect(ok.status).toBe(201);
    expect((await ok.json()).token.project.id).toBe(demoId);
    await shown.locator('.modal-footer').getByRole('button', { name: 'Close' }).click();

    const row = page.locator('table#application_credentials tr[data-display="e2e-acct-cred"]');
    await expect(row.locator('td.expires_at')).toContainText(tomorrow);
    await row.locator('td.actions_column .btn-delete').click();
    await page.locator('.modal-dialog').getByRole('button', { name: 'Delete' }).click();
    await expect(page.locator('div.messages div.alert', { hasText: 'Success: Deleted application credential: e2e-acct-cred' })).toBeVisible();
    await expect(row).toHaveCount(0);
    const gone = await keystoneAuth({ methods: ['application_credential'], application_credential: { id, secret } });
    // Keystone no longer knows it (404), or refuses it (401).
    expect([401, 404]).toContain(gone.status);
  });

  test('changing one\'s password ends the session; the old password stops working, the new one logs in', async ({ page }) => {
    const admin = await adminToken();
    const { user } = await api(admin, 'POST', `${KEYSTONE}/users`, { user: { name: USER, password: 'old-Pass-1', domain_id: 'default' } });
    const [member] = (await api(admin, 'GET', `${KEYSTONE}/roles?name=member`)).roles;
    await api(admin, 'PUT', `${KEYSTONE}/projects/${demoId}/users/${user.id}/roles/${member.id}`);

    const loginAs = async (password: string) => {
      await page.goto('/auth/login/');
      await page.locator('#id_username').fill(USER);
      await page.locator('#id_password').fill(password);
      await page.getByRole('button', { name: 'Sign In' }).click();
    };
    await loginAs('old-Pass-1');
    await expect(page).toHaveURL(/\/project\/$/);
    await hydrated(page, '/settings/password/');
    await page.locator('#id_current_password').fill('old-Pass-1');
    await page.locator('#id_new_password').fill('new-Pass-2');
    await page.locator('#id_confirm_password').fill('new-Pass-3');
    await page.getByRole('button', { name: 'Change' }).click();
    await expect(page.locator('p.field-error[data-field="confirm_password"]')).toHaveText('Passwords do not match.');
    await page.locator('#id_current_password').fill('wrong');
    await page.locator('#id_confirm_password').fill('new-Pass-2');
    await page.getByRole('button', { name: 'Change' }).click();
    await expect(page.locator('p.field-error[data-field="current_password"]')).toHaveText('The current password is not correct.');
    // Keystone's answer to a password login (unscoped) as the user.
    const passwordLogin = async (password: string) => {
      const res = await keystoneAuth({ methods: ['password'], password: { user: { name: USER, domain: { id: 'default' }, password } } });
      await res.body?.cancel();
      return res.status;
    };
    // The refused attempts changed nothing.
    expect(await passwordLogin('old-Pass-1')).toBe(201);
    await page.locator('#id_current_password').fill('old-Pass-1');
    await page.getByRole('button', { name: 'Change' }).click();
    await expect(page).toHaveURL(/\/auth\/login\/\?status=password_changed$/);
    await expect(page.locator('div.messages div.alert')).toHaveText('Info: Password changed. Please log in again to continue.');
    // Keystone itself: the new password is taken, the old one refused.
    expect(await passwordLogin('new-Pass-2')).toBe(201);
    expect(await passwordLogin('old-Pass-1')).toBe(401);

    await loginAs('old-Pass-1');
    await expect(page.locator('div.messages div.alert')).toHaveText('Error: Invalid credentials.');
    await loginAs('new-Pass-2');
    await expect(page).toHaveURL(/\/project\/$/);
  });

  test('items per page is saved for the tables; a bad value is refused at the field', async ({ page, context }) => {
    await login(page, 'demo');
    await hydrated(page, '/settings/');
    await page.locator('#id_pagesize').fill('0');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.locator('p.field-error[data-field="pagesize"]')).toContainText('whole number from 1');
    await page.locator('#id_pagesize').fill('15');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.locator('div.messages div.alert', { hasText: 'Success: Settings saved.' })).toBeVisible();
    expect((await context.cookies()).find((c) => c.name === 'meridian_pagesize')?.value).toBe('15');
    await page.screenshot({ path: 'screenshots/settings.png', fullPage: true });
    // A zone that is not one (the select offers none such) is refused; the zone saved stays.
    const base = new URL(page.url()).origin;
    const forged = await page.request.post('/api/save_user_settings', {
      form: { pagesize: '15', timezone: 'Mars/Olympus' },
      headers: { Origin: base },
    });
    expect(forged.ok()).toBe(false);
    expect(await forged.text()).toContain('Select a valid time zone.');
    expect((await context.cookies()).find((c) => c.name === 'meridian_timezone')?.value).toBe('UTC');
    // Back to the default for the other tests.
    await page.locator('#id_pagesize').fill('20');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await context.cookies()).find((c) => c.name === 'meridian_pagesize')?.value).toBe('20');
  });
});
