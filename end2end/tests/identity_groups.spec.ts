import { test, expect, login, adminToken, api, KEYSTONE, PROJECTS, USERS } from './helpers';

// Everything this spec makes is named e2e-grp-* and removed again, even after a failure.
const GROUP = 'e2e-grp-ops';
const PROJECT = 'e2e-grp-proj';
// The group's member is the spec's own user: Keystone revokes a group's users' tokens when
// the group's roles change, and demo's sessions belong to other specs.
const MEMBER = 'e2e-grp-user';

async function cleanup() {
  const token = await adminToken();
  const users = (await api(token, 'GET', `${KEYSTONE}/users`)).users as any[];
  for (const u of users.filter((x) => x.name.startsWith('e2e-grp-'))) {
    await api(token, 'DELETE', `${KEYSTONE}/users/${u.id}`);
  }
  const groups = (await api(token, 'GET', `${KEYSTONE}/groups`)).groups as any[];
  for (const g of groups.filter((x) => x.name.startsWith('e2e-grp-'))) {
    await api(token, 'DELETE', `${KEYSTONE}/groups/${g.id}`);
  }
  const projects = (await api(token, 'GET', `${KEYSTONE}/projects`)).projects as any[];
  for (const p of projects.filter((x) => x.name.startsWith('e2e-grp-'))) {
    await api(token, 'PATCH', `${KEYSTONE}/projects/${p.id}`, { project: { enabled: false } });
    await api(token, 'DELETE', `${KEYSTONE}/projects/${p.id}`);
  }
}

async function hydrated(page: import('@playwright/test').Page) {
  await page.waitForFunction(() => (window as any).__meridian_hydrated === true);
}

async function groupByName(token: string, name: string) {
  return ((await api(token, 'GET', `${KEYSTONE}/groups?name=${name}`)).groups as any[])[0];
}

