import { test, expect, login, scopedToken, projectId, api, NEUTRON, PROJECTS } from './helpers';
import type { Page } from '@playwright/test';

// Everything made here is named e2e-sg-..., and removed at the end.
const PREFIX = 'e2e-sg-';
const rand = () => Math.random().toString(36).slice(2, 8);

type Rule = {
  id: string;
  direction: string;
  ethertype: string;
  protocol: string | null;
  port_range_min: number | null;
  port_range_max: number | null;
  remote_ip_prefix: string | null;
};

async function groupsNamed(token: string, name: string) {
  return (await api(token, 'GET', `${NEUTRON}/security-groups?name=${encodeURIComponent(name)}`)).security_groups;
}

async function rulesOf(token: string, groupId: string): Promise<Rule[]> {
  return (await api(token, 'GET', `${NEUTRON}/security-group-rules?security_group_id=${groupId}`)).security_group_rules;
}

async function hydrated(page: Page) {
  await page.waitForFunction(() => (window as any).__meridian_hydrated === true);
}

/** Logs in as demo, working in project demo (the tokens below are scoped to it), at `path`. */
async function openAsDemo(page: Page, path: string) {
  await login(page, 'demo', `/auth/switch/${await projectId(PROJECTS.demo)}/?next=${encodeURIComponent(path)}`);
  await expect(page).toHaveURL(new RegExp(`${path.replace(/[/.]/g, '\\$&')}$`));
  // Once more, so the switch's own message is gone and each check sees only the panel's.
  await page.goto(path);
  await hydrated(page);
}

const dialog = (page: Page) => page.locator('.modal-dialog');
const alert = (page: Page) => page.locator('div.messages div.alert');

/** Opens Add Rule, chooses `menu`, sets the given fields (select or input by id) and submits. */
async function addRule(page: Page, menu: string, fields: Record<string, string> = {}) {
  await page.getByRole('button', { name: '+ Add Rule' }).click();
  const d = dialog(page);
  await d.locator('#id_rule_menu').selectOption(menu);
  for (const [id, value] of Object.entries(fields)) {
    const field = d.locator(`#${id}`);
    if ((await field.evaluate((e) => e.tagName)) === 'SELECT') await field.selectOption(value);
    else await field.fill(value);
  }
  await d.getByRole('button', { name: 'Add', exact: true }).click();
}

