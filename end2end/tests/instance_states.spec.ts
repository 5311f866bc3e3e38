import { test, expect, login, projectId, scopedToken, ensureNetwork, bootServers, deleteServers, listServers, api, NOVA, GLANCE, PROJECTS } from './helpers';

/**
 * Project › Instances row actions that change the server's state: Hard Reboot, Pause/Resume,
 * Suspend/Resume and Shelve/Unshelve. Each step is checked against Nova itself:
 * `GET /servers/{id}` (status, power state) and `GET /servers/{id}/os-instance-actions`
 * (the action Nova recorded). One server, booted through the API, serves every step.
 */
const NAME = 'e2e-state';
/** Nova's power state codes, as the table words them. (The test cloud's fake driver keeps
 * reporting Running while paused or suspended: the page must say what Nova says.) */
const POWER: Record<number, string> = { 0: 'No State', 1: 'Running', 3: 'Paused', 4: 'Shut Down', 6: 'Crashed', 7: 'Suspended' };

test.describe('Project › Instances state actions', () => {
  test.describe.configure({ timeout: 180_000 });
  let token = '';
  let id = '';

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    token = await scopedToken('demo', PROJECTS.demo);
    await deleteServers(token, NAME);
    const net = await ensureNetwork(token, 'e2e-net', '10.77.0.0/24');
    await bootServers(token, NAME, 1, net);
    [{ id }] = await listServers(token, NAME);
  });

  test.afterAll(async () => {
    test.setTimeout(180_000);
    await deleteServers(token, NAME);
    // Shelving leaves a snapshot image (`<name>-shelved`) when an unshelve did not take it away.
    const images = await api(token, 'GET', `${GLANCE}/v2/images?name=${NAME}-shelved`);
    for (const i of images.images) await api(token, 'DELETE', `${GLANCE}/v2/images/${i.id}`).catch(() => {});
  });

  const server = async () => (await api(token, 'GET', `${NOVA}/servers/${id}`)).server;
  /** How many times Nova recorded `action` for the server. */
  const recorded = async (action: string) =>
    (await api(token, 'GET', `${NOVA}/servers/${id}/os-instance-actions`)).instanceActions.filter(
      (a: { action: string }) => a.action === action,
    ).length;
  const row = (page) => page.locator(`table#instances tr[data-display="${NAME}"]`);
  const alert = (page, text: string) => page.locator('div.messages div.alert', { hasText: text });

  async function open(page) {
    await login(page, 'demo', 
      `/auth/switch/${await projectId(PROJECTS.demo)}/?next=${encodeURIComponent(`/project/instances/?field=name&q=${NAME}`)}`,
    );
    await page.waitForFunction(() => (window as any).__meridian_hydrated === true);
    await expect(row(page).locator('.status')).toHaveText('Active');
  }

  /**
   * Clicks `name` as the row's primary button or in its menu, once the row offers it (what is
   * offered follows the instance's state, which the live refresh keeps current).
   */
  async function rowAction(page, name: string) {
    const cell = row(page).locator('td.actions_column');
    await expect(cell.getByRole('button', { name, exact: true, includeHidden: true })).toHaveCount(1, { timeout: 60_000 });
    const primary = cell.locator('button.primary-action').filter({ hasText: new RegExp(`^${name}$`) });
    if (await primary.count()) return primary.click();
    const details = cell.locator('details');
    if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
    await details.getByRole('button', { name, exact: true }).click();
  }

  /** Answers the row action's confirmation. */
  async function confirm(page, name: string) {
    const dialog = page.locator('.modal-dialog');
    await expect(dialog).toContainText(`You have selected: ${NAME}.`);
    await dialog.getByRole('button', { name, exact: true }).click();
  }

  test('Hard Reboot: Nova records a reboot and the server comes back ACTIVE', async ({ page }) => {
    const before = await recorded('reboot');
    await open(page);
    await rowAction(page, 'Hard Reboot Instance');
    await confirm(page, 'Hard Reboot Instance');
    await expect(alert(page, 'rebooted')).toHaveText(`Success: Hard rebooted Instance: ${NAME}`);
    await expect.poll(() => recorded('reboot'), { timeout: 30_000 }).toBe(before + 1);
    await expect.poll(async () => {
      const s = await server();
      return [s.status, s['OS-EXT-STS:task_state']];
    }, { timeout: 60_000 }).toEqual(['ACTIVE', null]);
    await expect(row(page).locator('.status')).toHaveText('Active', { timeout: 60_000 });
    await expect(row(page).locator('td.task')).toHaveText('None', { timeout: 60_000 });
  });

  test('Pause, then Resume: Nova shows PAUSED, then ACTIVE', async ({ page }) => {
    await open(page);
    await rowAction(page, 'Pause Instance');
    await expect(alert(page, 'Paused')).toHaveText(`Success: Paused Instance: ${NAME}`);
    await expect.poll(async () => (await server()).status, { timeout: 60_000 }).toBe('PAUSED');
    // The row follows without a reload; its power state is Nova's.
    await expect(row(page).locator('.status')).toHaveText('Paused', { timeout: 60_000 });
    await expect(row(page).locator('td').nth(9)).toHaveText(POWER[(await server())['OS-EXT-STS:power_state']]);

    await rowAction(page, 'Resume Instance');
    await expect(alert(page, 'Resumed')).toHaveText(`Success: Resumed Instance: ${NAME}`);
    await expect.poll(async () => (await server()).status, { timeout: 60_000 }).toBe('ACTIVE');
    expect(await recorded('pause')).toBeGreaterThan(0);
    expect(await recorded('unpause')).toBeGreaterThan(0);
    await expect(row(page).locator('.status')).toHaveText('Active', { timeout: 60_000 });
  });

  test('Suspend, then Resume: Nova shows SUSPENDED, then ACTIVE', async ({ page }) => {
    await open(page);
    await rowAction(page, 'Suspend Instance');
    await expect(alert(page, 'Suspended')).toHaveText(`Success: Suspended Instance: ${NAME}`);
    await expect.poll(async () => (await server()).status, { timeout: 60_000 }).toBe('SUSPENDED');
    await expect(row(page).locator('.status')).toHaveText('Suspended', { timeout: 60_000 });
    await expect(row(page).locator('td').nth(9)).toHaveText(POWER[(await server())['OS-EXT-STS:power_state']]);

    await rowAction(page, 'Resume Instance');
    await expect(alert(page, 'Resumed')).toHaveText(`Success: Resumed Instance: ${NAME}`);
    await expect.poll(async () => (await server()).status, { timeout: 60_000 }).toBe('ACTIVE');
    expect(await recorded('suspend')).toBeGreaterThan(0);
    expect(await recorded('resume')).toBeGreaterThan(0);
    await expect(row(page).locator('.status')).toHaveText('Active', { timeout: 60_000 });
  });

  test('Shelve, then Unshelve: Nova shows SHELVED(_OFFLOADED), then ACTIVE', async ({ page }) => {
    await open(page);
    await rowAction(page, 'Shelve Instance');
    await confirm(page, 'Shelve Instance');
    await expect(alert(page, 'Shelved')).toHaveText(`Success: Shelved Instance: ${NAME}`);
    await expect
      .poll(async () => {
        const s = await server();
        return s['OS-EXT-STS:task_state'] === null ? s.status : 'busy';
      }, { timeout: 90_000 })
      .toMatch(/^SHELVED(_OFFLOADED)?$/);
    await expect(row(page).locator('.status')).toHaveText('Shelved Offloaded', { timeout: 60_000 });
    await expect(row(page).locator('button.primary-action')).toHaveText('Unshelve Instance', { timeout: 30_000 });

    await rowAction(page, 'Unshelve Instance');
    await expect(alert(page, 'Unshelved')).toHaveText(`Success: Unshelved Instance: ${NAME}`);
    await expect
      .poll(async () => {
        const s = await server();
        return [s.status, s['OS-EXT-STS:task_state']];
      }, { timeout: 120_000 })
      .toEqual(['ACTIVE', null]);
    expect(await recorded('shelve')).toBeGreaterThan(0);
    expect(await recorded('unshelve')).toBeGreaterThan(0);
    await expect(row(page).locator('.status')).toHaveText('Active', { timeout: 60_000 });
  });
});
