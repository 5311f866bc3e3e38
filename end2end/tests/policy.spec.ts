import { test, expect, login, scopedToken, api, NEUTRON, GLANCE } from './helpers';

// What a role may do is decided in one place (src/model/policy.rs); these check that the
// server applies it to calls the pages would never make for that role.
test.describe('Roles', () => {
  test('a reader\'s forged calls are refused by Meridian before they reach the cloud', async ({ page }) => {
    const token = await scopedToken('reader', 'demo');
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

  test('a member\'s call to an admin server function is refused', async ({ page }) => {
    await login(page, 'demo');
    const base = new URL(page.url()).origin;
    const res = await page.request.post('/api/list_flavors', { form: {}, headers: { Origin: base } });
    expect(res.ok()).toBe(false);
    expect(await res.text()).toContain('You are not authorized to access this page.');
  });
});
