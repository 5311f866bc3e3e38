import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { test, expect, login, scopedToken, api, NOVA, PROJECTS } from './helpers';

/** Nova's fingerprint of an OpenSSH public key: the MD5 of its key blob, in colon-separated hex. */
const md5Fingerprint = (openssh: string) =>
  createHash('md5').update(Buffer.from(openssh.trim().split(/\s+/)[1], 'base64')).digest('hex').match(/../g)!.join(':');

async function nova(token: string, method: string, path: string) {
  return fetch(`${NOVA}${path}`, { method, headers: { 'X-Auth-Token': token } });
}

test.describe('Project › Key Pairs', () => {
  let token = '';
  test.beforeAll(async () => {
    token = await scopedToken('demo', PROJECTS.demo);
    for (const name of ['e2e-created', 'e2e-imported']) await nova(token, 'DELETE', `/os-keypairs/${name}`);
  });

  test('create downloads the private key once; import; delete', async ({ page }) => {
    await login(page, 'demo', '/project/key_pairs/');
    await page.waitForFunction(() => (window as any).__meridian_hydrated === true);

    // Create: the browser downloads <name>.pem, a private key Nova knows the public half of.
    await page.getByRole('button', { name: '+ Create Key Pair' }).click();
    const dialog = page.locator('.modal-dialog');
    await dialog.locator('#id_name').fill('e2e-created');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Create Key Pair' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('e2e-created.pem');
    const pemPath = await download.path();
    const pem = readFileSync(pemPath, 'utf8');
    expect(pem).toMatch(/^-----BEGIN (RSA |OPENSSH )?PRIVATE KEY-----/);
    const res = await nova(token, 'GET', '/os-keypairs/e2e-created');
    expect(res.status).toBe(200);
    const novaKey = (await res.json()).keypair.public_key.split(' ').slice(0, 2).join(' ');
    // The downloaded private key really is the pair of the key Nova holds.
    execFileSync('chmod', ['600', pemPath]);
    const derived = execFileSync('ssh-keygen', ['-y', '-f', pemPath], { encoding: 'utf8' }).trim();
    expect(derived.split(' ').slice(0, 2).join(' ')).toBe(novaKey);
    await expect(page.locator('table#keypairs tr[data-display="e2e-created"]')).toBeVisible();

    // Import a public key (the one just derived, under another name).
    await page.getByRole('button', { name: 'Import Public Key' }).click();
    await page.locator('.modal-dialog #id_name').fill('e2e-imported');
    await page.locator('.modal-dialog #id_public_key').fill(derived);
    await page.locator('.modal-dialog').getByRole('button', { name: 'Import Public Key' }).click();
    await expect(page.locator('div.messages div.alert')).toHaveText('Success: Successfully imported public key: e2e-imported');
    await expect(page.locator('table#keypairs tr[data-display="e2e-imported"]')).toBeVisible();
    // Nova holds exactly the key pasted, as an SSH key, with the fingerprint of that key.
    const imported = (await api(token, 'GET', `${NOVA}/os-keypairs/e2e-imported`)).keypair;
    expect(imported.public_key.trim()).toBe(derived);
    expect(imported.type).toBe('ssh');
    expect(imported.fingerprint).toBe(md5Fingerprint(derived));

    // A bad public key is refused at the field, and what was typed stays.
    await page.getByRole('button', { name: 'Import Public Key' }).click();
    await page.locator('.modal-dialog #id_name').fill('e2e-bad');
    await page.locator('.modal-dialog #id_public_key').fill('not a key');
    await page.locator('.modal-dialog').getByRole('button', { name: 'Import Public Key' }).click();
    await expect(page.locator('.modal-dialog .field-error')).toBeVisible();
    await expect(page.locator('.modal-dialog #id_name')).toHaveValue('e2e-bad');
    await page.locator('.modal-dialog').getByRole('button', { name: 'Close' }).click();
    expect((await nova(token, 'GET', '/os-keypairs/e2e-bad')).status).toBe(404);

    // Batch delete.
    await page.getByRole('checkbox', { name: 'Select e2e-created' }).check();
    await page.getByRole('checkbox', { name: 'Select e2e-imported' }).check();
    await page.getByRole('button', { name: 'Delete Key Pairs' }).click();
    await page.locator('.modal-dialog').getByRole('button', { name: 'Delete Key Pairs' }).click();
    await expect(page.locator('div.messages div.alert', { hasText: 'Deleted' })).toHaveText(
      /^Success: Deleted Key Pairs: e2e-(created|imported), e2e-(created|imported)$/,
    );
    await expect(page.locator('table#keypairs tr[data-display^="e2e-"]')).toHaveCount(0);
    expect((await nova(token, 'GET', '/os-keypairs/e2e-created')).status).toBe(404);
    await page.screenshot({ path: 'test-results/key-pairs.png', fullPage: true });
  });
});
