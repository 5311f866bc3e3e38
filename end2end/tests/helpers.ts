import { test as base, expect, type Page, type BrowserContext } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

import { KEYSTONE, NOVA, NEUTRON, GLANCE, cinderUrl, call, fetchAgain, passwordToken } from '../support/cloud';
import { FIRST_SLOT, identityOf } from '../support/workers';

export { KEYSTONE, NOVA, NEUTRON, GLANCE, cinderUrl };

/** Where Meridian under test listens (playwright.config.ts's baseURL). */
export const BASE_URL = process.env.MERIDIAN_URL ?? 'http://127.0.0.1:3000';

/** The SQLite session store scripts/test runs Meridian with: read to check what the server keeps. */
export const SESSION_DB = process.env.MERIDIAN_SESSION_DB ?? '';

/**
 * This worker's own projects and users (support/workers.ts): specs that run side by side never
 * see each other's resources. `PROJECTS.demo` is where the member works; `PROJECTS.alt` its
 * second project.
 */
const SLOT = FIRST_SLOT + Number(process.env.TEST_PARALLEL_INDEX ?? '0');
const IDENTITY = identityOf(SLOT);
export const PROJECTS = { ...IDENTITY.projects, admin: 'admin' };
export const USERS = {
  admin: { name: 'admin', password: 'admin' },
  ...IDENTITY.users,
};

/**
 * Logs in and opens `next` (or the overview). The sign-in is the login form's own POST, sent
 * as a browser without script would send it: the form itself is tested by auth.spec.ts
 * (`loginThroughForm`), and skipping its page saves a page load and a hydration per test.
 */
export async function login(page: Page, who: keyof typeof USERS, next?: string) {
  const user = USERS[who];
  const res = await page.request.post('/api/login', {
    form: { username: user.name, password: user.password, domain: '' },
    headers: { Origin: new URL(BASE_URL).origin },
    maxRedirects: 0,
  });
  if (res.status() >= 400) throw new Error(`login of ${user.name} refused: ${res.status()} ${await res.text()}`);
  expect(await sessionCookie(page.context()), `a session cookie after ${user.name}'s login`).toBeDefined();
  await page.goto(next ?? '/project/');
  await expect(page).not.toHaveURL(/\/auth\/login\//);
  // Let the page finish loading, so a test's next goto does not abort it midway.
  await page.waitForLoadState('load');
}

/** Logs in through the login page's form, as a person does, and waits for the page that follows. */
export async function loginThroughForm(page: Page, who: keyof typeof USERS, next?: string) {
  const user = USERS[who];
  await page.goto(next ? `/auth/login/?next=${encodeURIComponent(next)}` : '/auth/login/');
  await page.locator('#id_username').fill(user.name);
  await page.locator('#id_password').fill(user.password);
  await page.getByRole('button', { name: 'Sign In' }).click();
  await expect(page).not.toHaveURL(/\/auth\/login\//);
  await page.waitForLoadState('load');
}

/**
 * Playwright's `test`, failing any test whose page threw an uncaught error (a broken
 * hydration shows up here).
 */
export const test = base.extend<{ pageErrors: string[] }>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (err) => errors.push(err.message));
      if (process.env.MERIDIAN_DEBUG_CONSOLE) page.on('console', (m) => m.type() === 'error' && console.log('[console]', m.text().replace(/\n/g, ' | ')));
      await use(errors);
      expect(errors, 'uncaught errors in the page').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

export async function sessionCookie(context: BrowserContext) {
  return (await context.cookies()).find((c) => c.name === 'sessionid');
}

/** Every session in Meridian's store: its id and its data as text (MessagePack keeps strings whole). */
function storedSessions(): { id: string; text: string }[] {
  if (!SESSION_DB) throw new Error('MERIDIAN_SESSION_DB is not set');
  // Meridian writes the store while other workers' tests run: wait for its lock, up to 10 s
  // (sqlite3 otherwise fails at once with "database is locked").
  const dump = execFileSync('sqlite3', ['-cmd', '.timeout 10000', '-separator', ' ', SESSION_DB, 'SELECT id, hex(data) FROM tower_sessions;'], {
    encoding: 'utf8',
    // Every session of the run so far, hex-encoded: more than the default 1 MB by the end.
    maxBuffer: 256 * 1024 * 1024,
  });
  return dump
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => {
      const [id, hex] = line.trim().split(' ');
      return { id, text: Buffer.from(hex ?? '', 'hex').toString('latin1') };
    });
}

const fernetTokens = (text: string) => [...new Set([...text.matchAll(/gAAAAA[A-Za-z0-9_\-=]{40,}/g)].map((m) => m[0]))];

/**
 * The Keystone tokens (Fernet: `gAAAAA...`) Meridian holds for this browser context's session,
 * read from the store by the `sessionid` cookie: other workers' sessions are not looked at.
 */
export async function sessionTokens(context: BrowserContext): Promise<string[]> {
  const cookie = await sessionCookie(context);
  if (!cookie) return [];
  return fernetTokens(storedSessions().find((s) => s.id === cookie.value)?.text ?? '');
}

