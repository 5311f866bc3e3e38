/**
 * Project › Images' row actions and sources that no other spec covers, each checked against
 * the cloud's own API:
 * - "Create Volume" on an image row opens Create Volume with that image: Cinder's volume
 *   carries the image (GET /volumes/{id} → volume_image_metadata.image_id);
 * - "Launch" on an image row opens the wizard with that image: Nova's server boots from it
 *   (GET /servers/{id} → image.id);
 * - an instance snapshot as the wizard's boot source ("Instance Snapshot"): Nova's server
 *   boots from the snapshot's image id;
 * - Create Image from a URL (Glance's web-download import) served by this test on loopback:
 *   Glance's image is active with the file's MD5 checksum and size (GET /v2/images/{id}).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  test, expect, login, scopedToken, projectId, api, cinderUrl, ensureNetwork, bootServers, deleteServers, listServers,
  NOVA, GLANCE, PROJECTS,
} from './helpers';
import type { Page, Locator } from '@playwright/test';

// Named e2e-imgact-<this worker's project>-*: the test cloud is shared.
const PREFIX = `e2e-imgact-${PROJECTS.demo}-`;
const NET = `${PREFIX}net`;
/**
 * The loopback port the URL test serves its image on. Glance's web-download import accepts
 * only the ports in `[import_filtering_opts] allowed_ports`: end2end/testcloud/lib/configure.sh
 * adds this one to 80 and 443 for the test cloud.
 */
const IMPORT_PORT = 28080;

type GlanceImage = { id: string; name: string; status: string; checksum: string | null; size: number | null; owner: string; disk_format: string };