test.describe('Project › Security Groups', () => {
  let token = '';
  test.beforeAll(async () => {
    token = await scopedToken('demo', PROJECTS.demo);
  });
  test.afterAll(async () => {
    const all = (await api(token, 'GET', `${NEUTRON}/security-groups`)).security_groups;
    for (const g of all.filter((g: { name: string }) => g.name.startsWith(PREFIX))) {
      await api(token, 'DELETE', `${NEUTRON}/security-groups/${g.id}`).catch(() => {});
    }
  });

  test('create a group, add preset rules, delete rules, edit and delete the group', async ({ page }) => {
    const name = `${PREFIX}${rand()}`;
    await openAsDemo(page, '/project/security_groups/');

    // Create.
    await page.getByRole('button', { name: '+ Create Security Group' }).click();
    await dialog(page).locator('#id_name').fill(name);
    await dialog(page).locator('#id_description').fill('made by the e2e test');
    await dialog(page).getByRole('button', { name: 'Create Security Group' }).click();
    await expect(alert(page)).toHaveText(`Success: Successfully created security group: ${name}`);
    const row = page.locator(`table#security_groups tr[data-display="${name}"]`);
    await expect(row).toBeVisible();
    const created = await groupsNamed(token, name);
    expect(created.length).toBe(1);
    const id = created[0].id;
    expect(created[0].description).toBe('made by the e2e test');
    await expect(row).toContainText(id);
    await page.screenshot({ path: 'screenshots/security_groups.png', fullPage: true });

    // Manage Rules: SSH, HTTP and All ICMP from the presets.
    await row.locator('td.actions_column').getByRole('link', { name: 'Manage Rules' }).click();
    await expect(page).toHaveURL(new RegExp(`/project/security_groups/${id}/$`));
    await expect(page.locator('table#rules')).toBeVisible();
    const before = (await rulesOf(token, id)).length; // Neutron's two egress rules
    const wanted: [string, string][] = [
      ['ssh', 'ALLOW IPv4 22/tcp from 0.0.0.0/0'],
      ['http', 'ALLOW IPv4 80/tcp from 0.0.0.0/0'],
      ['all_icmp', 'ALLOW IPv4 icmp from 0.0.0.0/0'],
    ];
    for (const [menu, words] of wanted) {
      await addRule(page, menu);
      await expect(alert(page)).toHaveText(`Success: Successfully added rule: ${words}`);
      await expect(page.locator(`table#rules tr[data-display="${words}"]`)).toBeVisible();
    }
    const rules = await rulesOf(token, id);
    expect(rules.length).toBe(before + 3);
    const ingress = (protocol: string, min: number | null) =>
      rules.filter((r) => r.direction === 'ingress' && r.protocol === protocol && r.port_range_min === min);
    for (const [protocol, port] of [['tcp', 22], ['tcp', 80], ['icmp', null]] as const) {
      const found = ingress(protocol, port);
      expect(found.length, `${protocol} ${port}`).toBe(1);
      expect(found[0].port_range_max).toBe(port);
      expect(found[0].remote_ip_prefix).toBe('0.0.0.0/0');
      expect(found[0].ethertype).toBe('IPv4');
    }
    await expect(page.locator('table#rules tr[data-display="ALLOW IPv4 22/tcp from 0.0.0.0/0"]')).toContainText('22 (SSH)');

    // Neutron refuses the same rule twice: an Error banner, and nothing new.
    await addRule(page, 'all_icmp');
    await expect(dialog(page).locator('div.alert.alert-danger')).toContainText('Error:');
    expect((await rulesOf(token, id)).length).toBe(before + 3);
    await dialog(page).getByRole('button', { name: 'Close' }).click();

    // Batch delete SSH and HTTP, confirmed.
    for (const words of [wanted[0][1], wanted[1][1]]) {
      await page.getByRole('checkbox', { name: `Select ${words}` }).check();
    }
    await page.getByRole('button', { name: 'Delete Rules' }).click();
    await expect(dialog(page)).toContainText('You have selected: ALLOW IPv4 22/tcp from 0.0.0.0/0, ALLOW IPv4 80/tcp from 0.0.0.0/0.');
    await dialog(page).getByRole('button', { name: 'Delete Rules' }).click();
    await expect(alert(page)).toHaveText(
      'Success: Deleted Rules: ALLOW IPv4 22/tcp from 0.0.0.0/0, ALLOW IPv4 80/tcp from 0.0.0.0/0',
    );
    await expect(page.locator(`table#rules tr[data-display="${wanted[0][1]}"]`)).toHaveCount(0);
    const left = await rulesOf(token, id);
    expect(left.length).toBe(before + 1);
    expect(left.filter((r) => r.direction === 'ingress').map((r) => r.protocol)).toEqual(['icmp']);

    // Edit the group's name and description.
    await page.locator('nav.breadcrumb').getByRole('link', { name: 'Security Groups' }).click();
    await expect(row).toBeVisible();
    const renamed = `${name}-renamed`;
    await row.getByRole('button', { name: 'Edit Security Group' }).click();
    await expect(dialog(page).locator('#id_name')).toHaveValue(name);
    await dialog(page).locator('#id_name').fill(renamed);
    await dialog(page).locator('#id_description').fill('renamed by the e2e test');
    await dialog(page).getByRole('button', { name: 'Edit Security Group' }).click();
    await expect(alert(page)).toHaveText(`Success: Successfully updated security group: ${renamed}`);
    const edited = await api(token, 'GET', `${NEUTRON}/security-groups/${id}`);
    expect(edited.security_group.name).toBe(renamed);
    expect(edited.security_group.description).toBe('renamed by the e2e test');

    // Delete it, confirmed.
    const renamedRow = page.locator(`table#security_groups tr[data-display="${renamed}"]`);
    await renamedRow.getByRole('button', { name: 'Delete Security Group' }).click();
    await expect(dialog(page)).toContainText(`You have selected: ${renamed}.`);
    await dialog(page).getByRole('button', { name: 'Delete Security Group' }).click();
    await expect(alert(page)).toHaveText(`Success: Deleted Security Group: ${renamed}`);
    await expect(renamedRow).toHaveCount(0);
    expect(await groupsNamed(token, renamed)).toEqual([]);
  });

  test('bad rule input is refused at its field and nothing is created', async ({ page }) => {
    const name = `${PREFIX}val-${rand()}`;
    const group = (await api(token, 'POST', `${NEUTRON}/security-groups`, { security_group: { name } })).security_group;
    // A few rules of other kinds, made directly, for the table to show as Horizon does.
    const rule = (r: object) =>
      api(token, 'POST', `${NEUTRON}/security-group-rules`, { security_group_rule: { security_group_id: group.id, ...r } });
    await rule({ direction: 'ingress', ethertype: 'IPv4', protocol: 'tcp', port_range_min: 22, port_range_max: 22, remote_ip_prefix: '10.0.0.0/8', description: 'admins' });
    await rule({ direction: 'ingress', ethertype: 'IPv6', protocol: 'udp', port_range_min: 1000, port_range_max: 2000 });
    await rule({ direction: 'ingress', ethertype: 'IPv4', protocol: '47', remote_group_id: group.id });
    const count = async () => (await rulesOf(token, group.id)).length;
    const before = await count();
    await page.setViewportSize({ width: 1280, height: 900 });
    await openAsDemo(page, `/project/security_groups/${group.id}/`);
    const rows = page.locator('table#rules tbody tr');
    await expect(page.locator('tr[data-display="ALLOW IPv4 22/tcp from 10.0.0.0/8"]')).toContainText('22 (SSH)');
    await expect(page.locator('tr[data-display="ALLOW IPv4 22/tcp from 10.0.0.0/8"]')).toContainText('admins');
    await expect(page.locator('tr[data-display="ALLOW IPv6 1000-2000/udp from ::/0"]')).toContainText('1000 - 2000');
    await expect(page.locator(`tr[data-display="ALLOW IPv4 ip_proto=47 from ${name}"] td`).nth(6)).toHaveText(name);
    await expect(rows).toHaveCount(before);
    await page.screenshot({ path: 'screenshots/security_groups-rules.png', fullPage: true });

    const cases: [string, Record<string, string>, string, RegExp][] = [
      ['tcp', { id_port_or_range: 'port', id_port: '70000' }, 'port', /between 1 and 65535/],
      ['tcp', { id_port_or_range: 'range', id_from_port: '2000', id_to_port: '1000' }, 'to_port', /greater than or equal to the "from" port/],
      ['icmp', { id_icmp_type: '300' }, 'icmp_type', /ICMP type is not in range/],
      ['ssh', { id_cidr: '10.0.0.300/24' }, 'cidr', /is not a network address/],
      ['ssh', { id_cidr: 'fd00::/64', id_ethertype: 'IPv4' }, 'cidr', /IPv6 network, but the rule's Ether Type is IPv4/],
    ];
    for (const [menu, fields, field, message] of cases) {
      await addRule(page, menu, fields);
      const error = dialog(page).locator(`.field-error[data-field="${field}"]`);
      await expect(error, `${menu} ${JSON.stringify(fields)}`).toHaveText(message);
      // The message sits with its input, and what was typed is kept.
      const [lastId, lastValue] = Object.entries(fields).at(-1)!;
      await expect(dialog(page).locator(`#${lastId}`)).toHaveValue(lastValue);
      expect(await count()).toBe(before);
      await dialog(page).getByRole('button', { name: 'Close' }).click();
    }
    await expect(alert(page)).toHaveCount(0);
    expect(await count()).toBe(before);

    // The Add Rule dialog, for the record.
    await page.getByRole('button', { name: '+ Add Rule' }).click();
    await dialog(page).locator('#id_rule_menu').selectOption('tcp');
    await page.screenshot({ path: 'screenshots/security_groups-add-rule.png', fullPage: true });
  });

  test('the Add Rule form, posted as a browser without script would, adds the rule', async ({ page }) => {
    const name = `${PREFIX}nojs-${rand()}`;
    const group = (await api(token, 'POST', `${NEUTRON}/security-groups`, { security_group: { name } })).security_group;
    await openAsDemo(page, `/project/security_groups/${group.id}/`);
    await page.getByRole('button', { name: '+ Add Rule' }).click();
    const d = dialog(page);
    await d.locator('#id_rule_menu').selectOption('udp');
    await d.locator('#id_port_or_range').selectOption('range');
    await d.locator('#id_from_port').fill('5000');
    await d.locator('#id_to_port').fill('5010');
    await d.locator('#id_cidr').fill('192.168.0.0/16');
    // Every field of the form (the hidden ones too), as a plain HTML form post sends them.
    const answer = await d.locator('form').evaluate(async (form: HTMLFormElement) => {
      const res = await fetch(form.action, {
        method: 'POST',
        body: new URLSearchParams(new FormData(form) as any),
        headers: { Accept: 'text/html' },
        redirect: 'manual',
      });
      return res.type;
    });
    expect(answer).toBe('opaqueredirect'); // back to the page, as after a form post
    const udp = (await rulesOf(token, group.id)).filter((r) => r.protocol === 'udp');
    expect(udp.map((r) => [r.direction, r.port_range_min, r.port_range_max, r.remote_ip_prefix])).toEqual([
      ['ingress', 5000, 5010, '192.168.0.0/16'],
    ]);
  });

  test('a reader sees the groups and rules but no button that changes them', async ({ page }) => {
    await login(page, 'reader', '/project/security_groups/');
    await hydrated(page);
    const defaultRow = page.locator('table#security_groups tr[data-display="default"]');
    await expect(defaultRow).toBeVisible();
    await expect(page.getByRole('button', { name: '+ Create Security Group' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Delete Security Groups' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /Delete Security Group|Edit Security Group/ })).toHaveCount(0);
    await expect(page.locator('table#security_groups input[type=checkbox]')).toHaveCount(0);

    await defaultRow.getByRole('link', { name: 'Manage Rules' }).click();
    await expect(page.locator('table#rules tbody tr').first()).toBeVisible();
    await expect(page.getByRole('button', { name: '+ Add Rule' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /Delete Rule/ })).toHaveCount(0);
    await expect(page.locator('table#rules input[type=checkbox]')).toHaveCount(0);
  });
});
