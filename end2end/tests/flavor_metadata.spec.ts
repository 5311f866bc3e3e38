import { test, expect, login, scopedToken, NOVA } from './helpers';

async function nova(token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${NOVA}${path}`, {
    method,
    headers: {
      'X-Auth-Token': token,
      'Content-Type': 'application/json',
      'OpenStack-API-Version': 'compute 2.79',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : {};
}

// A private flavor of this run's own (the test cloud is shared): nobody else sees it.
const NAME = `e2e-meta-${Date.now().toString(36)}`;

test.describe('Admin › Flavors › Update Metadata', () => {
  let token = '';
  let flavorId = '';
  test.beforeAll(async () => {
    token = await scopedToken('admin', 'admin');
    const body = await nova(token, 'POST', '/flavors', {
      flavor: { name: NAME, vcpus: 1, ram: 64, disk: 0, 'os-flavor-access:is_public': false },
    });
    flavorId = body.flavor.id;
  });
  test.afterAll(async () => {
    if (flavorId) await nova(token, 'DELETE', `/flavors/${flavorId}`).catch(() => {});
  });

  const specs = async () => (await nova(token, 'GET', `/flavors/${flavorId}/os-extra_specs`)).extra_specs;

  test('add two keys, change one, remove one; a bad key changes nothing', async ({ page }) => {
    await login(page, 'admin', '/admin/flavors/');
    await page.waitForFunction(() => (window as any).__meridian_hydrated === true);
    const row = page.locator(`table#flavors tr[data-display="${NAME}"]`);
    const dialog = page.locator('.modal-dialog');
    const open = async () => {
      await row.locator('td.actions_column').getByRole('button', { name: 'Update Metadata' }).click();
      await expect(dialog.getByRole('heading', { name: 'Update Flavor Metadata' })).toBeVisible();
      await expect(dialog.locator('table#extra_specs')).toBeVisible();
    };

    // Add two keys: one with the Add button, one with Enter.
    await open();
    await expect(dialog.locator('table#extra_specs tr.empty')).toHaveText('This flavor has no metadata yet.');
    await dialog.getByLabel('Key', { exact: true }).fill('e2e:alpha');
    await dialog.getByLabel('Value', { exact: true }).fill('1');
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await dialog.locator('#id_key').fill('e2e:beta');
    await dialog.locator('#id_value').fill('two');
    await dialog.locator('#id_value').press('Enter');
    await expect(dialog.locator('table#extra_specs tr[data-display]')).toHaveCount(2);
    await expect(dialog.locator('#id_key')).toHaveValue('');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(page.locator('div.messages div.alert')).toHaveText('Success: Metadata was successfully updated.');
    await expect(dialog).toHaveCount(0);
    expect(await specs()).toEqual({ 'e2e:alpha': '1', 'e2e:beta': 'two' });

    // Change one, remove the other.
    await open();
    await expect(dialog.getByLabel('e2e:alpha', { exact: true })).toHaveValue('1');
    await expect(dialog.getByLabel('e2e:beta', { exact: true })).toHaveValue('two');
    await dialog.getByLabel('e2e:alpha', { exact: true }).fill('1b');
    await dialog.getByRole('checkbox', { name: 'Remove e2e:beta' }).check();
    await page.screenshot({ path: 'test-results/flavor-metadata.png' });
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.locator('div.messages div.alert')).toHaveText('Success: Metadata was successfully updated.');
    expect(await specs()).toEqual({ 'e2e:alpha': '1b' });

    // A bad key: refused at its field by the server, what was typed stays, Nova is unchanged
    // (the changed value saved with it is not applied either).
    await open();
    await dialog.getByLabel('e2e:alpha', { exact: true }).fill('changed');
    await dialog.locator('#id_key').fill('bad/key');
    await dialog.locator('#id_value').fill('x');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.locator('.field-error')).toHaveText('Keys may not contain a slash (/).');
    await expect(dialog.locator('#id_key')).toHaveValue('bad/key');
    await expect(dialog.locator('#id_value')).toHaveValue('x');
    await expect(dialog.getByLabel('e2e:alpha', { exact: true })).toHaveValue('changed');
    await page.screenshot({ path: 'test-results/flavor-metadata-error.png' });
    expect(await specs()).toEqual({ 'e2e:alpha': '1b' });

    // The Add button checks the key in the browser too.
    await dialog.locator('#id_key').fill('also bad/key');
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(dialog.locator('.field-error')).toHaveText('Keys may not contain a slash (/).');
    await expect(dialog.locator('table#extra_specs tr[data-display]')).toHaveCount(1);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toHaveCount(0);
    expect(await specs()).toEqual({ 'e2e:alpha': '1b' });

    // Opened again: Nova's values, no error left over.
    await open();
    await expect(dialog.getByLabel('e2e:alpha', { exact: true })).toHaveValue('1b');
    await expect(dialog.locator('.field-error')).toHaveCount(0);
  });
});
