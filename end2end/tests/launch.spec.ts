import { readFileSync } from 'node:fs';
import { createHash, createPublicKey } from 'node:crypto';
import { test, expect, login, projectId, scopedToken, ensureNetwork, deleteServers, listServers, NOVA, GLANCE, api, cinderUrl, PROJECTS } from './helpers';

/**
 * The OpenSSH public key blob (RFC 4253 `ssh-rsa`, RFC 8709 `ssh-ed25519`) of the key pair
 * whose private half is `pem`, derived here from the private key alone.
 */
function opensshBlob(pem: string): Buffer {
  const str = (b: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(b.length);
    return Buffer.concat([len, b]);
  };
  // An mpint: big-endian, no leading zero bytes, one zero byte first when the top bit is set.
  const mpint = (b64url: string) => {
    let b = Buffer.from(b64url, 'base64url');
    while (b.length > 1 && b[0] === 0) b = b.subarray(1);
    return str(b[0] & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);
  };
  const jwk = createPublicKey(pem).export({ format: 'jwk' });
  if (jwk.kty === 'RSA') return Buffer.concat([str(Buffer.from('ssh-rsa')), mpint(jwk.e!), mpint(jwk.n!)]);
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') return Buffer.concat([str(Buffer.from('ssh-ed25519')), str(Buffer.from(jwk.x!, 'base64url'))]);
  throw new Error(`unexpected key type ${jwk.kty}`);
}

