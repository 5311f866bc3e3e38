import { test, expect, login, loginThroughForm, sessionCookie, sessionCount, sessionTokens, tokensInSessionStore, tokenIsValid, revokeToken, projectId, PROJECTS, USERS } from './helpers';

test.describe('login and sessions', () => {
  test('admin sees the Admin and Identity dashboards', async ({ page }) => {
    await login(page, 'admin');
    await expect(page).toHaveURL(/\/project\/$/);
    await expect(page.locator('#dashboard-project')).toBeVisible();
    await expect(page.locator('#dashboard-admin')).toBeVisible();
    await expect(page.locator('#dashboard-identity')).toBeVisible();
    await page.locator('#dashboard-admin').getByRole('link', { name: 'Overview' }).click();
    await expect(page).toHaveURL(/\/admin\/$/);
    await expect(page.getByRole('heading', { name: 'Admin Overview' })).toBeVisible();
    await expect(page.locator('table#services tr[data-display="nova"]')).toBeVisible();
  });

  test('a member sees no Admin dashboard and only its own corner of Identity; /admin/ refuses them', async ({ page }) => {
    await login(page, 'demo');
    await expect(page.locator('#dashboard-project')).toBeVisible();
    await expect(page.locator('#dashboard-admin')).toHaveCount(0);
    // As in Horizon: their projects and application credentials, not users, groups or roles.
    await expect(page.locator('#dashboard-identity a')).toHaveText(['Projects', 'Application Credentials']);

    const res = await page.goto('/admin/');
    expect(res?.status()).toBe(403);
    await expect(page.locator('div.messages div.alert')).toHaveText(
      'Error: You are not authorized to access this page.',
    );
    await expect(page.locator('table#services')).toHaveCount(0);
  });

  // Counts every session in the store, so no other worker may log in meanwhile: @serial.
  test('a wrong password shows an error on the form and creates no session', { tag: '@serial' }, async ({ page, context }) => {
    const before = sessionCount();
    await page.goto('/auth/login/');
    await page.locator('#id_username').fill(USERS.demo.name);
    await page.locator('#id_password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign In' }).click();
    await expect(page.locator('div.messages div.alert')).toHaveText('Error: Invalid credentials.');
    await expect(page).toHaveURL(/\/auth\/login\//);
    // What was typed is still there to correct.
    await expect(page.locator('#id_username')).toHaveValue(USERS.demo.name);
    expect(await sessionCookie(context)).toBeUndefined();
    expect(sessionCount()).toBe(before);
  });

  test('an empty user name is refused at the field', async ({ page }) => {
    await page.goto('/auth/login/');
    // Let the browser submit an empty field: the server must still refuse it.
    await page.locator('#id_username').evaluate((el) => el.removeAttribute('required'));
    await page.locator('#id_password').fill('x');
    await page.getByRole('button', { name: 'Sign In' }).click();
    await expect(page.locator('#username-error')).toHaveText('This field is required.');
  });

  test('login cycles the session id and the cookie is HttpOnly, SameSite=Lax', async ({ page, context }) => {
    await page.goto('/auth/login/');
    expect(await sessionCookie(context)).toBeUndefined();
    await loginThroughForm(page, 'demo');
    const cookie = await sessionCookie(context);
    expect(cookie).toBeDefined();
    expect(cookie!.httpOnly).toBe(true);
    expect(cookie!.sameSite).toBe('Lax');
    const first = cookie!.value;
    // Logging in again (a new login in the same browser) gets a new id.
    await loginThroughForm(page, 'demo');
    const second = (await sessionCookie(context))!.value;
    expect(second).not.toBe(first);
  });

  test('logout revokes the token with Keystone and forgets the session', async ({ page, context }) => {
    await login(page, 'demo');
    const mine = await sessionTokens(context);
    expect(mine.length).toBe(2); // the scoped and the unscoped token
    for (const t of mine) expect(await tokenIsValid(t)).toBe(true);

    await page.locator('#user-menu summary').click();
    await page.getByRole('button', { name: 'Sign Out' }).click();
    await expect(page).toHaveURL(/\/auth\/login\/$/);
    for (const t of mine) expect(await tokenIsValid(t)).toBe(false);
    expect(tokensInSessionStore().filter((t) => mine.includes(t))).toEqual([]);
    expect(await sessionCookie(context)).toBeUndefined();

    // The dashboard is closed again.
    await page.goto('/project/');
    await expect(page).toHaveURL(/\/auth\/login\/\?next=\/project\/$/);
  });

  test("a project switch keeps the old project's token for requests in flight, then revokes it", async ({ page, context }) => {
    test.setTimeout(120_000);
    await login(page, 'demo');
    const before = await sessionTokens(context);
    expect(before.length).toBe(2);
    const target = await projectId(PROJECTS.alt);
    await page.goto(`/auth/switch/${target}/?next=${encodeURIComponent('/project/')}`);
    await expect(page.locator('#project-switcher .current-project')).toHaveText(PROJECTS.alt);
    const now = new Set(await sessionTokens(context));
    const old = before.filter((t) => !now.has(t));
    // The scoped token left; the unscoped one stays for the next switch.
    expect(old.length).toBe(1);
    // A live refresh still in flight with it would get a 401 if it were revoked at once.
    expect(await tokenIsValid(old[0])).toBe(true);
    // Revoked once every request that may carry it is done (request_timeout_secs, 30 s).
    await expect.poll(() => tokenIsValid(old[0]), { timeout: 70_000, intervals: [5_000] }).toBe(false);
    // The session's own tokens are untouched, and the page still works.
    for (const t of before.filter((t) => now.has(t))) expect(await tokenIsValid(t)).toBe(true);
    await page.goto('/project/');
    await expect(page).toHaveURL(/\/project\/$/);
  });

  test('next must be a path on this site', async ({ page }) => {
    await loginThroughForm(page, 'demo', 'https://example.com/steal');
    await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/project\/$/);
    await loginThroughForm(page, 'demo', '//example.com/steal');
    await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/project\/$/);
  });

  test('a page asked for while logged out comes back after login', async ({ page }) => {
    await page.goto('/project/instances/');
    await expect(page).toHaveURL(/\/auth\/login\/\?next=\/project\/instances\/$/);
    await page.locator('#id_username').fill(USERS.demo.name);
    await page.locator('#id_password').fill(USERS.demo.password);
    await page.getByRole('button', { name: 'Sign In' }).click();
    await expect(page).toHaveURL(/\/project\/instances\/$/);
  });

  test('a token revoked behind the browser sends the next click to login, and back', async ({ page, context }) => {
    await login(page, 'demo', '/project/instances/');
    await expect(page).toHaveURL(/\/project\/instances\/$/);
    // Wait for the WASM, so the click below is a client-side navigation.
    await page.waitForFunction(() => (window as any).__meridian_hydrated === true);
    for (const t of await sessionTokens(context)) await revokeToken(t);

    await page.locator('#sidebar').getByRole('link', { name: 'Overview' }).click();
    await expect(page).toHaveURL(/\/auth\/login\/\?next=/);
    await page.locator('#id_username').fill(USERS.demo.name);
    await page.locator('#id_password').fill(USERS.demo.password);
    await page.getByRole('button', { name: 'Sign In' }).click();
    await expect(page).toHaveURL(/\/project\/(instances\/)?$/);
    await expect(page.locator('.current-project')).toBeVisible();
  });

  test('a full page load with a revoked token also lands on login', async ({ page, context }) => {
    await login(page, 'demo');
    for (const t of await sessionTokens(context)) await revokeToken(t);
    await page.goto('/project/');
    await expect(page).toHaveURL(/\/auth\/login\/\?next=\/project\/$/);
  });

  test('no page, cookie or server-function response carries a Keystone token', async ({ page, context }) => {
    const bodies: string[] = [];
    page.on('response', async (res) => {
      const headers = JSON.stringify(await res.allHeaders());
      let body = '';
      try {
        body = await res.text();
      } catch {
        /* redirects have no body */
      }
      bodies.push(headers + '\n' + body);
    });
    await loginThroughForm(page, 'admin');
    await page.waitForFunction(() => (window as any).__meridian_hydrated === true);
    await page.locator('#dashboard-admin').getByRole('link', { name: 'Overview' }).click();
    await expect(page.locator('table#services')).toBeVisible();
    await page.locator('#dashboard-project').getByRole('link', { name: 'Overview' }).click();
    await expect(page.locator('#limit-summary')).toBeVisible();
    await page.goto('/project/');
    await expect(page.locator('#limit-summary')).toBeVisible();

    const tokens = await sessionTokens(context);
    expect(tokens.length).toBeGreaterThanOrEqual(2);
    expect(bodies.length).toBeGreaterThan(5);
    const cookies = JSON.stringify(await context.cookies());
    const html = await page.content();
    for (const t of tokens) {
      expect(cookies).not.toContain(t);
      expect(html).not.toContain(t);
      for (const b of bodies) expect(b.includes(t)).toBe(false);
    }
  });
});
