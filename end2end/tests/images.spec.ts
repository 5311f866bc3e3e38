import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test, expect, login, scopedToken, projectId, api, GLANCE, PROJECTS } from './helpers';
import type { Page } from '@playwright/test';

// Everything here is named e2e-img-*: the test cloud is shared.
const PREFIX = 'e2e-img-';
const MiB = 1024 * 1024;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meridian-images-'));

type GlanceImage = {
  id: string; name: string; status: string; visibility: string; protected: boolean;
  checksum: string | null; owner: string; disk_format: string; size: number | null;
};

async function imagesNamed(token: string, name: string): Promise<GlanceImage[]> {
  return (await api(token, 'GET', `${GLANCE}/v2/images?name=${encodeURIComponent(name)}&visibility=all`)).images;
}

async function deleteOurs(token: string) {
  for (const img of (await api(token, 'GET', `${GLANCE}/v2/images?limit=1000&visibility=all`)).images as GlanceImage[]) {
    if (!img.name?.startsWith(PREFIX)) continue;
    if (img.protected) {
      await fetch(`${GLANCE}/v2/images/${img.id}`, {
        method: 'PATCH',
        headers: { 'X-Auth-Token': token, 'Content-Type': 'application/openstack-images-v2.1-json-patch' },
        body: JSON.stringify([{ op: 'replace', path: '/protected', value: false }]),
      });
    }
    await api(token, 'DELETE', `${GLANCE}/v2/images/${img.id}`).catch(() => {});
  }
}

function md5(file: string): string {
  return createHash('md5').update(fs.readFileSync(file)).digest('hex');
}

/** A sparse file of `size` bytes: zeros the kernel does not store. */
function sparseFile(name: string, size: number): string {
  const file = path.join(dir, name);
  fs.closeSync(fs.openSync(file, 'w'));
  fs.truncateSync(file, size);
  return file;
}

/** The Meridian server's process: from MERIDIAN_PID, or whoever listens on its port. */
function meridianPid(): number {
  if (process.env.MERIDIAN_PID) return Number(process.env.MERIDIAN_PID);
  const port = new URL(process.env.MERIDIAN_URL ?? 'http://127.0.0.1:3000').port;
  const out = execFileSync('ss', ['-Hltnp', `sport = :${port}`]).toString();
  const m = out.match(/pid=(\d+)/);
  if (!m) throw new Error(`no process listens on port ${port}`);
  return Number(m[1]);
}

/** A value in kB from /proc/PID/status (VmRSS, VmHWM). */
function procKb(pid: number, key: string): number {
  const line = fs.readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith(key + ':'));
  if (!line) throw new Error(`${key} not in /proc/${pid}/status`);
  return Number(line.split(/\s+/)[1]);
}

/** Opens `path` in project `pid` (demo starts out in alt) and waits for hydration. */
async function hydrated(page: Page, path: string, pid?: string) {
  await page.goto(pid ? `/auth/switch/${pid}/?next=${encodeURIComponent(path)}` : path);
  await expect(page).toHaveURL(new RegExp(`${path.replace(/\?/g, '\\?')}$`));
  await page.waitForFunction(() => (window as any).__meridian_hydrated === true);
}

/** Fills Create Image for a file and starts it. */
async function createFromFile(page: Page, name: string, file: string, format: string, visibility = 'private') {
  await page.locator('#images__action_create').click();
  const dialog = page.locator('.modal-dialog');
  await expect(dialog.getByRole('heading', { name: 'Create Image' })).toBeVisible();
  await dialog.locator('#id_image_file').setInputFiles(file);
  await dialog.locator('#id_name').fill(name);
  await dialog.locator('#id_disk_format').selectOption(format);
  await dialog.locator('#id_visibility').selectOption(visibility);
  await dialog.getByRole('button', { name: 'Create Image' }).click();
  return dialog;
}

