/**
 * Admin › Volumes (/admin/volumes/), Admin › Snapshots (/admin/snapshots/) and an image's
 * detail page under Admin › Images (/admin/images/<id>/), as the cloud admin: a member's
 * volume, snapshot and image are shown with what Cinder (volumes/detail?all_tenants=1,
 * snapshots/detail?all_tenants=1) and Glance (GET /v2/images/{id}) say of them, the owner
 * by its project name.
 */
import { createHash, randomBytes } from 'node:crypto';
import { test, expect, login, scopedToken, adminToken, projectId, api, cinderUrl, GLANCE, PROJECTS } from './helpers';
import type { Page } from '@playwright/test';

// Named e2e-adst-<this worker's project>-*: the admin pages list every project's resources.
const PREFIX = `e2e-adst-${PROJECTS.demo}-`;
const MiB = 1024 * 1024;

test.describe('Admin › Volumes, Snapshots and an image\'s detail', () => {
  let token = '';
  let admin = '';
  let demoId = '';
  let cinder = '';
  let adminCinder = '';

  const volumes = async () =>
    ((await api(token, 'GET', `${cinder}/volumes/detail`)).volumes as { id: string; name: string }[]).filter((v) => v.name?.startsWith(PREFIX));
  const snapshots = async () =>
    ((await api(token, 'GET', `${cinder}/snapshots/detail`)).snapshots as { id: string; name: string }[]).filter((s) => s.name?.startsWith(PREFIX));

  async function cleanUp() {
    for (const s of await snapshots()) await api(token, 'DELETE', `${cinder}/snapshots/${s.id}`).catch(() => {});
    await expect.poll(async () => (await snapshots()).length, { timeout: 60_000 }).toBe(0);
    for (const v of await volumes()) await api(token, 'DELETE', `${cinder}/volumes/${v.id}`).catch(() => {});
    await expect.poll(async () => (await volumes()).length, { timeout: 60_000 }).toBe(0);
    const images = (await api(token, 'GET', `${GLANCE}/v2/images?limit=1000&owner=${demoId}`)).images as { id: string; name: string }[];
    for (const i of images.filter((i) => i.name?.startsWith(PREFIX))) await api(token, 'DELETE', `${GLANCE}/v2/images/${i.id}`).catch(() => {});
  }

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    token = await scopedToken('demo', PROJECTS.demo);
    admin = await adminToken();
    demoId = await projectId(PROJECTS.demo);
    cinder = cinderUrl(demoId);
    adminCinder = cinderUrl(await projectId('admin'));
    await cleanUp();
  });

  test.afterAll(async () => {
    test.setTimeout(180_000);
    await cleanUp();
  });

  async function hydrated(page: Page, path: string) {
    await page.goto(path);
    await page.waitForFunction(() => (window as any).__meridian_hydrated === true);
  }

  test('the member\'s volume and snapshot appear with their project, as Cinder lists them for all projects', async ({ page }) => {
    test.setTimeout(180_000);
    // The member's volume and snapshot, made through Cinder's API as the member.
    const vol = (await api(token, 'POST', `${cinder}/volumes`, { volume: { size: 1, name: `${PREFIX}vol`, description: 'member data' } })).volume;
    await expect.poll(async () => (await api(token, 'GET', `${cinder}/volumes/${vol.id}`)).volume.status, { timeout: 60_000 }).toBe('available');
    const snap = (await api(token, 'POST', `${cinder}/snapshots`, { snapshot: { volume_id: vol.id, name: `${PREFIX}snap`, description: 'nightly' } })).snapshot;
    await expect.poll(async () => (await api(token, 'GET', `${cinder}/snapshots/${snap.id}`)).snapshot.status, { timeout: 60_000 }).toBe('available');

    // What Cinder tells the admin about every project's volumes and snapshots.
    const allVolumes = (await api(admin, 'GET', `${adminCinder}/volumes/detail?all_tenants=1&name=${encodeURIComponent(`${PREFIX}vol`)}`)).volumes;
    expect(allVolumes).toHaveLength(1);
    const cinderVol = allVolumes[0];
    expect(cinderVol).toMatchObject({ id: vol.id, 'os-vol-tenant-attr:tenant_id': demoId, size: 1, status: 'available' });
    const allSnaps = (await api(admin, 'GET', `${adminCinder}/snapshots/detail?all_tenants=1&name=${encodeURIComponent(`${PREFIX}snap`)}`)).snapshots;
    expect(allSnaps).toHaveLength(1);
    expect(allSnaps[0]).toMatchObject({ id: snap.id, 'os-extended-snapshot-attributes:project_id': demoId, volume_id: vol.id });

    await login(page, 'admin');
    await hydrated(page, '/admin/volumes/');
    await expect(page.locator('table#volumes thead')).toContainText('Project');
    const vrow = page.locator(`table#volumes tr[data-display="${PREFIX}vol"]`);
    await expect(vrow).toHaveCount(1);
    await expect(vrow).toHaveAttribute('data-object-id', vol.id);
    await expect(vrow.locator('td.project')).toHaveText(PROJECTS.demo);
    await expect(vrow.locator('td.description')).toHaveText('member data');
    await expect(vrow.locator('td.size')).toHaveText(`${cinderVol.size}GiB`);
    await expect(vrow.locator('td.status')).toHaveText('Available');
    await expect(vrow.locator('td.volume_type')).toHaveText(cinderVol.volume_type);
    // The admin panel manages, it does not create: no Create Volume there.
    await expect(page.locator('#volumes__action_create')).toHaveCount(0);
    await page.screenshot({ path: 'screenshots/admin_volumes.png', fullPage: true });

    await hydrated(page, '/admin/snapshots/');
    const srow = page.locator(`table#volume_snapshots tr[data-display="${PREFIX}snap"]`);
    await expect(srow).toHaveCount(1);
    await expect(srow).toHaveAttribute('data-object-id', snap.id);
    await expect(srow.locator('td.project')).toHaveText(PROJECTS.demo);
    await expect(srow.locator('td.description')).toHaveText('nightly');
    await expect(srow.locator('td.volume_name')).toHaveText(`${PREFIX}vol`);
    await expect(srow.locator('td.status')).toHaveText('Available');
    await page.screenshot({ path: 'screenshots/admin_snapshots.png', fullPage: true });

    // A member is refused both pages.
    const ctx = await page.context().browser()!.newContext();
    const member = await ctx.newPage();
    await login(member, 'demo');
    for (const p of ['/admin/volumes/', '/admin/snapshots/']) {
      const res = await member.goto(p);
      expect(res?.status()).toBe(403);
      await expect(member.getByText('You are not authorized to access this page.').first()).toBeVisible();
      await expect(member.locator(`tr[data-display="${PREFIX}vol"], tr[data-display="${PREFIX}snap"]`)).toHaveCount(0);
    }
    await ctx.close();
  });

  test('Admin › Images: a member\'s image\'s detail page shows what Glance has', async ({ page }) => {
    // A member's private image with 3 MiB of data, a description and a property.
    const data = randomBytes(3 * MiB);
    const made = await api(token, 'POST', `${GLANCE}/v2/images`, {
      name: `${PREFIX}image`, disk_format: 'raw', container_format: 'bare', visibility: 'private',
      min_disk: 2, min_ram: 256, description: 'made for the admin detail page', architecture: 'x86_64', hw_disk_bus: 'scsi',
    });
    const put = await fetch(`${GLANCE}/v2/images/${made.id}/file`, {
      method: 'PUT',
      headers: { 'X-Auth-Token': token, 'Content-Type': 'application/octet-stream' },
      body: data,
    });
    expect(put.status).toBe(204);
    // Glance's record, as the admin reads it.
    const g = await api(admin, 'GET', `${GLANCE}/v2/images/${made.id}`);
    expect(g).toMatchObject({ status: 'active', owner: demoId, size: 3 * MiB, checksum: createHash('md5').update(data).digest('hex') });

    await login(page, 'admin');
    // From the Admin › Images table (its row names the owner) to the admin detail URL.
    await hydrated(page, `/admin/images/?field=name&q=${encodeURIComponent(`${PREFIX}image`)}`);
    const row = page.locator(`table#images tr[data-display="${PREFIX}image"]`);
    await expect(row.locator('td.owner')).toHaveText(PROJECTS.demo);
    await row.locator('td.name a').click();
    await expect(page).toHaveURL(new RegExp(`/admin/images/${made.id}/$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${PREFIX}image`);
    const overview = page.locator('dl.image-overview');
    await expect(overview).toBeVisible();
    const fields = await overview.evaluate((dl) => {
      const out: Record<string, string> = {};
      dl.querySelectorAll('dt').forEach((dt) => { out[dt.textContent!.trim()] = (dt.nextElementSibling?.textContent ?? '').trim(); });
      return out;
    });
    expect(fields).toMatchObject({
      Name: g.name,
      ID: g.id,
      Owner: g.owner,
      Status: g.status,
      Type: 'Image',
      Size: '3.0 MB',
      'Min. Disk': String(g.min_disk),
      'Min. RAM': String(g.min_ram),
      'Disk Format': g.disk_format.toUpperCase(),
      'Container Format': g.container_format.toUpperCase(),
      Visibility: g.visibility,
      Protected: g.protected ? 'Yes' : 'No',
      Checksum: g.checksum,
      'Hash Algorithm': g.os_hash_algo,
      'Hash Value': g.os_hash_value,
      Description: g.description,
      Architecture: g.architecture,
    });
    const props = await page.locator('dl.image-properties').evaluate((dl) => {
      const out: Record<string, string> = {};
      dl.querySelectorAll('dt').forEach((dt) => { out[dt.textContent!.trim()] = (dt.nextElementSibling?.textContent ?? '').trim(); });
      return out;
    });
    expect(props.hw_disk_bus).toBe(g.hw_disk_bus);
    // The breadcrumb leads back to Admin › Images.
    const crumbs = page.locator('nav').filter({ hasText: `Images / ${PREFIX}image` });
    await expect(crumbs.getByRole('link', { name: 'Images', exact: true })).toHaveAttribute('href', '/admin/images/');
    await page.screenshot({ path: 'screenshots/admin_image_detail.png', fullPage: true });
  });
});
