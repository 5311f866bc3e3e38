/**
 * Project › Volumes and Project › Snapshots: the forms volumes.spec.ts does not cover — Edit
 * Volume, Change Volume Type, Create Volume from another volume, Upload to Image and Edit
 * Snapshot. Each click is checked against Cinder's own API (GET /volumes/{id},
 * /snapshots/{id}) and, for Upload to Image, Glance's (GET /v2/images?name=...).
 */
import { test, expect, login, scopedToken, adminToken, projectId, api, cinderUrl, GLANCE, PROJECTS } from './helpers';
import type { Page, Locator } from '@playwright/test';

// Everything here is named e2e-stor-<this worker's project>-*: the test cloud is shared, and the
// volume type made for Change Volume Type is seen by every project.
const PREFIX = `e2e-stor-${PROJECTS.demo}-`;
const TYPE = `${PREFIX}type`;

type Volume = {
  id: string; name: string; description: string | null; status: string; size: number;
  volume_type: string; source_volid: string | null;
};
type Snapshot = { id: string; name: string; description: string | null; status: string };

test.describe('Project › Volumes: edit, retype, clone, upload; Project › Snapshots: edit', () => {
  let token = '';
  let admin = '';
  let demoId = '';
  let cinder = '';
  let adminCinder = '';

  const ours = <T extends { name: string | null }>(list: T[]) => list.filter((x) => x.name?.startsWith(PREFIX));
  const volumes = async (): Promise<Volume[]> => ours((await api(token, 'GET', `${cinder}/volumes/detail`)).volumes);
  const volume = async (id: string): Promise<Volume> => (await api(token, 'GET', `${cinder}/volumes/${id}`)).volume;
  const snapshots = async (): Promise<Snapshot[]> => ours((await api(token, 'GET', `${cinder}/snapshots/detail`)).snapshots);
  const images = async () =>
    ((await api(token, 'GET', `${GLANCE}/v2/images?limit=1000&owner=${demoId}`)).images as { id: string; name: string; status: string }[])
      .filter((i) => i.name?.startsWith(PREFIX));
  const types = async () =>
    ((await api(admin, 'GET', `${adminCinder}/types?is_public=None`)).volume_types as { id: string; name: string }[]).filter((t) => t.name === TYPE);

  async function cleanUp() {
    for (const s of await snapshots()) await api(token, 'DELETE', `${cinder}/snapshots/${s.id}`).catch(() => {});
    await expect.poll(async () => (await snapshots()).length, { timeout: 60_000 }).toBe(0);
    // A volume Cinder is still working on (uploading, retyping...) cannot be deleted yet.
    const busy = ['creating', 'uploading', 'retyping', 'downloading', 'maintenance'];
    await expect.poll(async () => (await volumes()).filter((v) => busy.includes(v.status)).length, { timeout: 120_000 }).toBe(0);
    for (const v of await volumes()) await api(token, 'DELETE', `${cinder}/volumes/${v.id}`).catch(() => {});
    await expect.poll(async () => (await volumes()).length, { timeout: 60_000 }).toBe(0);
    for (const i of await images()) await api(token, 'DELETE', `${GLANCE}/v2/images/${i.id}`).catch(() => {});
    // The type goes last: Cinder keeps a type that a volume still uses.
    for (const t of await types()) await api(admin, 'DELETE', `${adminCinder}/types/${t.id}`).catch(() => {});
  }

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    token = await scopedToken('demo', PROJECTS.demo);
    admin = await adminToken();
    demoId = await projectId(PROJECTS.demo);
    cinder = cinderUrl(demoId);
    adminCinder = cinderUrl(await projectId('admin'));
    await cleanUp();
  });

  test.afterAll(async () => {
    test.setTimeout(240_000);
    await cleanUp();
  });

  async function open(page: Page, path = '/project/volumes/') {
    await page.goto(`/auth/switch/${demoId}/?next=${encodeURIComponent(path)}`);
    await page.waitForFunction(() => (window as any).__meridian_hydrated === true);
  }
  const row = (page: Page, name: string) => page.locator(`table#volumes tr[data-display="${name}"]`);
  const flash = (page: Page, text: string) => page.locator('div.messages div.alert', { hasText: text });
  /** Clicks a row action: the first is a button, the rest are in the row's Actions menu. */
  async function action(r: Locator, cls: string) {
    const button = r.locator(`td.actions_column .${cls}`);
    if (!(await button.isVisible())) await r.locator('td.actions_column details.row-actions > summary').click();
    await button.click();
    return r.page().locator('.modal-dialog');
  }

  test('Edit Volume, Change Volume Type, a volume from this volume, Upload to Image', async ({ page }) => {
    test.setTimeout(300_000);
    // A second volume type, made by an admin through Cinder's API, for Change Volume Type.
    const newType = (
      await api(admin, 'POST', `${adminCinder}/types`, {
        volume_type: { name: TYPE, description: 'Meridian e2e retype target', 'os-volume-type-access:is_public': true },
      })
    ).volume_type;
    // The volume the forms work on, made through Cinder's API (Create Volume's own form is
    // covered by volumes.spec.ts).
    const made = (await api(token, 'POST', `${cinder}/volumes`, { volume: { size: 1, name: `${PREFIX}src` } })).volume;
    await expect.poll(async () => (await volume(made.id)).status, { timeout: 60_000 }).toBe('available');
    const before = await volume(made.id);
    expect(before.volume_type).not.toBe(TYPE);

    await login(page, 'demo');
    await open(page);

    // Edit Volume: a new name and description, as Cinder records them.
    let dialog = await action(row(page, `${PREFIX}src`), 'btn-edit');
    await expect(dialog.getByRole('heading', { name: 'Edit Volume' })).toBeVisible();
    await expect(dialog.locator('#id_name')).toHaveValue(`${PREFIX}src`);
    await dialog.locator('#id_name').fill(`${PREFIX}data`);
    await dialog.locator('#id_description').fill('edited in Meridian');
    await dialog.getByRole('button', { name: 'Submit' }).click();
    await expect(flash(page, `Info: Updating volume "${PREFIX}data"`)).toBeVisible();
    expect(await volume(made.id)).toMatchObject({ name: `${PREFIX}data`, description: 'edited in Meridian', status: 'available' });
    const data = row(page, `${PREFIX}data`);
    await expect(data.locator('td.description')).toHaveText('edited in Meridian');
    await page.screenshot({ path: 'screenshots/volume_edit.png', fullPage: true });

    // Change Volume Type: the new type is offered, the current one is not; Cinder retypes.
    // (Both types have no extra specs, so Cinder's fake backend retypes in place, without
    // a migration.)
    dialog = await action(data, 'btn-retype');
    await expect(dialog.getByRole('heading', { name: 'Change Volume Type' })).toBeVisible();
    await expect(dialog.locator(`#id_volume_type option[value="${before.volume_type}"]`)).toHaveCount(0);
    await dialog.locator('#id_volume_type').selectOption(TYPE);
    await page.screenshot({ path: 'screenshots/volume_retype.png', fullPage: true });
    await dialog.getByRole('button', { name: 'Change Volume Type' }).click();
    await expect(flash(page, `Info: Successfully sent the request to change the volume type to "${TYPE}" for volume: "${PREFIX}data"`)).toBeVisible();
    await expect.poll(async () => (await volume(made.id)).volume_type, { timeout: 60_000 }).toBe(newType.name);
    await expect.poll(async () => (await volume(made.id)).status, { timeout: 60_000 }).toBe('available');
    await expect(data.locator('td.volume_type')).toHaveText(TYPE, { timeout: 30_000 });

    // Create Volume with this volume as its source: Cinder's new volume names it.
    await page.locator('#volumes__action_create').click();
    dialog = page.locator('.modal-dialog');
    await dialog.locator('#id_name').fill(`${PREFIX}clone`);
    await dialog.locator('#id_volume_source_type').selectOption('volume_source');
    await expect(dialog.locator('#id_volume_source')).toBeVisible();
    await dialog.locator('#id_volume_source').selectOption(made.id);
    await dialog.locator('#id_size').fill('1');
    await dialog.getByRole('button', { name: 'Create Volume' }).click();
    await expect(flash(page, `Info: Creating volume "${PREFIX}clone"`)).toBeVisible();
    await expect(row(page, `${PREFIX}clone`).locator('td.status')).toHaveText('Available', { timeout: 60_000 });
    const clone = (await volumes()).find((v) => v.name === `${PREFIX}clone`)!;
    expect(clone).toMatchObject({ source_volid: made.id, size: 1, status: 'available' });

    // Upload to Image (qcow2: Cinder converts the volume with qemu-img and sends Glance the
    // small result): Glance gets an active image of the project; the volume is available again.
    await expect(data.locator('td.status')).toHaveText('Available');
    dialog = await action(data, 'btn-upload');
    await expect(dialog.getByRole('heading', { name: 'Upload Volume to Image' })).toBeVisible();
    await dialog.locator('#id_image_name').fill(`${PREFIX}uploaded`);
    await dialog.locator('#id_disk_format').selectOption('qcow2');
    await dialog.getByRole('button', { name: 'Upload' }).click();
    await expect(flash(page, `Info: Successfully sent the request to upload volume to image for volume: "${PREFIX}data"`)).toBeVisible();
    const uploaded = async () => (await api(token, 'GET', `${GLANCE}/v2/images?name=${encodeURIComponent(`${PREFIX}uploaded`)}`)).images;
    await expect.poll(async () => (await uploaded()).map((i: { status: string }) => i.status), { timeout: 120_000 }).toEqual(['active']);
    const [image] = await uploaded();
    expect(image).toMatchObject({ owner: demoId, disk_format: 'qcow2', container_format: 'bare', visibility: 'private' });
    expect(image.size).toBeGreaterThan(0);
    await expect.poll(async () => (await volume(made.id)).status, { timeout: 60_000 }).toBe('available');
    await expect(data.locator('td.status')).toHaveText('Available', { timeout: 30_000 });
  });

  test('Edit Snapshot: a new name and description, as Cinder records them', async ({ page }) => {
    test.setTimeout(180_000);
    const vol = (await api(token, 'POST', `${cinder}/volumes`, { volume: { size: 1, name: `${PREFIX}snapvol` } })).volume;
    await expect.poll(async () => (await volume(vol.id)).status, { timeout: 60_000 }).toBe('available');
    const snap = (await api(token, 'POST', `${cinder}/snapshots`, { snapshot: { volume_id: vol.id, name: `${PREFIX}snap` } })).snapshot;
    const snapshot = async (): Promise<Snapshot> => (await api(token, 'GET', `${cinder}/snapshots/${snap.id}`)).snapshot;
    await expect.poll(async () => (await snapshot()).status, { timeout: 60_000 }).toBe('available');

    await login(page, 'demo');
    await open(page, '/project/snapshots/');
    const snapRow = page.locator(`table#volume_snapshots tr[data-display="${PREFIX}snap"]`);
    await snapRow.locator('td.actions_column .btn-edit').click();
    const dialog = page.locator('.modal-dialog');
    await expect(dialog.getByRole('heading', { name: 'Edit Snapshot' })).toBeVisible();
    await expect(dialog.locator('#id_name')).toHaveValue(`${PREFIX}snap`);
    // An empty name is refused at its field, and Cinder keeps the old one.
    await dialog.locator('#id_name').fill('');
    await dialog.getByRole('button', { name: 'Submit' }).click();
    await expect(dialog.locator('p.field-error[data-field="name"]')).toHaveText('This field is required.');
    expect((await snapshot()).name).toBe(`${PREFIX}snap`);
    await dialog.locator('#id_name').fill(`${PREFIX}snap-renamed`);
    await dialog.locator('#id_description').fill('before the upgrade');
    await page.screenshot({ path: 'screenshots/volume_snapshot_edit.png', fullPage: true });
    await dialog.getByRole('button', { name: 'Submit' }).click();
    await expect(flash(page, `Info: Updating volume snapshot "${PREFIX}snap-renamed"`)).toBeVisible();
    expect(await snapshot()).toMatchObject({ name: `${PREFIX}snap-renamed`, description: 'before the upgrade' });
    const renamed = page.locator(`table#volume_snapshots tr[data-display="${PREFIX}snap-renamed"]`);
    await expect(renamed.locator('td.description')).toHaveText('before the upgrade');
    await expect(renamed.locator('td.volume_name')).toHaveText(`${PREFIX}snapvol`);
  });
});
