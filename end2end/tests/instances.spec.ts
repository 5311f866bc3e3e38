import { test, expect, login, projectId, scopedToken, ensureNetwork, bootServers, deleteServers, listServers, api, NOVA, PROJECTS } from './helpers';

test.describe('Project › Instances', () => {
  test.describe.configure({ timeout: 240_000 });
  let token = '';

  test.beforeAll(async () => {
    token = await scopedToken('demo', PROJECTS.demo);
    await deleteServers(token, 'e2e-list');
    const net = await ensureNetwork(token, 'e2e-net', '10.77.0.0/24');
    await bootServers(token, 'e2e-list', 3, net);
  });

  test.afterAll(async () => {
    await deleteServers(token, 'e2e-list');
  });

  async function openInDemo(page, query: string) {
    await login(page, 'demo', `/auth/switch/${await projectId(PROJECTS.demo)}/?next=${encodeURIComponent('/project/instances/' + query)}`);
    await expect(page.locator('.current-project')).toHaveText(PROJECTS.demo);
  }

  const rows = (page) => page.locator('table#instances tbody tr[data-display]');

  /** Opens a row's Actions menu and clicks `name`. */
  async function rowAction(row, name: string) {
    const details = row.locator('td.actions_column details');
    if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
    await row.locator('td.actions_column').getByRole('button', { name }).click();
  }

  async function offered(row, name: string) {
    const details = row.locator('td.actions_column details');
    if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
    const n = await row.locator('td.actions_column').getByRole('button', { name }).count();
    await details.locator('summary').click();
    return n > 0;
  }

  test('lists the servers with image, flavor, address and state; pages and filters', async ({ page }) => {
    await openInDemo(page, '?field=name&q=e2e-list&page_size=2');
    await expect(rows(page)).toHaveCount(2);
    const row = rows(page).first();
    await expect(row.locator('td').nth(2)).toHaveText('tiny');
    await expect(row.locator('td').nth(3)).toContainText('10.77.0.');
    await expect(row.locator('td').nth(4)).toHaveText('m1.tiny');
    await expect(row.locator('.status')).toHaveText('Active');
    await expect(row.locator('td').nth(9)).toHaveText('Running');
    await page.screenshot({ path: 'test-results/instances-demo.png', fullPage: true });

    const firstPage = await rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-display')));
    await page.getByRole('link', { name: 'Next »' }).click();
    await expect(rows(page)).toHaveCount(1);
    const secondPage = await rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-display')));
    expect(new Set([...firstPage, ...secondPage])).toEqual(new Set(['e2e-list-1', 'e2e-list-2', 'e2e-list-3']));
    await expect(page.getByRole('link', { name: 'Next »' })).toHaveCount(0);
    await page.getByRole('link', { name: '« Prev' }).click();
    await expect(rows(page)).toHaveCount(2);
    expect(await rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-display')))).toEqual(firstPage);
    await expect(page.getByRole('link', { name: '« Prev' })).toHaveCount(0);

    // Nova's own filter, through the form.
    await page.locator('#id_filter_field').selectOption('name');
    await page.locator('#id_filter_q').fill('e2e-list-2');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(rows(page)).toHaveCount(1);
    await expect(rows(page).first()).toHaveAttribute('data-display', 'e2e-list-2');

    await page.locator('#id_filter_q').fill('no-such-server');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page.locator('table#instances tbody')).toHaveText('No items to display.');
  });

  test("Admin › Instances shows demo's servers with their project and host", async ({ page }) => {
    await login(page, 'admin', '/admin/instances/?field=name&q=e2e-list');
    await expect(rows(page)).toHaveCount(3);
    const row = page.locator('table#instances tr[data-display="e2e-list-1"]');
    await expect(row.locator('td.project')).toHaveText(PROJECTS.demo);
    await expect(row.locator('td.host')).not.toBeEmpty();

    // And a member cannot see it.
    await login(page, 'demo');
    const res = await page.goto('/admin/instances/');
    expect(res?.status()).toBe(403);
  });

  test('row actions change the real server, and only allowed ones are offered', async ({ page }) => {
    await openInDemo(page, '?field=name&q=e2e-list-2');
    await page.waitForFunction(() => (window as any).__meridian_hydrated === true);
    const row = page.locator('table#instances tr[data-display="e2e-list-2"]');
    const status = async () => (await listServers(token, 'e2e-list-2'))[0].status;

    expect(await offered(row, 'Start Instance')).toBe(false);
    await rowAction(row, 'Shut Off Instance');
    await page.locator('.modal-dialog').getByRole('button', { name: 'Shut Off Instance' }).click();
    await expect(page.locator('div.messages div.alert', { hasText: 'Shut off' })).toHaveText(
      'Success: Shut off Instance: e2e-list-2',
    );
    // The row follows Nova without a reload.
    await expect(row.locator('.status')).toHaveText('Shutoff', { timeout: 60_000 });
    expect(await status()).toBe('SHUTOFF');

    await rowAction(row, 'Start Instance');
    await expect(row.locator('.status')).toHaveText('Active', { timeout: 60_000 });
    expect(await status()).toBe('ACTIVE');

    // Lock and Unlock: Nova's `locked` (microversion 2.9+, asked at 2.79) follows.
    const [{ id }] = await listServers(token, 'e2e-list-2');
    const server = async () => (await api(token, 'GET', `${NOVA}/servers/${id}`)).server;
    expect((await server()).locked).toBe(false);
    await rowAction(row, 'Lock Instance');
    await expect(page.locator('div.messages div.alert', { hasText: 'Locked' })).toHaveText('Success: Locked Instance: e2e-list-2');
    await expect.poll(async () => (await server()).locked, { timeout: 30_000 }).toBe(true);
    await rowAction(row, 'Unlock Instance');
    await expect(page.locator('div.messages div.alert', { hasText: 'Unlocked' })).toHaveText('Success: Unlocked Instance: e2e-list-2');
    await expect.poll(async () => (await server()).locked, { timeout: 30_000 }).toBe(false);

    // Soft Reboot: Nova records one more `reboot` action, and the server is ACTIVE again.
    const reboots = async () =>
      (await api(token, 'GET', `${NOVA}/servers/${id}/os-instance-actions`)).instanceActions.filter(
        (a: { action: string }) => a.action === 'reboot',
      ).length;
    const rebootsBefore = await reboots();
    await rowAction(row, 'Soft Reboot Instance');
    await page.locator('.modal-dialog').getByRole('button', { name: 'Soft Reboot Instance' }).click();
    await expect(page.locator('div.messages div.alert', { hasText: 'rebooted' })).toHaveText(
      'Success: Soft rebooted Instance: e2e-list-2',
    );
    await expect.poll(reboots, { timeout: 30_000 }).toBe(rebootsBefore + 1);
    await expect
      .poll(async () => {
        const s = await server();
        return [s.status, s['OS-EXT-STS:task_state']];
      }, { timeout: 60_000 })
      .toEqual(['ACTIVE', null]);
    await expect(row.locator('.status')).toHaveText('Active', { timeout: 60_000 });
  });

  test('a row menu opened during a live refresh stays open, and its entry still works', async ({ page }) => {
    await openInDemo(page, '?field=name&q=e2e-list');
    await page.waitForFunction(() => (window as any).__meridian_hydrated === true);
    const refreshes: number[] = [];
    page.on('request', (r) => r.url().includes('/api/list_instances') && refreshes.push(Date.now()));
    // An action makes the table refresh itself every two seconds for a while.
    await rowAction(page.locator('table#instances tr[data-display="e2e-list-1"]'), 'Lock Instance');
    await expect(page.locator('div.messages div.alert', { hasText: 'Locked' })).toHaveText('Success: Locked Instance: e2e-list-1');
    const row = page.locator('table#instances tr[data-display="e2e-list-3"]');
    const details = row.locator('td.actions_column details');
    await details.locator('summary').click();
    const opened = refreshes.length;
    // Two refreshes of the table come and go while the menu is open.
    await expect.poll(() => refreshes.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(opened + 2);
    await expect(details).toHaveAttribute('open', '');
    await expect(details.getByRole('button', { name: 'Lock Instance' })).toBeVisible();
    await page.screenshot({ path: 'screenshots/instance-menu-during-refresh.png' });
    await details.getByRole('button', { name: 'Lock Instance' }).click();
    await expect(page.locator('div.messages div.alert', { hasText: 'Locked' })).toHaveText('Success: Locked Instance: e2e-list-3');
    for (const name of ['e2e-list-1', 'e2e-list-3']) {
      const [{ id }] = await listServers(token, name);
      expect((await api(token, 'GET', `${NOVA}/servers/${id}`)).server.locked).toBe(true);
      await api(token, 'POST', `${NOVA}/servers/${id}/action`, { unlock: null });
    }
  });

  test('batch delete asks first, then the rows leave the table without a reload', async ({ page }) => {
    await openInDemo(page, '?field=name&q=e2e-list');
    await page.waitForFunction(() => (window as any).__meridian_hydrated === true);
    await expect(rows(page)).toHaveCount(3);
    await page.getByRole('checkbox', { name: 'Select e2e-list-1' }).check();
    await page.getByRole('checkbox', { name: 'Select e2e-list-3' }).check();
    await page.getByRole('button', { name: 'Delete Instances' }).click();
    const dialog = page.locator('.modal-dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('e2e-list-1');
    await expect(dialog).toContainText('e2e-list-3');

    // Cancel keeps everything.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toHaveCount(0);
    expect((await listServers(token, 'e2e-list')).length).toBe(3);

    await page.getByRole('button', { name: 'Delete Instances' }).click();
    await page.locator('.modal-dialog').getByRole('button', { name: 'Delete Instances' }).click();
    await expect(page.locator('div.messages div.alert', { hasText: 'deletion' })).toHaveText(
      /^Success: Scheduled deletion of Instances: e2e-list-(1|3), e2e-list-(1|3)$/,
    );
    // The live refresh removes them as Nova finishes; no reload.
    await expect(rows(page)).toHaveCount(1, { timeout: 60_000 });
    await expect(rows(page).first()).toHaveAttribute('data-display', 'e2e-list-2');
    expect((await listServers(token, 'e2e-list')).map((s) => s.name)).toEqual(['e2e-list-2']);

    // The row action, with its own confirmation.
    await rowAction(rows(page).first(), 'Delete Instance');
    await page.locator('.modal-dialog').getByRole('button', { name: 'Delete Instance' }).click();
    await expect(page.locator('table#instances tbody')).toHaveText('No items to display.', { timeout: 60_000 });
  });
});
