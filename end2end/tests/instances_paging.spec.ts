import { test, expect, login, projectId, scopedToken, ensureNetwork, bootServers, deleteServers, listServers, api, NOVA, PROJECTS } from './helpers';

/** 25 instances, 10 per page: the pages, the remembered page size and Nova's filters. */
test.describe('Project › Instances with 25 instances', () => {
  test.describe.configure({ timeout: 420_000 });
  let token = '';
  let admin = '';
  let pid = '';
  let quota: Record<string, number> = {};

  test.beforeAll(async () => {
    test.setTimeout(420_000);
    token = await scopedToken('demo', PROJECTS.demo);
    admin = await scopedToken('admin', 'admin');
    pid = await projectId(PROJECTS.demo);
    await deleteServers(token, 'e2e-page');
    // demo may run 10 instances: the admin lifts that for this test, and puts it back after.
    quota = (await api(admin, 'GET', `${NOVA}/os-quota-sets/${pid}`)).quota_set;
    await api(admin, 'PUT', `${NOVA}/os-quota-sets/${pid}`, {
      quota_set: { instances: quota.instances + 25, cores: quota.cores + 25, ram: quota.ram + 25 * 512 },
    });
    const net = await ensureNetwork(token, 'e2e-net', '10.77.0.0/24');
    await bootServers(token, 'e2e-page', 25, net);
  });

  test.afterAll(async () => {
    test.setTimeout(300_000);
    await deleteServers(token, 'e2e-page');
    await api(admin, 'PUT', `${NOVA}/os-quota-sets/${pid}`, {
      quota_set: { instances: quota.instances, cores: quota.cores, ram: quota.ram },
    });
  });

  const rows = (page) => page.locator('table#instances tbody tr[data-display]');
  const names = async (page) => rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-display')));

  /** Clicks a pager link and waits until the table shows another page. */
  async function turn(page, link: string) {
    const first = await rows(page).first().getAttribute('data-display');
    await page.getByRole('link', { name: link }).click();
    await expect(rows(page).first()).not.toHaveAttribute('data-display', first!);
  }

  async function open(page, query: string) {
    await login(page, 'demo', `/auth/switch/${pid}/?next=${encodeURIComponent('/project/instances/' + query)}`);
    await page.waitForFunction(() => (window as any).__meridian_hydrated === true);
  }

  test('pages through 25 instances 10 at a time, and remembers the page size', async ({ page, context }) => {
    await open(page, '?field=name&q=e2e-page');
    await expect(rows(page)).toHaveCount(20); // the default page size
    await page.getByLabel('Items per page').selectOption('10');
    await expect(page).toHaveURL(/page_size=10/);
    await expect(rows(page)).toHaveCount(10);
    const cookie = (await context.cookies()).find((c) => c.name === 'meridian_pagesize');
    expect(cookie?.value).toBe('10');

    const seen: string[] = [];
    seen.push(...(await names(page)));
    await expect(page.getByRole('link', { name: '« Prev' })).toHaveCount(0);
    await turn(page, 'Next »');
    await expect(rows(page)).toHaveCount(10);
    await expect(page.locator('.table_count')).toHaveText('Displaying 10 items');
    seen.push(...(await names(page)));
    await turn(page, 'Next »');
    await expect(rows(page)).toHaveCount(5);
    seen.push(...(await names(page)));
    await expect(page.getByRole('link', { name: 'Next »' })).toHaveCount(0);
    // Every instance once, and exactly Nova's.
    const nova = (await listServers(token, 'e2e-page')).map((s) => s.name);
    expect(new Set(seen).size).toBe(25);
    expect([...seen].sort()).toEqual([...nova].sort());
    await page.screenshot({ path: 'screenshots/instances-page-3-of-3.png', fullPage: true });

    // « Prev walks back to the same second page.
    const third = await names(page);
    await turn(page, '« Prev');
    await expect(rows(page)).toHaveCount(10);
    expect(await names(page)).toEqual(seen.slice(10, 20));
    expect(await names(page)).not.toContain(third[0]);

    // A fresh visit without page_size uses the remembered 10.
    await page.goto('/project/instances/?field=name&q=e2e-page');
    await expect(rows(page)).toHaveCount(10);
    await expect(page.getByLabel('Items per page')).toHaveValue('10');
  });

  test("filters with Nova's query parameters across the pages", async ({ page }) => {
    // Nova's name filter is a regular expression: e2e-page-1 also matches -10 … -19.
    await open(page, '?field=name&q=e2e-page-1&page_size=10');
    await expect(rows(page)).toHaveCount(10);
    await turn(page, 'Next »');
    await expect(rows(page)).toHaveCount(1);
    // Filter by IP: Nova asks Neutron for ports whose address contains the text, so an
    // instance's address finds it (and any whose address merely contains it, e.g. .5 → .50).
    const [one] = (await api(token, 'GET', `${NOVA}/servers/detail?name=^e2e-page-7$`)).servers;
    const ip = Object.values(one.addresses as Record<string, { addr: string }[]>)[0][0].addr;
    await page.goto(`/project/instances/?field=ip&q=${encodeURIComponent(ip)}`);
    await expect(rows(page).filter({ hasText: ip }).first()).toBeVisible();
    expect(await names(page)).toContain('e2e-page-7');
    for (const r of await rows(page).all()) expect(await r.locator("td").nth(3).textContent()).toContain(ip);
    expect((await names(page)).length).toBeLessThan(25);
    // Filter by status through the form: all 25 are active, so a full page (20) and a next one.
    await page.goto('/project/instances/');
    await page.locator('#id_filter_field').selectOption('status');
    await page.locator('#id_filter_q').fill('active');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page).toHaveURL(/field=status&q=active/);
    await expect(rows(page)).toHaveCount(20);
    await expect(page.getByRole('link', { name: 'Next »' })).toBeVisible();
    await page.locator('#id_filter_q').fill('shutoff');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page.locator('table#instances tbody')).toHaveText('No items to display.');
  });
});
