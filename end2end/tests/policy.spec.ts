import { test, expect, login, scopedToken, api, NEUTRON, GLANCE, PROJECTS } from './helpers';

// What a role may do is decided in one place (src/model/policy.rs); these check that the
// server applies it to calls the pages would never make for that role.
test.describe('Roles', () => {
  test('a reader\'s forged calls are refused by Meridian before they reach the cloud', async ({ page }) => {
    const token = await scopedToken('reader', PROJECTS.demo);
    await login(page, 'reader');
    const base = new URL(page.url()).origin;

    // A server function the reader's pages never offer.
    const res = await page.request.post('/api/create_security_group', {
      form: { name: 'e2e-pol-sg', description: 'forged' },
      headers: { Origin: base },
    });
    expect(res.ok()).toBe(false);
    // Meridian's own words, not Neutron's policy message: the call stopped in Meridian.
    expect(await res.text()).toContain('your role in this project is read-only');
    expect((await api(token, 'GET', `${NEUTRON}/security-groups?name=e2e-pol-sg`)).security_groups).toHaveLength(0);

    // The image upload route, with an image id that does not even exist.
    const put = await page.request.put('/project/images/00000000-0000-0000-0000-000000000000/upload/', {
      data: Buffer.alloc(16),
      headers: { Origin: base, 'Content-Type': 'application/octet-stream' },
    });
    expect(put.status()).toBe(403);
    expect(await put.text()).toContain('read-only');

    // Creating an image record: refused the same way, nothing in Glance.
    const img = await page.request.post('/api/create_image', {
      form: {
        name: 'e2e-pol-img', description: '', source_type: 'file', image_url: '', file_size: '16',
        disk_format: 'raw', architecture: '', min_disk: '', min_ram: '', visibility: 'private',
      },
      headers: { Origin: base },
    });
    expect(img.ok()).toBe(false);
    expect(await img.text()).toContain('read-only');
    expect((await api(token, 'GET', `${GLANCE}/v2/images?name=e2e-pol-img`)).images).toHaveLength(0);
  });

  test('no page a reader can open offers a control that changes the project', async ({ page }) => {
    test.setTimeout(120_000);
    await login(page, 'reader');
    // Every Project panel, and Identity's projects: the reader's own account pages (password,
    // settings, application credentials) are theirs to change, so they are left out.
    const pages = [
      '/project/', '/project/instances/', '/project/images/', '/project/key_pairs/',
      '/project/volumes/', '/project/snapshots/', '/project/network_topology/',
      '/project/networks/', '/project/routers/', '/project/security_groups/',
      '/project/floating_ips/', '/project/api_access/', '/identity/projects/',
    ];
    // Horizon's words for what changes something.
    const mutating = /^\+?\s*(Create|Delete|Edit|Launch|Allocate|Release|Associate|Disassociate|Import|Upload|Add|Remove|Manage|Attach|Detach|Extend|Update|Modify|Set Gateway|Clear Gateway|Lock|Unlock|Pause|Suspend|Resume|Shelve|Reboot|Start|Stop|Resize|Rebuild|Rescue|Snapshot|Deactivate|Activate|Change)\b/;
    const offending: string[] = [];
    for (const path of pages) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(200);
      await page.waitForFunction(() => (window as any).__meridian_hydrated === true);
      await expect(page.locator('main h1, h1').first(), path).toBeVisible();
      const controls = await page.locator('main button, main a, main summary, main input[type="submit"]').evaluateAll(
        (els) => els.filter((e) => (e as HTMLElement).offsetParent !== null || e.tagName === 'SUMMARY')
          .map((e) => ((e as HTMLElement).innerText || e.getAttribute('aria-label') || '').trim()));
      // Manage Rules only opens a group's rules, read-only for a reader (as in Horizon).
      for (const text of controls.filter((t) => mutating.test(t) && t !== 'Manage Rules')) {
        offending.push(`${path}: ${text}`);
      }
      // No selection boxes for batch actions, and no row action menus.
      const boxes = await page.locator('main table input[type="checkbox"], main td.actions_column details.row-actions').count();
      if (boxes) offending.push(`${path}: ${boxes} selection boxes or row menus`);
    }
    // Every page's findings at once.
    expect(offending).toEqual([]);
  });

  test('a member\'s call to an admin server function is refused', async ({ page }) => {
    await login(page, 'demo');
    const base = new URL(page.url()).origin;
    const res = await page.request.post('/api/list_flavors', { form: {}, headers: { Origin: base } });
    expect(res.ok()).toBe(false);
    expect(await res.text()).toContain('You are not authorized to access this page.');
  });
});
