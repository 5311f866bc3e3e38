import { createHash, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { test, expect, login, scopedToken, api, NOVA, PROJECTS, USERS } from './helpers';

/** An Ed25519 public key as OpenSSH writes it: `ssh-ed25519 <base64 blob>` (RFC 8709 blob). */
function opensshEd25519(key: KeyObject): { line: string; blob: Buffer } {
  const x = Buffer.from(key.export({ format: 'jwk' }).x!, 'base64url');
  const str = (b: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(b.length);
    return Buffer.concat([len, b]);
  };
  const blob = Buffer.concat([str(Buffer.from('ssh-ed25519')), str(x)]);
  return { line: `ssh-ed25519 ${blob.toString('base64')}`, blob };
}

async function nova(token: string, method: string, path: string, body?: unknown) {
  return fetch(`${NOVA}${path}`, {
    method,
    headers: {
      'X-Auth-Token': token,
      'Content-Type': 'application/json',
      'OpenStack-API-Version': 'compute 2.79',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

// Unique per run (the test cloud is shared); the space tests the URL's encoding. (Nova at
// microversion 2.79 takes letters, digits, spaces, `-` and `_` only.)
const NAME = `e2e kpd-${Date.now().toString(36)}`;
const IMPORTED = `e2e-kpd-imported-${Date.now().toString(36)}`;

test.describe('Project › Key Pairs › detail', () => {
  let token = '';
  test.beforeAll(async () => {
    token = await scopedToken('demo', PROJECTS.demo);
  });
  test.afterAll(async () => {
    await nova(token, 'DELETE', `/os-keypairs/${encodeURIComponent(NAME)}`);
    await nova(token, 'DELETE', `/os-keypairs/${encodeURIComponent(IMPORTED)}`);
  });

  test('an Ed25519 key imported from a file: Nova holds that key, and its page shows it', async ({ page }) => {
    const { line, blob } = opensshEd25519(generateKeyPairSync('ed25519').publicKey);
    const typed = `${line} e2e@meridian`;
    await login(page, 'demo', '/project/key_pairs/');
    await page.waitForFunction(() => (window as any).__meridian_hydrated === true);
    await page.getByRole('button', { name: 'Import Public Key' }).click();
    const dialog = page.locator('.modal-dialog');
    await dialog.locator('#id_name').fill(IMPORTED);
    // "Or load it from a file": the browser reads the file into the field.
    await dialog.locator('#id_public_key_file').setInputFiles({
      name: 'id_ed25519.pub',
      mimeType: 'text/plain',
      buffer: Buffer.from(`${typed}\n`),
    });
    await expect(dialog.locator('#id_public_key')).toHaveValue(typed);
    await dialog.getByRole('button', { name: 'Import Public Key' }).click();
    await expect(page.locator('div.messages div.alert')).toHaveText(`Success: Successfully imported public key: ${IMPORTED}`);

    // Nova's own record: the key given, an SSH key, fingerprinted from that key's blob.
    const kp = (await api(token, 'GET', `${NOVA}/os-keypairs/${IMPORTED}`)).keypair;
    expect(kp.public_key.trim()).toBe(typed);
    expect(kp.type).toBe('ssh');
    const fingerprint = createHash('md5').update(blob).digest('hex').match(/../g)!.join(':');
    expect(kp.fingerprint).toBe(fingerprint);

    // Its page says the same.
    await page.locator(`table#keypairs tr[data-display="${IMPORTED}"]`).getByRole('link', { name: IMPORTED }).click();
    await expect(page).toHaveURL(`/project/key_pairs/${IMPORTED}/`);
    const detail = page.locator('#keypair_detail');
    await expect(detail.locator('dd.type')).toHaveText('ssh');
    await expect(detail.locator('dd.fingerprint')).toHaveText(fingerprint);
    expect(((await detail.locator('pre.public-key').textContent()) ?? '').trim()).toBe(typed);
    await page.screenshot({ path: 'screenshots/key-pair-imported-detail.png', fullPage: true });
  });

  test("a key pair's page shows what Nova holds", async ({ page }) => {
    // Nova generates the pair (microversion 2.79); the test keeps only the public half.
    const created = await nova(token, 'POST', '/os-keypairs', { keypair: { name: NAME, type: 'ssh' } });
    expect(created.status).toBe(201);
    const res = await nova(token, 'GET', `/os-keypairs/${encodeURIComponent(NAME)}`);
    expect(res.status).toBe(200);
    const kp = (await res.json()).keypair;

    await login(page, 'demo', '/project/key_pairs/');
    await page.waitForFunction(() => (window as any).__meridian_hydrated === true);
    const row = page.locator(`table#keypairs tr[data-display="${NAME}"]`);
    await expect(row.getByRole('link', { name: NAME })).toHaveAttribute(
      'href',
      `/project/key_pairs/${encodeURIComponent(NAME)}/`,
    );
    await page.screenshot({ path: 'test-results/key-pairs-list.png', fullPage: true });
    // The list still shows the public key on demand.
    await row.getByText('Public key').click();
    await expect(row.locator('pre.public-key')).toHaveText(kp.public_key.trim());
    await row.getByRole('link', { name: NAME }).click();
    await expect(page).toHaveURL(`/project/key_pairs/${encodeURIComponent(NAME)}/`);

    const detail = page.locator('#keypair_detail');
    await expect(page.locator('h1')).toHaveText(NAME);
    await expect(detail.locator('dd.name')).toHaveText(NAME);
    await expect(detail.locator('dd.fingerprint')).toHaveText(kp.fingerprint);
    await expect(detail.locator('dd.type')).toHaveText(kp.type);
    await expect(detail.locator('dd.user')).toHaveText(USERS.demo.name);
    await expect(detail.locator('dd.user-id')).toHaveText(kp.user_id);
    // Nova's naive UTC timestamp, to the second.
    const when = kp.created_at.slice(0, 19).replace('T', ' ');
    await expect(detail.locator('dd.created time')).toHaveText(`${when} UTC`);
    expect(((await detail.locator('pre.public-key').textContent()) ?? '').trim()).toBe(kp.public_key.trim());
    await expect(page).toHaveTitle(`Key Pair Details: ${NAME} - Meridian`);
    await page.screenshot({ path: 'test-results/key-pair-detail.png', fullPage: true });

    // The page rendered by the server alone says the same, with status 200.
    const direct = await page.goto(`/project/key_pairs/${encodeURIComponent(NAME)}/`);
    expect(direct?.status()).toBe(200);
    await expect(detail.locator('dd.fingerprint')).toHaveText(kp.fingerprint);

    // The breadcrumb leads back to the list.
    await page.waitForFunction(() => (window as any).__meridian_hydrated === true);
    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Key Pairs' }).click();
    await expect(page).toHaveURL('/project/key_pairs/');
    await expect(row).toBeVisible();

    // Settings › Timezone: the same moment, shown in the zone picked (India: UTC+05:30, no
    // summer time), by the server-rendered page and the hydrated one alike.
    await page.goto('/settings/');
    await page.waitForFunction(() => (window as any).__meridian_hydrated === true);
    await expect(page.locator('#id_timezone')).toHaveValue('UTC');
    await page.locator('#id_timezone').selectOption('Asia/Kolkata');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.locator('div.messages div.alert', { hasText: 'Success: Settings saved.' })).toBeVisible();
    const ist = new Date(Date.parse(kp.created_at.slice(0, 19) + 'Z') + 330 * 60_000)
      .toISOString().slice(0, 19).replace('T', ' ');
    await page.goto(`/project/key_pairs/${encodeURIComponent(NAME)}/`);
    await expect(detail.locator('dd.created time')).toHaveText(`${ist} IST`);
    await page.goto('/settings/');
    await expect(page.locator('#id_timezone')).toHaveValue('Asia/Kolkata');
  });

  test('an unknown key pair is the not-found page (404)', async ({ page }) => {
    await login(page, 'demo');
    const res = await page.goto('/project/key_pairs/e2e-no-such-key-pair/');
    expect(res?.status()).toBe(404);
    await expect(page.locator('main#content h1')).toHaveText('Page Not Found');
    await expect(page).toHaveTitle('Page Not Found - Meridian');
    await expect(page.locator('#keypair_detail')).toHaveCount(0);
    await page.waitForFunction(() => (window as any).__meridian_hydrated === true);
    await page.screenshot({ path: 'test-results/key-pair-not-found.png', fullPage: true });
  });
});