test.describe('Identity › Groups', () => {
  test.beforeAll(cleanup);
  test.afterAll(cleanup);

  test('admin creates a group, fills it, gives it a project role, empties and deletes it', async ({ page }) => {
    test.setTimeout(120_000);
    const token = await adminToken();
    const memberId = (await api(token, 'POST', `${KEYSTONE}/users`, {
      user: { name: MEMBER, password: MEMBER, domain_id: 'default', enabled: true },
    })).user.id;
    const project = (await api(token, 'POST', `${KEYSTONE}/projects`, {
      project: { name: PROJECT, domain_id: 'default', enabled: true },
    })).project;

    await login(page, 'admin', '/identity/groups/');
    await hydrated(page);
    const dialog = page.locator('.modal-dialog');
    const flash = page.locator('div.messages div.alert');

    // An empty name is refused at its field; nothing reaches Keystone.
    await page.locator('#groups__action_create').click();
    await dialog.getByRole('button', { name: 'Create Group' }).click();
    await expect(dialog.locator('.field-error[data-field="name"]')).toHaveText('This field is required.');
    await dialog.locator('#id_name').fill(GROUP);
    await dialog.locator('#id_description').fill('operators');
    await dialog.getByRole('button', { name: 'Create Group' }).click();
    await expect(flash).toHaveText(`Success: Group "${GROUP}" was successfully created.`);
    const group = await groupByName(token, GROUP);
    expect(group.description).toBe('operators');
    const row = page.locator(`table#groups tr[data-display="${GROUP}"]`);
    await expect(row.locator('td.description')).toHaveText('operators');
    await page.screenshot({ path: 'screenshots/identity-groups.png', fullPage: true });

    // The same name again is refused next to the field.
    await page.locator('#groups__action_create').click();
    await dialog.locator('#id_name').fill(GROUP);
    await dialog.getByRole('button', { name: 'Create Group' }).click();
    await expect(dialog.locator('.field-error[data-field="name"]')).toHaveText(`Group name "${GROUP}" is already used.`);
    await dialog.getByRole('button', { name: 'Close' }).click();

    // Edit Group.
    await row.locator('details.row-actions > summary').click();
    await row.getByRole('button', { name: 'Edit Group' }).click();
    await expect(dialog.locator('#id_name')).toHaveValue(GROUP);
    await dialog.locator('#id_description').fill('on call');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(flash).toHaveText('Success: Group has been updated successfully.');
    expect((await groupByName(token, GROUP)).description).toBe('on call');

    // Manage Members › Add Users: the member joins.
    await row.getByRole('link', { name: 'Manage Members' }).click();
    await expect(page).toHaveURL(new RegExp(`/identity/groups/${group.id}/manage_members/$`));
    await hydrated(page);
    await expect(page.locator('table#group_members tr.empty')).toBeVisible();
    await page.locator('#group_members__action_add_user_link').click();
    await dialog.locator(`table#group_non_members tr[data-display="${MEMBER}"] input.select-row`).check();
    await page.screenshot({ path: 'screenshots/identity-group-add-users.png', fullPage: true });
    await dialog.getByRole('button', { name: 'Add Users' }).click();
    await expect(flash).toHaveText(`Success: Added User: ${MEMBER}`);
    await expect(page.locator(`table#group_members tr[data-display="${MEMBER}"]`)).toBeVisible();
    let members = (await api(token, 'GET', `${KEYSTONE}/groups/${group.id}/users`)).users as any[];
    expect(members.map((u) => u.name)).toEqual([MEMBER]);

    // Projects › Modify Groups: the group gets the reader role in the project, and so does
    // its member through it (Keystone's effective assignments).
    await page.goto('/identity/projects/');
    await hydrated(page);
    const prow = page.locator(`table#tenants tr[data-display="${PROJECT}"]`);
    await prow.locator('details.row-actions > summary').click();
    await prow.getByRole('button', { name: 'Modify Groups' }).click();
    await dialog.getByRole('checkbox', { name: `${GROUP} as reader` }).check();
    await page.screenshot({ path: 'screenshots/identity-modify-groups.png', fullPage: true });
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(flash).toHaveText(`Success: Modified project "${PROJECT}".`);
    const direct = await api(token, 'GET',
      `${KEYSTONE}/role_assignments?group.id=${group.id}&scope.project.id=${project.id}&include_names=true`);
    expect(direct.role_assignments.map((a: any) => a.role.name)).toEqual(['reader']);
    const effective = await api(token, 'GET',
      `${KEYSTONE}/role_assignments?user.id=${memberId}&scope.project.id=${project.id}&effective&include_names=true`);
    expect(effective.role_assignments.map((a: any) => a.role.name)).toEqual(['reader']);
    // The dialog shows what Keystone holds when opened again, and unticking takes it away.
    await prow.locator('details.row-actions > summary').click();
    await prow.getByRole('button', { name: 'Modify Groups' }).click();
    const box = dialog.getByRole('checkbox', { name: `${GROUP} as reader` });
    await expect(box).toBeChecked();
    await box.uncheck();
    await dialog.getByRole('button', { name: 'Save' }).click();
    // The message is the same as the first Save's: the dialog closing says this one is done.
    await expect(dialog).toHaveCount(0);
    await expect(flash).toHaveText(`Success: Modified project "${PROJECT}".`);
    expect((await api(token, 'GET',
      `${KEYSTONE}/role_assignments?group.id=${group.id}&scope.project.id=${project.id}`)).role_assignments).toHaveLength(0);

    // Remove Users, confirmed.
    await page.goto(`/identity/groups/${group.id}/manage_members/`);
    await hydrated(page);
    await page.locator(`table#group_members tr[data-display="${MEMBER}"] input.select-row`).check();
    await page.locator('#group_members__action_removeGroupMember').click();
    await dialog.getByRole('button', { name: 'Remove Users' }).click();
    await expect(flash).toHaveText(`Success: Removed User: ${MEMBER}`);
    members = (await api(token, 'GET', `${KEYSTONE}/groups/${group.id}/users`)).users as any[];
    expect(members).toHaveLength(0);

    // Delete Group from its row, confirmed.
    await page.goto('/identity/groups/');
    await hydrated(page);
    await row.locator('details.row-actions > summary').click();
    await row.getByRole('button', { name: 'Delete Group' }).click();
    await dialog.getByRole('button', { name: 'Delete Groups' }).click();
    await expect(flash).toHaveText(`Success: Deleted Group: ${GROUP}`);
    await expect(row).toHaveCount(0);
    expect(await groupByName(token, GROUP)).toBeUndefined();
  });

  test('Manage Members and Modify Groups offer Save only once their grid has loaded', async ({ page }) => {
    await login(page, 'admin', '/identity/projects/');
    await hydrated(page);
    const dialog = page.locator('.modal-dialog');
    // Hold Keystone's answer back, as a slow cloud would: a Save meanwhile would post an
    // empty grid and take every role on the project away.
    let release = () => {};
    const held = new Promise<void>((r) => { release = r; });
    await page.route('**/api/identity_project_members*', async (route) => { await held; await route.continue(); });
    const row = page.locator(`table#tenants tr[data-display="${PROJECTS.demo}"]`);
    await row.getByRole('button', { name: 'Manage Members' }).click();
    await expect(dialog.getByText('Loading members…')).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Save' })).toHaveCount(0);
    release();
    await expect(dialog.locator(`table#project_members tr[data-display="${USERS.demo.name}"]`)).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Save' })).toBeVisible();
    await dialog.getByRole('button', { name: 'Close' }).click();

    // No group at all: Modify Groups says where to make one, and offers no Save.
    await row.locator('details.row-actions > summary').click();
    await row.getByRole('button', { name: 'Modify Groups' }).click();
    await expect(dialog.locator('#project_groups')).toHaveText('There are no groups yet: create them in Identity › Groups.');
    await expect(dialog.getByRole('button', { name: 'Save' })).toHaveCount(0);
  });

  for (const who of ['demo', 'reader'] as const) {
    test(`a ${who} gets no Groups panel, and a forged create is refused`, async ({ page }) => {
      await login(page, who);
      await expect(page.locator('a[href="/identity/groups/"]')).toHaveCount(0);
      await page.goto('/identity/groups/');
      await expect(page.getByText('You are not authorized to access this page.')).toBeVisible();
      await expect(page.locator('#groups__action_create')).toHaveCount(0);
      const base = new URL(page.url()).origin;
      const res = await page.request.post('/api/identity_create_group', {
        form: { name: 'e2e-grp-forged', description: '' },
        headers: { Origin: base },
      });
      expect(res.ok()).toBe(false);
      expect(await res.text()).toContain('You are not authorized to access this page.');
      const admin = await adminToken();
      expect(await groupByName(admin, 'e2e-grp-forged')).toBeUndefined();
    });
  }
});