/** How many sessions the store holds, everyone's: only a test that runs alone may count them. */
export function sessionCount(): number {
  return storedSessions().length;
}

/** Every Keystone token in the store, for a check that none of them leaked anywhere. */
export function tokensInSessionStore(): string[] {
  return fernetTokens(storedSessions().map((s) => s.text).join('\n'));
}

/**
 * An admin token straight from Keystone, for checks the browser cannot make. One per worker,
 * asked again after 30 minutes: a password check for every look-up would load Keystone for
 * nothing. (Tests that revoke tokens revoke their own, never this one.)
 */
let cachedAdmin: { token: string; at: number } | undefined;
export async function adminToken(): Promise<string> {
  if (!cachedAdmin || Date.now() - cachedAdmin.at > 30 * 60_000) {
    cachedAdmin = { token: await passwordToken('admin', 'admin', 'admin'), at: Date.now() };
  }
  return cachedAdmin.token;
}

/** Keystone's own answer: does `token` still validate? */
export async function tokenIsValid(token: string): Promise<boolean> {
  const admin = await adminToken();
  const res = await fetchAgain(`${KEYSTONE}/auth/tokens`, {
    headers: { 'X-Auth-Token': admin, 'X-Subject-Token': token },
  });
  if (res.status !== 200 && res.status !== 404 && res.status !== 401) {
    throw new Error(`unexpected Keystone answer ${res.status}`);
  }
  return res.status === 200;
}

export async function revokeToken(token: string) {
  const admin = await adminToken();
  const res = await fetchAgain(`${KEYSTONE}/auth/tokens`, {
    method: 'DELETE',
    headers: { 'X-Auth-Token': admin, 'X-Subject-Token': token },
  });
  expect(res.status).toBe(204);
}

export function readJson(path: string) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** A project's id, looked up as admin. */
export async function projectId(name: string): Promise<string> {
  const admin = await adminToken();
  const res = await fetchAgain(`${KEYSTONE}/projects?name=${encodeURIComponent(name)}`, {
    headers: { 'X-Auth-Token': admin },
  });
  expect(res.status).toBe(200);
  const body = await res.json();
  expect(body.projects.length).toBe(1);
  return body.projects[0].id;
}

/** A token for `user`, scoped to the project named `project`, straight from Keystone (for test set-up). */
export async function scopedToken(user: keyof typeof USERS, project: string): Promise<string> {
  return passwordToken(USERS[user].name, USERS[user].password, project);
}

/** One OpenStack API call with a token; throws with the body on an error status. */
export const api = call;

/** A tenant network with a subnet, created once per name. */
export async function ensureNetwork(token: string, name: string, cidr: string): Promise<string> {
  const found = await api(token, 'GET', `${NEUTRON}/networks?name=${name}`);
  if (found.networks.length) return found.networks[0].id;
  const net = await api(token, 'POST', `${NEUTRON}/networks`, { network: { name } });
  await api(token, 'POST', `${NEUTRON}/subnets`, {
    subnet: { network_id: net.network.id, ip_version: 4, cidr, name: `${name}-subnet` },
  });
  return net.network.id;
}

export async function imageId(token: string, name: string): Promise<string> {
  const body = await api(token, 'GET', `http://127.0.0.1:9292/v2/images?name=${name}`);
  return body.images[0].id;
}

export async function flavorId(token: string, name: string): Promise<string> {
  const body = await api(token, 'GET', `${NOVA}/flavors`);
  return body.flavors.find((f: { name: string }) => f.name === name).id;
}

export async function listServers(token: string, namePrefix: string) {
  const body = await api(token, 'GET', `${NOVA}/servers/detail?name=^${namePrefix}`);
  return body.servers as { id: string; name: string; status: string }[];
}

/** Boots `count` servers named `<name>-1..n` (Nova names them) and waits until all are ACTIVE. */
export async function bootServers(token: string, name: string, count: number, networkId: string) {
  const [image, flavor] = await Promise.all([imageId(token, 'tiny'), flavorId(token, 'm1.tiny')]);
  await api(token, 'POST', `${NOVA}/servers`, {
    server: {
      name,
      imageRef: image,
      flavorRef: flavor,
      networks: [{ uuid: networkId }],
      min_count: count,
      max_count: count,
    },
  });
  await expect
    .poll(async () => (await listServers(token, name)).filter((s) => s.status === 'ACTIVE').length, {
      timeout: 120_000,
    })
    .toBe(count);
}

/** Deletes every server whose name starts with `prefix` and waits until Nova forgets them. */
export async function deleteServers(token: string, prefix: string) {
  for (const s of await listServers(token, prefix)) {
    await api(token, 'DELETE', `${NOVA}/servers/${s.id}`).catch(() => {});
  }
  await expect.poll(async () => (await listServers(token, prefix)).length, { timeout: 120_000 }).toBe(0);
}