test.describe('Launch Instance', () => {
  test.describe.configure({ timeout: 240_000 });
  let token = '';
  let bigImage = '';

  test.beforeAll(async () => {
    token = await scopedToken('demo', PROJECTS.demo);
    await deleteServers(token, 'e2e-launch');
    await ensureNetwork(token, 'e2e-net', '10.77.0.0/24');
    await fetch(`${NOVA}/os-keypairs/e2e-launch-key`, { method: 'DELETE', headers: { 'X-Auth-Token': token } });
    const kp = await fetch(`${NOVA}/os-keypairs`, {
      method: 'POST',
      headers: { 'X-Auth-Token': token, 'Content-Type': 'application/json' },
      body: JSON.stringify({ keypair: { name: 'e2e-launch-key' } }),
    });
    expect(kp.status).toBe(200);
    // A private image that needs a 5 GB root disk: m1.tiny (1 GB) cannot boot it.
    const old = await (await fetch(`${GLANCE}/v2/images?name=e2e-needs-5gb`, { headers: { 'X-Auth-Token': token } })).json();
    for (const i of old.images) await fetch(`${GLANCE}/v2/images/${i.id}`, { method: 'DELETE', headers: { 'X-Auth-Token': token } });
    const img = await fetch(`${GLANCE}/v2/images`, {
      method: 'POST',
      headers: { 'X-Auth-Token': token, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'e2e-needs-5gb', disk_format: 'raw', container_format: 'bare', min_disk: 5 }),
    });
    bigImage = (await img.json()).id;
    const up = await fetch(`${GLANCE}/v2/images/${bigImage}/file`, {
      method: 'PUT',
      headers: { 'X-Auth-Token': token, 'Content-Type': 'application/octet-stream' },
      body: Buffer.alloc(1024),
    });
    expect(up.status).toBe(204);
  });

  test.afterAll(async () => {
    await deleteServers(token, 'e2e-launch');
    await fetch(`${GLANCE}/v2/images/${bigImage}`, { method: 'DELETE', headers: { 'X-Auth-Token': token } });
    await fetch(`${NOVA}/os-keypairs/e2e-launch-key`, { method: 'DELETE', headers: { 'X-Auth-Token': token } });
  });

  async function openWizard(page) {
    await login(page, 'demo', `/auth/switch/${await projectId(PROJECTS.demo)}/?next=${encodeURIComponent('/project/instances/?field=name&q=e2e-launch')}`);
    await page.waitForFunction(() => (window as any).__meridian_hydrated === true);
    await page.getByRole('button', { name: 'Launch Instance' }).click();
    const dialog = page.locator('.modal-dialog');
    await expect(dialog.locator('#id_name')).toBeAttached();
    return dialog;
  }

  /** Picks the option whose text starts with `prefix` (option texts carry sizes after the name). */
  async function choose(select, prefix: string) {
    const value = await select.evaluate(
      (el, p) => [...el.options].find((o) => o.text.startsWith(p))?.value ?? '',
      prefix,
    );
    expect(value, `an option starting with ${prefix}`).not.toBe('');
    await select.selectOption(value);
  }

  async function step(dialog, name: string) {
    await dialog.getByRole('navigation', { name: 'Launch Instance steps' }).getByRole('button', { name, exact: true }).click();
  }

  test('launch with image, flavor, network, security group, key pair and user data', async ({ page }) => {
    const dialog = await openWizard(page);
    await dialog.locator('#id_name').fill('e2e-launch');
    await step(dialog, 'Source');
    await choose(dialog.locator('#id_image_id'), 'tiny ');
    await step(dialog, 'Flavor');
    await choose(dialog.locator('#id_flavor_id'), 'm1.tiny ');
    await expect(dialog.locator('.flavor-quota')).toContainText('One instance uses 1 VCPU and 512 MB of RAM');
    await step(dialog, 'Networks');
    await dialog.getByLabel('e2e-net').check();
    await expect(dialog.locator('.network-position').filter({ hasText: '#' })).toHaveText(['#1']);
    await step(dialog, 'Security Groups');
    await expect(dialog.getByLabel('default')).toBeChecked();
    await step(dialog, 'Key Pair');
    await dialog.locator('#id_key_name').selectOption('e2e-launch-key');
    await step(dialog, 'Configuration');
    const script = '#!/bin/sh\napt-get install -y httpd\n';
    await dialog.locator('#id_user_data').fill(script);
    await page.screenshot({ path: 'test-results/launch-wizard.png' });
    await dialog.getByRole('button', { name: 'Launch Instance' }).click();

    await expect(page.locator('div.messages div.alert', { hasText: 'Scheduled' })).toHaveText(
      'Info: Scheduled creation of 1 instance(s).',
    );
    const row = page.locator('table#instances tr[data-display="e2e-launch"]');
    await expect(row).toBeVisible();
    // BUILD → ACTIVE, seen by the live refresh (no reload).
    await expect(row.locator('.status')).toHaveText('Active', { timeout: 90_000 });

    const [server] = await listServers(token, 'e2e-launch');
    const admin = await scopedToken('admin', 'admin');
    const detail = await (
      await fetch(`${NOVA}/servers/${server.id}`, {
        headers: { 'X-Auth-Token': admin, 'OpenStack-API-Version': 'compute 2.79' },
      })
    ).json();
    expect(detail.server.key_name).toBe('e2e-launch-key');
    expect(Buffer.from(detail.server['OS-EXT-SRV-ATTR:user_data'], 'base64').toString()).toBe(script);
    expect(detail.server.security_groups.map((g) => g.name)).toEqual(['default']);
    expect(Object.keys(detail.server.addresses)).toEqual(['e2e-net']);

    // The detail page and its tabs.
    await row.getByRole('link', { name: 'e2e-launch' }).click();
    await expect(page).toHaveURL(new RegExp(`/project/instances/${server.id}/$`));
    await expect(page.locator('#overview')).toContainText('e2e-launch-key');
    await expect(page.locator('#overview .security-groups')).toHaveText('default');
    // The default group's rules, in Horizon's words.
    await expect(page.locator('#overview .security-group-rules')).toContainText('ALLOW IPv4 to 0.0.0.0/0');
    await expect(page.locator('#overview .security-group-rules')).toContainText('ALLOW IPv4 from default');
    await page.getByRole('tab', { name: 'Interfaces' }).click();
    await expect(page.locator('table#interfaces tbody tr')).toHaveCount(1);
    await expect(page.locator('table#interfaces')).toContainText('10.77.0.');
    await page.getByRole('tab', { name: 'Log', exact: true }).click();
    await expect(page.locator('#console-log')).not.toBeEmpty();
    await page.getByRole('tab', { name: 'Action Log' }).click();
    await expect(page.locator('table#audit tr[data-display="create"]')).toHaveCount(1);
    await page.screenshot({ path: 'test-results/instance-detail.png', fullPage: true });
  });

  test('refused with clear messages, and nothing is created', async ({ page }) => {
    const before = (await listServers(token, 'e2e-launch')).length;
    const dialog = await openWizard(page);

    // A name of 300 characters.
    await dialog.locator('#id_name').fill('x'.repeat(300));
    await step(dialog, 'Source');
    await choose(dialog.locator('#id_image_id'), 'tiny ');
    await step(dialog, 'Flavor');
    await choose(dialog.locator('#id_flavor_id'), 'm1.tiny ');
    await dialog.getByRole('button', { name: 'Launch Instance' }).click();
    await expect(dialog.locator('#name-error')).toHaveText('Ensure this value has at most 255 characters.');

    // More than the quota allows (demo may run 10 instances).
    await dialog.locator('#id_name').fill('e2e-launch-many');
    await dialog.locator('#id_count').fill('11');
    await dialog.getByRole('button', { name: 'Launch Instance' }).click();
    await expect(dialog.locator('#count-error')).toContainText("would exceed the project's quota");

    // A flavor whose disk the image's min_disk does not fit.
    await dialog.locator('#id_count').fill('1');
    await step(dialog, 'Source');
    await choose(dialog.locator('#id_image_id'), 'e2e-needs-5gb ');
    await dialog.getByRole('button', { name: 'Launch Instance' }).click();
    await expect(dialog.locator('#flavor_id-error')).toContainText('needs at least 5 GB');
    // What was typed is still there.
    await step(dialog, 'Details');
    await expect(dialog.locator('#id_name')).toHaveValue('e2e-launch-many');

    expect((await listServers(token, 'e2e-launch')).length).toBe(before);
  });

  test('boots from a volume and from a volume snapshot, with a key pair made inside the wizard', async ({ page }) => {
    const cinder = cinderUrl(await projectId(PROJECTS.demo));
    const image = (await api(token, 'GET', `${GLANCE}/v2/images?name=tiny`)).images[0];
    await api(token, 'DELETE', `${NOVA}/os-keypairs/e2e-launch-inline`).catch(() => {});
    const volume = (
      await api(token, 'POST', `${cinder}/volumes`, { volume: { size: 1, name: 'e2e-launch-bootvol', imageRef: image.id } })
    ).volume;
    const volumeStatus = async (id: string) => (await api(token, 'GET', `${cinder}/volumes/${id}`)).volume.status;
    await expect.poll(() => volumeStatus(volume.id), { timeout: 120_000 }).toBe('available');
    const snap = (
      await api(token, 'POST', `${cinder}/snapshots`, { snapshot: { volume_id: volume.id, name: 'e2e-launch-volsnap' } })
    ).snapshot;
    await expect
      .poll(async () => (await api(token, 'GET', `${cinder}/snapshots/${snap.id}`)).snapshot.status, { timeout: 60_000 })
      .toBe('available');

    try {
      // From the volume, with a key pair created in the Key Pair step.
      let dialog = await openWizard(page);
      await dialog.locator('#id_name').fill('e2e-launch-vol');
      await step(dialog, 'Source');
      await dialog.locator('#id_source_type').selectOption('volume_id');
      await expect(dialog.locator('#id_image_id')).toBeHidden();
      await choose(dialog.locator('#id_volume_id'), 'e2e-launch-bootvol ');
      await step(dialog, 'Flavor');
      await choose(dialog.locator('#id_flavor_id'), 'm1.tiny ');
      await step(dialog, 'Networks');
      await dialog.getByLabel('e2e-net').check();
      await step(dialog, 'Key Pair');
      await dialog.getByRole('button', { name: '+ Create Key Pair' }).click();
      await dialog.locator('#id_new_keypair_name').fill('e2e-launch-inline');
      const download = page.waitForEvent('download');
      await dialog.getByRole('button', { name: 'Create Key Pair', exact: true }).click();
      const file = await download;
      expect(file.suggestedFilename()).toBe('e2e-launch-inline.pem');
      const pem = readFileSync(await file.path(), 'utf8');
      expect(pem).toMatch(/^-----BEGIN (RSA |OPENSSH )?PRIVATE KEY-----/);
      // The downloaded private key is the pair of the public key Nova holds: the public key
      // derived from it is Nova's, byte for byte, and so is its MD5 fingerprint.
      const nova = (await api(token, 'GET', `${NOVA}/os-keypairs/e2e-launch-inline`)).keypair;
      const blob = opensshBlob(pem);
      const [kind, novaBlob] = nova.public_key.trim().split(/\s+/);
      expect(kind).toBe(blob.subarray(4, 4 + blob.readUInt32BE(0)).toString());
      expect(novaBlob).toBe(blob.toString('base64'));
      expect(nova.fingerprint).toBe(createHash('md5').update(blob).digest('hex').match(/../g)!.join(':'));
      await expect(dialog.locator('#id_key_name')).toHaveValue('e2e-launch-inline');
      await page.screenshot({ path: 'screenshots/launch-inline-keypair.png' });
      await dialog.getByRole('button', { name: 'Launch Instance' }).click();
      await expect(page.locator('div.messages div.alert', { hasText: 'Scheduled' })).toBeVisible();
      const row = page.locator('table#instances tr[data-display="e2e-launch-vol"]');
      await expect(row.locator('.status')).toHaveText('Active', { timeout: 120_000 });
      const [server] = await listServers(token, 'e2e-launch-vol');
      const detail = (await api(token, 'GET', `${NOVA}/servers/${server.id}`)).server;
      expect(detail.image).toBe('');
      expect(detail['os-extended-volumes:volumes_attached'].map((v) => v.id)).toEqual([volume.id]);
      expect(detail.key_name).toBe('e2e-launch-inline');

      // From the volume snapshot: Nova has Cinder make a new volume from it.
      dialog = await openWizard(page);
      await dialog.locator('#id_name').fill('e2e-launch-snapvol');
      await step(dialog, 'Source');
      await dialog.locator('#id_source_type').selectOption('volume_snapshot_id');
      await choose(dialog.locator('#id_volume_snapshot_id'), 'e2e-launch-volsnap ');
      await dialog.getByLabel('Delete Volume on Instance Delete').check();
      await step(dialog, 'Flavor');
      await choose(dialog.locator('#id_flavor_id'), 'm1.tiny ');
      await step(dialog, 'Networks');
      await dialog.getByLabel('e2e-net').check();
      await dialog.getByRole('button', { name: 'Launch Instance' }).click();
      const row2 = page.locator('table#instances tr[data-display="e2e-launch-snapvol"]');
      await expect(row2.locator('.status')).toHaveText('Active', { timeout: 120_000 });
      const [server2] = await listServers(token, 'e2e-launch-snapvol');
      const attached = (await api(token, 'GET', `${NOVA}/servers/${server2.id}`)).server['os-extended-volumes:volumes_attached'];
      expect(attached).toHaveLength(1);
      expect(attached[0].delete_on_termination).toBe(true);
      const made = (await api(token, 'GET', `${cinder}/volumes/${attached[0].id}`)).volume;
      expect(made.snapshot_id).toBe(snap.id);
    } finally {
      await deleteServers(token, 'e2e-launch-');
      await api(token, 'DELETE', `${cinder}/snapshots/${snap.id}`).catch(() => {});
      await expect.poll(async () => (await api(token, 'GET', `${cinder}/snapshots?name=e2e-launch-volsnap`)).snapshots.length, { timeout: 60_000 }).toBe(0);
      await api(token, 'DELETE', `${cinder}/volumes/${volume.id}`).catch(() => {});
      await api(token, 'DELETE', `${NOVA}/os-keypairs/e2e-launch-inline`).catch(() => {});
    }
  });
});