test.describe('Project › Images: Create Volume, Launch, an instance snapshot as boot source, Create Image from a URL', () => {
  test.describe.configure({ timeout: 240_000 });
  let token = '';
  let demoId = '';
  let cinder = '';
  let tiny: GlanceImage;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meridian-image-actions-'));

  const ourImages = async (): Promise<GlanceImage[]> =>
    ((await api(token, 'GET', `${GLANCE}/v2/images?limit=1000&owner=${demoId}`)).images as GlanceImage[]).filter((i) => i.name?.startsWith(PREFIX));
  const ourVolumes = async () =>
    ((await api(token, 'GET', `${cinder}/volumes/detail`)).volumes as { id: string; name: string; status: string }[]).filter((v) => v.name?.startsWith(PREFIX));

  async function cleanUp() {
    await deleteServers(token, PREFIX);
    // A volume still copying its image cannot be deleted yet.
    await expect.poll(async () => (await ourVolumes()).filter((v) => ['creating', 'downloading'].includes(v.status)).length, { timeout: 120_000 }).toBe(0);
    for (const v of await ourVolumes()) await api(token, 'DELETE', `${cinder}/volumes/${v.id}`).catch(() => {});
    await expect.poll(async () => (await ourVolumes()).length, { timeout: 60_000 }).toBe(0);
    for (const i of await ourImages()) await api(token, 'DELETE', `${GLANCE}/v2/images/${i.id}`).catch(() => {});
  }

  test.beforeAll(async () => {
    token = await scopedToken('demo', PROJECTS.demo);
    demoId = await projectId(PROJECTS.demo);
    cinder = cinderUrl(demoId);
    tiny = (await api(token, 'GET', `${GLANCE}/v2/images?name=tiny`)).images[0];
    await cleanUp();
    await ensureNetwork(token, NET, '10.79.0.0/24');
  });

  test.afterAll(async () => {
    await cleanUp();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function open(page: Page, next: string) {
    await page.goto(`/auth/switch/${demoId}/?next=${encodeURIComponent(next)}`);
    await page.waitForFunction(() => (window as any).__meridian_hydrated === true);
  }
  const flash = (page: Page, text: string) => page.locator('div.messages div.alert', { hasText: text });
  /** Clicks a row action: the first is a button, the rest are in the row's Actions menu. */
  async function rowAction(r: Locator, cls: string) {
    const button = r.locator(`td.actions_column .${cls}`);
    if (!(await button.isVisible())) await r.locator('td.actions_column details.row-actions > summary').click();
    await button.click();
  }
  async function step(dialog: Locator, name: string) {
    await dialog.getByRole('navigation', { name: 'Launch Instance steps' }).getByRole('button', { name, exact: true }).click();
  }
  /** The wizard's Flavor and Networks steps, then Launch Instance. */
  async function finishLaunch(page: Page, dialog: Locator) {
    await step(dialog, 'Flavor');
    const flavor = await dialog.locator('#id_flavor_id').evaluate((el: HTMLSelectElement) => [...el.options].find((o) => o.text.startsWith('m1.tiny '))!.value);
    await dialog.locator('#id_flavor_id').selectOption(flavor);
    await step(dialog, 'Networks');
    await dialog.getByLabel(NET).check();
    await dialog.getByRole('button', { name: 'Launch Instance' }).click();
    await expect(flash(page, 'Info: Scheduled creation of 1 instance(s).')).toBeVisible();
  }
  /** The one server named `name`, once ACTIVE, as Nova details it. */
  async function activeServer(name: string) {
    await expect.poll(async () => (await listServers(token, name)).filter((s) => s.name === name).map((s) => s.status), { timeout: 120_000 }).toEqual(['ACTIVE']);
    const [s] = (await listServers(token, name)).filter((x) => x.name === name);
    return (await api(token, 'GET', `${NOVA}/servers/${s.id}`)).server;
  }

  test('an image row\'s Create Volume and Launch start from that image', async ({ page }) => {
    await login(page, 'demo');
    await open(page, '/project/images/?field=name&q=tiny');
    const row = page.locator('table#images tr[data-display="tiny"]');
    await expect(row.locator('td.status')).toHaveText('Active');

    // Create Volume: the Volumes panel opens Create Volume with the image chosen.
    await rowAction(row, 'btn-create-volume');
    await expect(page).toHaveURL(new RegExp(`/project/volumes/\\?create_from_image=${tiny.id}$`));
    let dialog = page.locator('.modal-dialog');
    await expect(dialog.getByRole('heading', { name: 'Create Volume' })).toBeVisible();
    await expect(dialog.locator('#id_volume_source_type')).toHaveValue('image_source');
    await expect(dialog.locator('#id_image_source')).toHaveValue(tiny.id);
    await page.screenshot({ path: 'screenshots/image_create_volume.png', fullPage: true });
    await dialog.locator('#id_name').fill(`${PREFIX}vol`);
    await dialog.locator('#id_size').fill('1');
    await dialog.getByRole('button', { name: 'Create Volume' }).click();
    await expect(flash(page, `Info: Creating volume "${PREFIX}vol"`)).toBeVisible();
    await expect.poll(async () => (await ourVolumes()).map((v) => v.status), { timeout: 120_000 }).toEqual(['available']);
    const [made] = await ourVolumes();
    const vol = (await api(token, 'GET', `${cinder}/volumes/${made.id}`)).volume;
    expect(vol.volume_image_metadata?.image_id).toBe(tiny.id);
    expect(vol.bootable).toBe('true');
    await expect(page.locator(`table#volumes tr[data-display="${PREFIX}vol"] td.bootable`)).toHaveText('Yes', { timeout: 30_000 });

    // Launch: the wizard opens with the image as its boot source; Nova boots that image.
    await open(page, '/project/images/?field=name&q=tiny');
    await rowAction(row, 'btn-launch');
    dialog = page.locator('.modal-dialog');
    await expect(dialog.locator('#id_name')).toBeAttached();
    await dialog.locator('#id_name').fill(`${PREFIX}from-image`);
    await step(dialog, 'Source');
    await expect(dialog.locator('#id_source_type')).toHaveValue('image_id');
    await expect(dialog.locator('#id_image_id')).toHaveValue(tiny.id);
    await page.screenshot({ path: 'screenshots/image_launch.png', fullPage: true });
    await finishLaunch(page, dialog);
    const server = await activeServer(`${PREFIX}from-image`);
    expect(server.image.id).toBe(tiny.id);
    expect(server['os-extended-volumes:volumes_attached']).toEqual([]);
  });

  test('an instance snapshot boots a new instance (source "Instance Snapshot")', async ({ page }) => {
    const net = await ensureNetwork(token, NET, '10.79.0.0/24');
    await bootServers(token, `${PREFIX}origin`, 1, net);
    const [origin] = await listServers(token, `${PREFIX}origin`);
    // Nova's createImage (the Create Snapshot row action, covered by instance_actions.spec.ts).
    const created = await api(token, 'POST', `${NOVA}/servers/${origin.id}/action`, { createImage: { name: `${PREFIX}isnap` } });
    const snapId: string = created.image_id;
    const glanceImage = async (): Promise<GlanceImage & { image_type?: string; instance_uuid?: string }> =>
      api(token, 'GET', `${GLANCE}/v2/images/${snapId}`);
    expect(await glanceImage()).toMatchObject({ image_type: 'snapshot', instance_uuid: origin.id, owner: demoId });
    // The test cloud's fake virt driver takes the snapshot without writing any disk data, so
    // Glance's image stays queued, without a format. Once Nova is done with it (task_state
    // cleared), this test does what a real hypervisor's driver does at the end of a snapshot:
    // it sets the format and uploads the disk (here a small empty qcow2).
    await expect.poll(async () => (await api(token, 'GET', `${NOVA}/servers/${origin.id}`)).server['OS-EXT-STS:task_state'], { timeout: 60_000 }).toBeNull();
    const queued = await glanceImage();
    if (queued.status === 'queued') {
      const format = queued.disk_format ?? 'qcow2';
      if (!queued.disk_format) {
        const patch = await fetch(`${GLANCE}/v2/images/${snapId}`, {
          method: 'PATCH',
          headers: { 'X-Auth-Token': token, 'Content-Type': 'application/openstack-images-v2.1-json-patch' },
          body: JSON.stringify([
            { op: 'add', path: '/disk_format', value: 'qcow2' },
            { op: 'add', path: '/container_format', value: 'bare' },
          ]),
        });
        expect(patch.status).toBe(200);
      }
      const disk = path.join(dir, `snapshot.${format}`);
      execFileSync('qemu-img', ['create', '-q', '-f', format, disk, '1M']);
      const res = await fetch(`${GLANCE}/v2/images/${snapId}/file`, {
        method: 'PUT',
        headers: { 'X-Auth-Token': token, 'Content-Type': 'application/octet-stream' },
        body: fs.readFileSync(disk),
      });
      expect(res.status).toBe(204);
    }
    await expect.poll(async () => (await glanceImage()).status, { timeout: 60_000 }).toBe('active');

    await login(page, 'demo');
    await open(page, `/project/instances/?field=name&q=${PREFIX}`);
    await page.locator('#instances__action_launch').click();
    const dialog = page.locator('.modal-dialog');
    await expect(dialog.locator('#id_name')).toBeAttached();
    await dialog.locator('#id_name').fill(`${PREFIX}from-snap`);
    await step(dialog, 'Source');
    await dialog.locator('#id_source_type').selectOption('instance_snapshot_id');
    await expect(dialog.locator('#id_image_id')).toBeHidden();
    // The snapshot is offered as an instance snapshot, not among the plain images.
    await expect(dialog.locator(`#id_image_id option[value="${snapId}"]`)).toHaveCount(0);
    await dialog.locator('#id_instance_snapshot_id').selectOption(snapId);
    await page.screenshot({ path: 'screenshots/launch_instance_snapshot.png', fullPage: true });
    await finishLaunch(page, dialog);
    const server = await activeServer(`${PREFIX}from-snap`);
    expect(server.image.id).toBe(snapId);
  });

  test('Create Image from a URL: Glance downloads it (web-download) and the image is active with its checksum', async ({ page }) => {
    const file = path.join(dir, 'served.qcow2');
    execFileSync('qemu-img', ['create', '-q', '-f', 'qcow2', file, '32M']);
    const bytes = fs.readFileSync(file);
    const md5 = createHash('md5').update(bytes).digest('hex');
    // The image's server: what Glance fetches, and how often.
    const requests: string[] = [];
    const server = http.createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      if (req.url === '/images/served.qcow2') {
        res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': bytes.length });
        res.end(req.method === 'HEAD' ? undefined : bytes);
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(IMPORT_PORT, '127.0.0.1', () => resolve());
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/images/served.qcow2`;
    try {
      await login(page, 'demo');
      await open(page, '/project/images/');
      await page.locator('#images__action_create').click();
      const dialog = page.locator('.modal-dialog');
      await expect(dialog.getByRole('heading', { name: 'Create Image' })).toBeVisible();
      await dialog.locator('#id_name').fill(`${PREFIX}from-url`);
      await dialog.locator('#id_source_type').selectOption('url');
      await expect(dialog.locator('#id_image_file')).toBeHidden();
      await dialog.locator('#id_image_url').fill(url);
      await dialog.locator('#id_disk_format').selectOption('qcow2');
      await page.screenshot({ path: 'screenshots/image_create_url.png', fullPage: true });
      await dialog.getByRole('button', { name: 'Create Image' }).click();
      await expect(flash(page, `Info: Your image ${PREFIX}from-url has been queued for creation.`)).toBeVisible({ timeout: 30_000 });
      await expect(dialog).toBeHidden();

      const found = async () => (await api(token, 'GET', `${GLANCE}/v2/images?name=${encodeURIComponent(`${PREFIX}from-url`)}`)).images as GlanceImage[];
      await expect.poll(async () => (await found()).map((i) => i.status), { timeout: 120_000 }).toEqual(['active']);
      const [image] = await found();
      expect(image).toMatchObject({ checksum: md5, size: bytes.length, disk_format: 'qcow2', owner: demoId });
      // Glance fetched the file from this test's server.
      expect(requests).toContain('GET /images/served.qcow2');
      // The table's live refresh shows it active without a reload.
      await expect(page.locator(`table#images tr[data-display="${PREFIX}from-url"] td.status`)).toHaveText('Active', { timeout: 30_000 });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
