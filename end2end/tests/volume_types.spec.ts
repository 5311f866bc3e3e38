import { test, expect, login, adminToken, projectId, api, cinderUrl } from './helpers';

// Named e2e-vt-*: the test cloud is shared.
test.describe('Admin › Volume Types', () => {
  let admin = '';
  let cinder = '';
  const types = async () =>
    (await api(admin, 'GET', `${cinder}/types?is_public=None`)).volume_types.filter((t: { name: string }) => t.name.startsWith('e2e-vt-'));

  async function cleanUp() {
    for (const v of (await api(admin, 'GET', `${cinder}/volumes/detail`)).volumes) {
      if (v.name?.startsWith('e2e-vt-')) await api(admin, 'DELETE', `${cinder}/volumes/${v.id}`).catch(() => {});
    }
    await expect.poll(async () => (await api(admin, 'GET', `${cinder}/volumes/detail`)).volumes.filter((v: { name: string }) => v.name?.startsWith('e2e-vt-')).length, { timeout: 60_000 }).toBe(0);
    for (const t of await types()) await api(admin, 'DELETE', `${cinder}/types/${t.id}`).catch(() => {});
  }

  test.beforeAll(async () => {
    admin = await adminToken();
    cinder = cinderUrl(await projectId('admin'));
    await cleanUp();
  });
  test.afterAll(cleanUp);

  test('create a type, set and remove an extra spec; a type in use is not deleted, with Cinder\'s reason', async ({ page }) => {
    test.setTimeout(180_000);
    await login(page, 'admin', '/admin/volume_types/');
    await page.waitForFunction(() => (window as any).__meridian_hydrated === true);
    await page.locator('#volume_types__action_create').click();
    let dialog = page.locator('.modal-dialog');
    await dialog.getByRole('button', { name: 'Create Volume Type' }).click();
    await expect(dialog.locator('p.field-error[data-field="name"]')).toHaveText('This field is required.');
    await dialog.locator('#id_name').fill('e2e-vt-gold');
    await dialog.locator('#id_vol_type_description').fill('fast disks');
    await dialog.getByRole('button', { name: 'Create Volume Type' }).click();
    await expect(page.locator('div.messages div.alert', { hasText: 'Success: Successfully created volume type: e2e-vt-gold' })).toBeVisible();
    const [gold] = await types();
    expect(gold).toMatchObject({ name: 'e2e-vt-gold', description: 'fast disks', 'os-volume-type-access:is_public': true });

    // Extra specs: add one, then remove it.
    const row = page.locator('table#volume_types tr[data-display="e2e-vt-gold"]');
    await row.locator('.btn-extra-specs').click();
    dialog = page.locator('.modal-dialog');
    await expect(dialog.getByText('This volume type has no extra specs yet.')).toBeVisible();
    await dialog.locator('#id_key').fill('volume_backend_name');
    await dialog.locator('#id_value').fill('fake');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(page.locator('div.messages div.alert', { hasText: 'Success: Extra specs saved.' })).toBeVisible();
    expect((await api(admin, 'GET', `${cinder}/types/${gold.id}/extra_specs`)).extra_specs).toEqual({ volume_backend_name: 'fake' });
    await expect(row.locator('td.extra_specs')).toHaveText('volume_backend_name=fake');
    await page.screenshot({ path: 'screenshots/volume_types.png', fullPage: true });
    await row.locator('.btn-extra-specs').click();
    await page.locator('.modal-dialog #id_remove_0').check();
    await page.locator('.modal-dialog').getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await api(admin, 'GET', `${cinder}/types/${gold.id}/extra_specs`)).extra_specs).toEqual({});

    // In use by a volume: Cinder refuses, and says why.
    const vol = (await api(admin, 'POST', `${cinder}/volumes`, { volume: { size: 1, name: 'e2e-vt-vol', volume_type: 'e2e-vt-gold' } })).volume;
    await expect.poll(async () => (await api(admin, 'GET', `${cinder}/volumes/${vol.id}`)).volume.status, { timeout: 60_000 }).toBe('available');
    await row.locator('.btn-delete').click();
    await page.locator('.modal-dialog').getByRole('button', { name: 'Delete Volume Types' }).click();
    await expect(page.locator('div.messages div.alert', { hasText: 'Error: Unable to delete Volume Type: e2e-vt-gold:' })).toContainText('in use');
    expect(await types()).toHaveLength(1);

    // Free it, and the delete goes through.
    await api(admin, 'DELETE', `${cinder}/volumes/${vol.id}`);
    await expect.poll(async () => (await api(admin, 'GET', `${cinder}/volumes/detail`)).volumes.some((v: { id: string }) => v.id === vol.id), { timeout: 60_000 }).toBe(false);
    await row.locator('.btn-delete').click();
    await page.locator('.modal-dialog').getByRole('button', { name: 'Delete Volume Types' }).click();
    await expect(page.locator('div.messages div.alert', { hasText: 'Success: Deleted Volume Type: e2e-vt-gold' })).toBeVisible();
    expect(await types()).toHaveLength(0);
  });

  test('a member is refused the page', async ({ page }) => {
    await login(page, 'demo');
    const res = await page.goto('/admin/volume_types/');
    await expect(page.getByText('You are not authorized to access this page.').first()).toBeVisible();
    expect(res?.status()).toBe(403);
  });
});
