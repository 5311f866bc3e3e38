import { test, expect, login, scopedToken, projectId, api, cinderUrl, ensureNetwork, bootServers, deleteServers, listServers, NOVA, GLANCE, PROJECTS } from './helpers';
import type { Page, Locator } from '@playwright/test';

// Everything here is named e2e-vol-*: the test cloud is shared.
const NET = 'e2e-vol-net';
const VM = 'e2e-vol-vm';
const BFV = 'e2e-vol-bfv';

type Volume = { id: string; name: string; status: string; size: number; bootable: string; snapshot_id: string | null; attachments: { server_id: string }[] };

test.describe('Project › Volumes and Snapshots', () => {
  let token = '';
  let demoId = '';
  let cinder = '';

  const volumes = async (): Promise<Volume[]> =>
    (await api(token, 'GET', `${cinder}/volumes/detail`)).volumes.filter((v: Volume) => v.name?.startsWith('e2e-vol-'));
  const volumeNamed = async (name: string) => (await volumes()).find((v) => v.name === name);
  const snapshots = async () =>
    (await api(token, 'GET', `${cinder}/snapshots/detail`)).snapshots.filter((s: { name: string }) => s.name?.startsWith('e2e-vol-'));

  async function cleanUp() {
    await deleteServers(token, BFV).catch(() => {});
    await deleteServers(token, VM).catch(() => {});
    for (const s of await snapshots()) await api(token, 'DELETE', `${cinder}/snapshots/${s.id}`).catch(() => {});
    await expect.poll(async () => (await snapshots()).length, { timeout: 60_000 }).toBe(0);
    for (const v of await volumes()) {
      for (const a of v.attachments) await api(token, 'DELETE', `${NOVA}/servers/${a.server_id}/os-volume_attachments/${v.id}`).catch(() => {});
    }
    await expect.poll(async () => (await volumes()).filter((v) => v.attachments.length).length, { timeout: 60_000 }).toBe(0);
    for (const v of await volumes()) await api(token, 'DELETE', `${cinder}/volumes/${v.id}`).catch(() => {});
    await expect.poll(async () => (await volumes()).length, { timeout: 60_000 }).toBe(0);
  }

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    token = await scopedToken('demo', PROJECTS.demo);
    demoId = await projectId(PROJECTS.demo);
    cinder = cinderUrl(demoId);
    await cleanUp();
    const net = await ensureNetwork(token, NET, '10.78.0.0/24');
    await bootServers(token, VM, 1, net);
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
  /** Clicks a row action: the first is a button, the rest are in the row's Actions menu. */
  async function action(r: Locator, cls: string) {
    const button = r.locator(`td.actions_column .${cls}`);
    if (!(await button.isVisible())) await r.locator('td.actions_column summary').click();
    await button.click();
    return r.page().locator('.modal-dialog');
  }

  test('a 1 GB volume: attach, extend, detach, snapshot, a volume from the snapshot; a smaller size is refused', async ({ page }) => {
    test.setTimeout(300_000);
    const [vm] = await listServers(token, VM);
    await login(page, 'demo');
    await open(page);

    // Create Volume: empty, 1 GB.
    await page.locator('#volumes__action_create').click();
    let dialog = page.locator('.modal-dialog');
    await dialog.locator('#id_name').fill('e2e-vol-data');
    await dialog.locator('#id_size').fill('1');
    await dialog.getByRole('button', { name: 'Create Volume' }).click();
    await expect(page.locator('div.messages div.alert', { hasText: 'Creating volume "e2e-vol-data"' })).toBeVisible();
    const data = row(page, 'e2e-vol-data');
    await expect(data.locator('td.status')).toHaveText('Available', { timeout: 60_000 });
    const created = (await volumeNamed('e2e-vol-data'))!;
    expect(created).toMatchObject({ size: 1, status: 'available' });
    await page.screenshot({ path: 'screenshots/volumes.png', fullPage: true });

    // A smaller (or equal) size is refused at the field; Cinder keeps 1 GB.
    dialog = await action(data, 'btn-extend');
    await dialog.locator('#id_new_size').fill('1');
    await dialog.getByRole('button', { name: 'Extend Volume' }).click();
    await expect(dialog.locator('p.field-error[data-field="new_size"]')).toHaveText('New size must be greater than current size (1 GB).');
    expect((await volumeNamed('e2e-vol-data'))!.size).toBe(1);
    await dialog.locator('[aria-label="Close"]').click();

    // Attach to the running instance: Cinder shows in-use and the attachment.
    dialog = await action(data, 'btn-attachments');
    await dialog.locator('#id_instance').selectOption(vm.id);
    await page.screenshot({ path: 'screenshots/volume_attach.png', fullPage: true });
    await dialog.getByRole('button', { name: 'Attach Volume' }).click();
    await expect(data.locator('td.status')).toHaveText('In-use', { timeout: 60_000 });
    await expect(data.locator('td.attachments')).toContainText(VM);
    const inUse = (await volumeNamed('e2e-vol-data'))!;
    expect(inUse.status).toBe('in-use');
    expect(inUse.attachments.map((a) => a.server_id)).toEqual([vm.id]);

    // Extend while attached.
    dialog = await action(data, 'btn-extend');
    await dialog.locator('#id_new_size').fill('2');
    await dialog.getByRole('button', { name: 'Extend Volume' }).click();
    await expect(page.locator('div.messages div.alert', { hasText: 'Successfully extended volume' })).toBeVisible();
    await expect.poll(async () => (await volumeNamed('e2e-vol-data'))!.size, { timeout: 60_000 }).toBe(2);
    await expect(data.locator('td.size')).toHaveText('2GiB', { timeout: 30_000 });

    // Detach.
    dialog = await action(data, 'btn-attachments');
    await dialog.locator('#attachments tr[data-display="' + VM + '"] .btn-detach').click();
    await expect(data.locator('td.status')).toHaveText('Available', { timeout: 60_000 });
    expect((await volumeNamed('e2e-vol-data'))!.attachments).toEqual([]);

    // Snapshot it.
    dialog = await action(data, 'btn-snapshot');
    await dialog.locator('#id_name').fill('e2e-vol-snap');
    await dialog.getByRole('button', { name: 'Create Volume Snapshot' }).click();
    await expect(page.locator('div.messages div.alert', { hasText: 'Creating volume snapshot "e2e-vol-snap"' })).toBeVisible();
    await expect.poll(async () => (await snapshots()).map((s: { status: string }) => s.status), { timeout: 60_000 }).toEqual(['available']);

    // Project › Snapshots: Create Volume from it (Create Volume with the snapshot chosen).
    await open(page, '/project/snapshots/');
    const snapRow = page.locator('table#volume_snapshots tr[data-display="e2e-vol-snap"]');
    await expect(snapRow.locator('td.volume_name')).toHaveText('e2e-vol-data');
    await page.screenshot({ path: 'screenshots/volume_snapshots.png', fullPage: true });
    await snapRow.locator('.btn-create-volume').click();
    dialog = page.locator('.modal-dialog');
    await expect(dialog.locator('#id_volume_source_type')).toHaveValue('snapshot_source');
    await dialog.locator('#id_name').fill('e2e-vol-from-snap');
    await dialog.locator('#id_size').fill('2');
    await dialog.getByRole('button', { name: 'Create Volume' }).click();
    await expect(row(page, 'e2e-vol-from-snap').locator('td.status')).toHaveText('Available', { timeout: 60_000 });
    const [snap] = await snapshots();
    expect((await volumeNamed('e2e-vol-from-snap'))!.snapshot_id).toBe(snap.id);
  });

  test('a volume made from an image boots an instance (Launch as Instance); then everything is deleted', async ({ page }) => {
    test.setTimeout(300_000);
    await login(page, 'demo');
    await open(page);
    await page.locator('#volumes__action_create').click();
    let dialog = page.locator('.modal-dialog');
    await dialog.locator('#id_name').fill('e2e-vol-boot');
    await dialog.locator('#id_volume_source_type').selectOption('image_source');
    const tiny = (await api(token, 'GET', `${GLANCE}/v2/images?name=tiny`)).images[0];
    await dialog.locator('#id_image_source').selectOption(tiny.id);
    await dialog.locator('#id_size').fill('1');
    await dialog.getByRole('button', { name: 'Create Volume' }).click();
    const boot = row(page, 'e2e-vol-boot');
    await expect(boot.locator('td.status')).toHaveText('Available', { timeout: 120_000 });
    await expect(boot.locator('td.bootable')).toHaveText('Yes');
    const vol = (await volumeNamed('e2e-vol-boot'))!;

    // Launch as Instance: the wizard starts with this volume as the boot source.
    dialog = await action(boot, 'btn-launch');
    await expect(dialog.locator('#id_source_type')).toHaveValue('volume_id');
    await expect(dialog.locator('#id_volume_id')).toHaveValue(vol.id);
    await dialog.locator('#id_name').fill(BFV);
    const nav = dialog.getByRole('navigation', { name: 'Launch Instance steps' });
    await nav.getByRole('button', { name: 'Flavor', exact: true }).click();
    const flavor = await dialog.locator('#id_flavor_id').evaluate((el: HTMLSelectElement) => [...el.options].find((o) => o.text.startsWith('m1.tiny '))!.value);
    await dialog.locator('#id_flavor_id').selectOption(flavor);
    await nav.getByRole('button', { name: 'Networks', exact: true }).click();
    await dialog.getByLabel(NET).check();
    await dialog.getByRole('button', { name: 'Launch Instance' }).click();
    await expect(page.locator('div.messages div.alert', { hasText: 'Scheduled creation of 1 instance(s).' })).toBeVisible();
    await expect.poll(async () => (await listServers(token, BFV)).map((s) => s.status), { timeout: 120_000 }).toEqual(['ACTIVE']);
    const [server] = await listServers(token, BFV);
    const detail = (await api(token, 'GET', `${NOVA}/servers/${server.id}`)).server;
    expect(detail.image).toBe('');
    expect(detail['os-extended-volumes:volumes_attached'].map((v: { id: string }) => v.id)).toEqual([vol.id]);
    await expect(boot.locator('td.attachments')).toContainText(BFV, { timeout: 30_000 });
    // An attached volume is not offered for deletion (detach it first).
    await expect(boot.locator('.btn-delete')).toHaveCount(0);

    // Delete it all: the instance, then every e2e-vol- volume in one batch, then the snapshot.
    await deleteServers(token, BFV);
    await deleteServers(token, VM);
    await expect(boot.locator('td.status')).toHaveText('Available', { timeout: 60_000 });
    // The snapshot first: Cinder keeps a volume that has snapshots.
    await open(page, '/project/snapshots/');
    for (const s of await snapshots()) {
      await page.locator(`table#volume_snapshots tr[data-display="${s.name}"] .btn-delete`).click();
      await page.locator('.modal-dialog').getByRole('button', { name: 'Delete Volume Snapshots' }).click();
      await expect(page.locator('div.messages div.alert', { hasText: 'Scheduled deletion of Volume Snapshot' })).toBeVisible();
    }
    await expect.poll(async () => (await snapshots()).length, { timeout: 60_000 }).toBe(0);
    await open(page);
    for (const v of await volumes()) await row(page, v.name).getByRole('checkbox').check();
    await page.locator('#volumes__action_delete').click();
    await page.locator('.modal-dialog').getByRole('button', { name: 'Delete Volumes' }).click();
    await expect(page.locator('div.messages div.alert', { hasText: 'Success: Scheduled deletion of Volume' })).toBeVisible();
    await expect.poll(async () => (await volumes()).length, { timeout: 90_000 }).toBe(0);
  });

  test('a reader sees volumes and snapshots but no control that changes them', async ({ page }) => {
    await login(page, 'reader', '/project/volumes/');
    await expect(page.locator('table#volumes')).toBeVisible();
    await expect(page.locator('#volumes__action_create')).toHaveCount(0);
    await expect(page.locator('table#volumes td.actions_column')).toHaveCount(0);
    await page.goto('/project/snapshots/');
    await expect(page.locator('table#volume_snapshots')).toBeVisible();
    await expect(page.locator('table#volume_snapshots td.actions_column')).toHaveCount(0);
  });
});
