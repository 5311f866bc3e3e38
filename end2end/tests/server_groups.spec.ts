import { test, expect, login, projectId, scopedToken, ensureNetwork, deleteServers, listServers, api, NOVA, PROJECTS } from './helpers';

/** Project › Compute › Server Groups, and the launch wizard's Server Groups step, checked in Nova. */
test.describe('Project › Server Groups', () => {
  test.describe.configure({ timeout: 180_000 });
  let token = '';

  type Group = { id: string; name: string; policy: string; members: string[] };
  const groups = async (): Promise<Group[]> => (await api(token, 'GET', `${NOVA}/os-server-groups`)).server_groups;
  const named = async (name: string) => (await groups()).filter((g) => g.name === name);

  async function removeGroups() {
    for (const g of await groups()) if (g.name.startsWith('e2e-sg')) await api(token, 'DELETE', `${NOVA}/os-server-groups/${g.id}`);
  }

  test.beforeAll(async () => {
    token = await scopedToken('demo', PROJECTS.demo);
    await deleteServers(token, 'e2e-sg');
    await removeGroups();
    await ensureNetwork(token, 'e2e-net', '10.77.0.0/24');
  });

  test.afterAll(async () => {
    await deleteServers(token, 'e2e-sg');
    await removeGroups();
  });

  async function open(page, path = '/project/server_groups/') {
    await login(page, 'demo', `/auth/switch/${await projectId(PROJECTS.demo)}/?next=${encodeURIComponent(path)}`);
    await page.waitForFunction(() => (window as any).__meridian_hydrated === true);
  }

  /** The page's message that mentions `text` (the project switch leaves one of its own). */
  const message = (page, text: string) => page.locator('div.messages div.alert').filter({ hasText: text });

  async function create(page, name: string, policy: string) {
    await page.getByRole('button', { name: 'Create Server Group' }).click();
    const form = page.locator('.modal-dialog .modal-content form');
    await form.getByLabel('Name').fill(name);
    await form.getByLabel('Policy').selectOption(policy);
    await form.locator('.modal-footer .btn-primary').click();
    await expect(message(page, 'created server group')).toHaveText(`Success: Successfully created server group: ${name}`);
    await expect(page.locator(`table#server_groups tr[data-display="${name}"]`)).toBeVisible();
  }

  test('an anti-affinity group: created, an instance launched into it, its members shown as Nova has them', async ({ page }) => {
    await open(page);
    await expect(page.locator('table#server_groups tbody')).toContainText('No items to display.');
    await create(page, 'e2e-sg-web', 'anti-affinity');
    const [group] = await named('e2e-sg-web');
    expect(group.policy).toBe('anti-affinity');
    expect(group.members).toEqual([]);
    const row = page.locator('table#server_groups tr[data-display="e2e-sg-web"]');
    await expect(row.locator('td.policy')).toHaveText('Anti Affinity');
    await expect(row.locator('td.members')).toHaveText('0');
    await page.screenshot({ path: 'screenshots/server_groups.png', fullPage: true });

    // The launch wizard's Server Groups step.
    await page.goto('/project/instances/');
    await page.waitForFunction(() => (window as any).__meridian_hydrated === true);
    await page.getByRole('button', { name: 'Launch Instance' }).click();
    const wizard = page.locator('.modal-dialog');
    const step = (name: string) => wizard.getByRole('navigation', { name: 'Launch Instance steps' }).getByRole('button', { name, exact: true }).click();
    await wizard.locator('#id_name').fill('e2e-sg-vm');
    await step('Source');
    await wizard.locator('#id_image_id').selectOption({ label: await optionStartingWith(wizard.locator('#id_image_id'), 'tiny ') });
    await step('Flavor');
    await wizard.locator('#id_flavor_id').selectOption({ label: await optionStartingWith(wizard.locator('#id_flavor_id'), 'm1.tiny ') });
    await step('Networks');
    await wizard.getByLabel('e2e-net').check();
    await step('Server Groups');
    await wizard.getByLabel('Server Group', { exact: true }).selectOption({ label: 'e2e-sg-web (Anti Affinity)' });
    await page.screenshot({ path: 'screenshots/launch_server_group.png' });
    await wizard.getByRole('button', { name: 'Launch Instance' }).click();
    await expect(message(page, 'Scheduled')).toHaveText('Info: Scheduled creation of 1 instance(s).');

    // Nova placed the instance by the group: it is a member.
    const [server] = await listServers(token, 'e2e-sg-vm');
    await expect.poll(async () => (await named('e2e-sg-web'))[0].members).toEqual([server.id]);

    await page.goto('/project/server_groups/');
    await expect(row.locator('td.members')).toHaveText('1');
    await row.getByRole('link', { name: 'e2e-sg-web' }).click();
    await expect(page).toHaveURL(new RegExp(`/project/server_groups/${group.id}/$`));
    await expect(page.locator('#server_group_detail .policy')).toHaveText('Anti Affinity');
    await expect(page.locator('#server_group_detail .members a')).toHaveText(['e2e-sg-vm']);
    await expect(page.locator('#server_group_detail .members a')).toHaveAttribute('href', `/project/instances/${server.id}/`);
    await page.screenshot({ path: 'screenshots/server_group_detail.png', fullPage: true });
  });

  test('delete one (worded in the singular), then two at once; a bad name is refused at its field', async ({ page }) => {
    await open(page);
    // A name of spaces passes the browser's `required` and is refused by Meridian.
    await page.getByRole('button', { name: 'Create Server Group' }).click();
    const form = page.locator('.modal-dialog .modal-content form');
    await form.getByLabel('Name').fill('   ');
    await form.locator('.btn-primary').click();
    await expect(form.locator('p.field-error[data-field="name"]')).toHaveText('This field is required.');
    await form.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.locator('.modal-dialog')).toHaveCount(0);

    for (const [name, policy] of [['e2e-sg-a', 'affinity'], ['e2e-sg-b', 'soft-affinity'], ['e2e-sg-c', 'soft-anti-affinity']]) {
      await create(page, name, policy);
    }
    expect((await named('e2e-sg-b'))[0].policy).toBe('soft-affinity');
    expect((await named('e2e-sg-c'))[0].policy).toBe('soft-anti-affinity');

    // One, from its row: singular in the title, the button and the message.
    const a = page.locator('table#server_groups tr[data-display="e2e-sg-a"]');
    await a.locator('td.actions_column').getByRole('button', { name: 'Delete Server Group' }).click();
    const dialog = page.locator('.modal-dialog');
    await expect(dialog.getByRole('heading')).toHaveText('Confirm Delete Server Group');
    await expect(dialog).toContainText('You have selected: e2e-sg-a.');
    await dialog.locator('.btn-danger').click();
    await expect(message(page, 'Deleted')).toHaveText('Success: Deleted Server Group: e2e-sg-a');
    await expect(a).toHaveCount(0);
    expect(await named('e2e-sg-a')).toEqual([]);

    // Two, selected: plural.
    for (const n of ['e2e-sg-b', 'e2e-sg-c']) await page.getByRole('checkbox', { name: `Select ${n}` }).check();
    await page.locator('#server_groups__action_delete').click();
    await expect(dialog.getByRole('heading')).toHaveText('Confirm Delete Server Groups');
    await dialog.getByRole('button', { name: 'Delete Server Groups' }).click();
    await expect(message(page, 'Deleted')).toHaveText('Success: Deleted Server Groups: e2e-sg-b, e2e-sg-c');
    expect([...(await named('e2e-sg-b')), ...(await named('e2e-sg-c'))]).toEqual([]);
  });

  test('a reader sees the groups and no control that changes them', async ({ page }) => {
    await api(token, 'POST', `${NOVA}/os-server-groups`, { server_group: { name: 'e2e-sg-seen', policy: 'affinity' } });
    await login(page, 'reader', '/project/server_groups/');
    await expect(page.locator('table#server_groups tr[data-display="e2e-sg-seen"]')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Create Server Group' })).toHaveCount(0);
    await expect(page.locator('#server_groups__action_delete')).toHaveCount(0);
    await expect(page.locator('table#server_groups td.actions_column')).toHaveCount(0);
    await expect(page.locator('table#server_groups input[type="checkbox"]')).toHaveCount(0);
  });
});

/** The label of the first option of `select` whose text starts with `prefix`. */
async function optionStartingWith(select, prefix: string): Promise<string> {
  const label = await select.evaluate((el, p) => [...el.options].find((o) => o.text.startsWith(p))?.text ?? '', prefix);
  expect(label, `an option starting with ${prefix}`).not.toBe('');
  return label;
}