test.describe('Images', () => {
  let admin = '';
  let demo = '';
  let demoId = '';

  test.beforeAll(async () => {
    admin = await scopedToken('admin', 'admin');
    demo = await scopedToken('demo', PROJECTS.demo);
    demoId = await projectId(PROJECTS.demo);
    await deleteOurs(admin);
  });

  test.afterAll(async () => {
    await deleteOurs(admin);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('admin uploads a public qcow2 image and demo a private one, each active with its checksum', async ({ page, browser }) => {
    test.setTimeout(120_000);
    const qcow2 = path.join(dir, 'e2e.qcow2');
    execFileSync('qemu-img', ['create', '-q', '-f', 'qcow2', qcow2, '64M']);
    await login(page, 'admin');
    await hydrated(page, '/project/images/');
    const dialog = await createFromFile(page, `${PREFIX}public`, qcow2, 'qcow2', 'public');
    await expect(dialog).toBeHidden({ timeout: 30_000 });
    await expect(page.locator('div.messages div.alert', { hasText: `Success: Your image ${PREFIX}public has been uploaded.` })).toBeVisible();
    const row = page.locator(`table#images tr[data-display="${PREFIX}public"]`);
    await expect(row.locator('td.status')).toHaveText('Active');
    await expect(row.locator('td.visibility')).toHaveText('Public');
    const [pub] = await imagesNamed(admin, `${PREFIX}public`);
    expect(pub).toMatchObject({ status: 'active', visibility: 'public', disk_format: 'qcow2', checksum: md5(qcow2) });
    await page.screenshot({ path: 'screenshots/images.png', fullPage: true });

    // demo: no Public choice, and a private image owned by its project.
    const ctx = await browser.newContext();
    const member = await ctx.newPage();
    await login(member, 'demo');
    await hydrated(member, '/project/images/', demoId);
    const raw = path.join(dir, 'e2e-private.raw');
    fs.writeFileSync(raw, randomBytes(3 * MiB));
    await member.locator('#images__action_create').click();
    await expect(member.locator('.modal-dialog #id_visibility option[value="public"]')).toHaveCount(0);
    await member.locator('.modal-dialog [aria-label="Close"]').click();
    const d2 = await createFromFile(member, `${PREFIX}private`, raw, 'raw');
    await expect(d2).toBeHidden({ timeout: 30_000 });
    const [priv] = await imagesNamed(demo, `${PREFIX}private`);
    expect(priv).toMatchObject({ status: 'active', visibility: 'private', owner: demoId, checksum: md5(raw), size: 3 * MiB });
    await expect(member.locator(`table#images tr[data-display="${PREFIX}private"] td.visibility`)).toHaveText('Private');
    // The public one is listed for demo too, without the owner's actions.
    const pubRow = member.locator(`table#images tr[data-display="${PREFIX}public"]`);
    await expect(pubRow).toBeVisible();
    await expect(pubRow.locator('.btn-delete')).toHaveCount(0);

    // Deactivate (confirmed), then Activate again, as Glance records it.
    const privRow = member.locator(`table#images tr[data-display="${PREFIX}private"]`);
    await privRow.getByLabel(`Actions for ${PREFIX}private`).click();
    await privRow.locator('.btn-deactivate').click();
    await member.locator('.modal-dialog').getByRole('button', { name: 'Confirm' }).click();
    await expect(privRow.locator('td.status')).toHaveText('Deactivated');
    expect((await api(demo, 'GET', `${GLANCE}/v2/images/${priv.id}`)).status).toBe('deactivated');
    await privRow.getByLabel(`Actions for ${PREFIX}private`).click();
    await privRow.locator('.btn-activate').click();
    await expect(privRow.locator('td.status')).toHaveText('Active');
    expect((await api(demo, 'GET', `${GLANCE}/v2/images/${priv.id}`)).status).toBe('active');
    await ctx.close();
  });

  test('a 200 MB upload is streamed: the progress bar moves and the server grows by less than 50 MB', async ({ page }) => {
    test.setTimeout(180_000);
    const big = sparseFile('e2e-big.raw', 200 * MiB);
    const pid = meridianPid();
    await login(page, 'demo');
    await hydrated(page, '/project/images/', demoId);
    // Peak RSS from here on: clear_refs resets the kernel's high-water mark to the current size.
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    const rssBefore = procKb(pid, 'VmRSS');
    const dialog = await createFromFile(page, `${PREFIX}big`, big, 'raw');
    const seen = new Set<number>();
    const bar = dialog.getByRole('progressbar', { name: 'Upload progress' });
    // Sample the bar until the dialog closes.
    while (await dialog.isVisible()) {
      const now = await bar.getAttribute('aria-valuenow', { timeout: 500 }).catch(() => null);
      if (now !== null) seen.add(Number(now));
      await page.waitForTimeout(50);
    }
    const peak = procKb(pid, 'VmHWM');
    const growthMb = (peak - rssBefore) / 1024;
    console.log(`200 MB upload: Meridian RSS ${(rssBefore / 1024).toFixed(1)} MB before, peak ${(peak / 1024).toFixed(1)} MB during: +${growthMb.toFixed(1)} MB`);
    await expect(page.locator('div.messages div.alert', { hasText: `Your image ${PREFIX}big has been uploaded.` })).toBeVisible();
    const [img] = await imagesNamed(demo, `${PREFIX}big`);
    expect(img).toMatchObject({ status: 'active', size: 200 * MiB, checksum: md5(big) });
    expect(growthMb).toBeLessThan(50);
    // The bar showed more than a start and an end.
    expect([...seen].filter((v) => v > 0 && v < 100).length, `progress values seen: ${[...seen].join(', ')}`).toBeGreaterThan(0);
  });

  test('a cancelled upload leaves no image; a format Glance refuses is reported in words', async ({ page, context }) => {
    test.setTimeout(120_000);
    await login(page, 'demo');
    await hydrated(page, '/project/images/', demoId);
    // A slow link (2 MB/s up), so there is time to cancel.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 2 * MiB });
    const file = sparseFile('e2e-cancel.raw', 100 * MiB);
    const dialog = await createFromFile(page, `${PREFIX}cancelled`, file, 'raw');
    await expect(dialog.locator('.upload-status')).toContainText('sent');
    await expect.poll(async () => (await imagesNamed(demo, `${PREFIX}cancelled`)).length).toBe(1);
    await dialog.getByRole('button', { name: 'Cancel Upload' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.locator('div.messages div.alert', { hasText: 'cancelled; the image was not kept' })).toBeVisible();
    await expect.poll(async () => (await imagesNamed(demo, `${PREFIX}cancelled`)).length, { timeout: 15_000 }).toBe(0);
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

    // Random bytes claimed to be qcow2: Glance inspects the data and refuses it.
    const junk = path.join(dir, 'e2e-junk.qcow2');
    fs.writeFileSync(junk, randomBytes(2 * MiB));
    const d2 = await createFromFile(page, `${PREFIX}junk`, junk, 'qcow2');
    const banner = d2.locator('div.alert', { hasText: 'Unable to upload the image data' });
    await expect(banner).toBeVisible({ timeout: 30_000 });
    await expect(banner).toContainText('qcow2');
    await expect(banner).toContainText('The image was not kept.');
    // What was typed is still there, and no image is left.
    await expect(d2.locator('#id_name')).toHaveValue(`${PREFIX}junk`);
    await expect.poll(async () => (await imagesNamed(demo, `${PREFIX}junk`)).length).toBe(0);
    await page.screenshot({ path: 'screenshots/images_upload_refused.png', fullPage: true });
  });

  test('bad input is refused next to its field; a protected image is not deleted', async ({ page }) => {
    await login(page, 'demo');
    await hydrated(page, '/project/images/', demoId);
    await page.locator('#images__action_create').click();
    const dialog = page.locator('.modal-dialog');
    await dialog.getByRole('button', { name: 'Create Image' }).click();
    await expect(dialog.locator('p.field-error[data-field="name"]')).toHaveText('This field is required.');
    await dialog.locator('#id_name').fill(`${PREFIX}nofile`);
    await dialog.getByRole('button', { name: 'Create Image' }).click();
    await expect(dialog.locator('p.field-error[data-field="image_file"]')).toContainText('must be specified');
    await dialog.locator('#id_min_disk').fill('-3');
    await dialog.locator('#id_image_file').setInputFiles({ name: 'x.raw', mimeType: 'application/octet-stream', buffer: Buffer.alloc(1024) });
    await dialog.getByRole('button', { name: 'Create Image' }).click();
    await expect(dialog.locator('p.field-error[data-field="min_disk"]')).toContainText('whole number');
    expect(await imagesNamed(demo, `${PREFIX}nofile`)).toHaveLength(0);
    await dialog.locator('[aria-label="Close"]').click();

    // A protected image (made through Glance's API).
    const img = await api(demo, 'POST', `${GLANCE}/v2/images`, {
      name: `${PREFIX}protected`, disk_format: 'raw', container_format: 'bare', protected: true,
    });
    await page.reload();
    await page.waitForFunction(() => (window as any).__meridian_hydrated === true);
    const row = page.locator(`table#images tr[data-display="${PREFIX}protected"]`);
    await expect(row.locator('td.protected')).toHaveText('Yes');
    await row.getByLabel(`Actions for ${PREFIX}protected`).click();
    await row.locator('td.actions_column .btn-delete').click();
    await page.locator('.modal-dialog').getByRole('button', { name: 'Confirm' }).click();
    await expect(page.locator('div.messages div.alert', { hasText: `Error: Unable to delete Image: ${PREFIX}protected: it is protected` })).toBeVisible();
    expect((await api(demo, 'GET', `${GLANCE}/v2/images/${img.id}`)).status).toBe('queued');

    // Edit Image clears Protected; then the delete goes through.
    await row.locator('td.actions_column .btn-edit').click();
    const edit = page.locator('.modal-dialog');
    await edit.locator('#id_protected').uncheck();
    await edit.locator('#id_description').fill('no longer protected');
    await edit.getByRole('button', { name: 'Update Image' }).click();
    await expect(page.locator('div.messages div.alert', { hasText: `Success: Image ${PREFIX}protected was successfully updated.` })).toBeVisible();
    const after = await api(demo, 'GET', `${GLANCE}/v2/images/${img.id}`);
    expect(after).toMatchObject({ protected: false, description: 'no longer protected' });
    await row.getByLabel(`Actions for ${PREFIX}protected`).click();
    await row.locator('td.actions_column .btn-delete').click();
    await page.locator('.modal-dialog').getByRole('button', { name: 'Confirm' }).click();
    await expect(page.locator('div.messages div.alert', { hasText: `Success: Deleted Image: ${PREFIX}protected` })).toBeVisible();
    expect(await imagesNamed(demo, `${PREFIX}protected`)).toHaveLength(0);
  });

  test('pages of images follow Glance\'s markers both ways', async ({ page }) => {
    const names = [1, 2, 3, 4, 5].map((n) => `${PREFIX}page-${n}`);
    for (const name of names) {
      await api(demo, 'POST', `${GLANCE}/v2/images`, { name, disk_format: 'raw', container_format: 'bare', visibility: 'private' });
    }
    await login(page, 'demo');
    // The images without data (only these five), two to a page: 2, 2, 1.
    await hydrated(page, '/project/images/?field=status&q=queued&page_size=2', demoId);
    const shown = async () => page.locator('table#images tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-display')));
    const seen: string[] = [];
    const first = await shown();
    expect(first).toHaveLength(2);
    seen.push(...(first as string[]));
    await page.getByRole('link', { name: 'Next »' }).click();
    await expect(page.getByRole('link', { name: '« Prev' })).toBeVisible();
    const second = await shown();
    expect(second).toHaveLength(2);
    seen.push(...(second as string[]));
    await page.getByRole('link', { name: 'Next »' }).click();
    await expect(page.locator('table#images tbody tr')).toHaveCount(1);
    await expect(page.getByRole('link', { name: 'Next »' })).toHaveCount(0);
    seen.push(...((await shown()) as string[]));
    // Each once: exactly the five.
    expect([...seen].sort()).toEqual(names);
    await page.getByRole('link', { name: '« Prev' }).click();
    await expect.poll(shown).toEqual(second);
  });

  test('the filter, the detail page, Admin › Images and a reader', async ({ page, browser }) => {
    const owned = await api(demo, 'POST', `${GLANCE}/v2/images`, { name: `${PREFIX}filtered`, disk_format: 'raw', container_format: 'bare' });
    await login(page, 'demo');
    await hydrated(page, `/project/images/?field=name&q=${PREFIX}filtered`, demoId);
    await expect(page.locator('table#images tbody tr')).toHaveCount(1);
    await expect(page.locator(`table#images tr[data-display="${PREFIX}filtered"] td.status`)).toHaveText('Queued');
    // Update Metadata: a property is added; one of Glance's own fields is refused at its field.
    const frow = page.locator(`table#images tr[data-display="${PREFIX}filtered"]`);
    await frow.getByLabel(`Actions for ${PREFIX}filtered`).click();
    await frow.locator('.btn-update-metadata').click();
    const meta = page.locator('.modal-dialog');
    await expect(meta.getByText('This image has no custom properties yet.')).toBeVisible();
    await meta.locator('#id_key').fill('visibility');
    await meta.locator('#id_value').fill('public');
    await meta.getByRole('button', { name: 'Save' }).click();
    await expect(meta.locator('p.field-error')).toContainText("one of Glance's own fields");
    await meta.locator('#id_key').fill('hw_disk_bus');
    await meta.locator('#id_value').fill('scsi');
    await meta.getByRole('button', { name: 'Save' }).click();
    await expect(page.locator('div.messages div.alert', { hasText: `Success: Metadata of image ${PREFIX}filtered was successfully updated.` })).toBeVisible();
    expect(await api(demo, 'GET', `${GLANCE}/v2/images/${owned.id}`)).toMatchObject({ hw_disk_bus: 'scsi', visibility: owned.visibility });

    await page.locator(`table#images tr[data-display="${PREFIX}filtered"] td.name a`).click();
    await expect(page).toHaveURL(new RegExp(`/project/images/${owned.id}/$`));
    await expect(page.locator('dl.image-overview')).toContainText(owned.id);
    await expect(page.locator('dl.image-properties')).toContainText('hw_disk_bus');
    await page.screenshot({ path: 'screenshots/image_detail.png', fullPage: true });

    const ctx = await browser.newContext();
    const adm = await ctx.newPage();
    await login(adm, 'admin');
    await hydrated(adm, `/admin/images/?field=name&q=${PREFIX}filtered`);
    await expect(adm.locator(`table#images tr[data-display="${PREFIX}filtered"] td.owner`)).toHaveText(PROJECTS.demo);
    await adm.screenshot({ path: 'screenshots/admin_images.png', fullPage: true });
    await ctx.close();

    const rctx = await browser.newContext();
    const reader = await rctx.newPage();
    await login(reader, 'reader');
    await hydrated(reader, '/project/images/');
    await expect(reader.locator('table#images')).toBeVisible();
    await expect(reader.locator('#images__action_create')).toHaveCount(0);
    await expect(reader.locator('table#images td.actions_column')).toHaveCount(0);
    await rctx.close();
  });
});
