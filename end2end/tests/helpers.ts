import { test as base, expect, type Page, type BrowserContext } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * fetch, sent once more when it fails without an answer: the services close idle keep-alive
 * connections, and a call can race that close. Only for calls that may safely be repeated.
 */
async function fetchAgain(url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch {
    return await fetch(url, init);
  }
}

export const KEYSTONE = process.env.MERIDIAN_AUTH_URL ?? 'http://127.0.0.1:5000/v3';

/** The SQLite session store scripts/test runs Meridian with: read to check what the server keeps. */
export const SESSION_DB = process.env.MERIDIAN_SESSION_DB ?? '';

export const USERS = {
  admin: { name: 'admin', password: 'admin' },
  demo: { name: 'demo', password: 'demo' },
  reader: { name: 'reader', password: 'reader' },
};

/** Logs in through the form and waits for the page that follows. */
export async function login(page: Page, who: keyof typeof USERS, next?: string) {
  const user = USERS[who];
  await page.goto(next ? `/auth/login/?next=${encodeURIComponent(next)}` : '/auth/login/');
  await page.locator('#id_username').fill(user.name);
  await page.locator('#id_password').fill(user.password);
  await page.getByRole('button', { name: 'Sign In' }).click();
  await expect(page).not.toHaveURL(/\/auth\/login\//);
  // Let the landing page finish loading, so a test's next goto does not abort it midway.
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

/** Keystone tokens (Fernet: `gAAAAA...`) held in Meridian's session store right now. */
export function tokensInSessionStore(): string[] {
  if (!SESSION_DB) throw new Error('MERIDIAN_SESSION_DB is not set');
  const dump = execFileSync('sqlite3', [SESSION_DB, "SELECT hex(data) FROM tower_sessions;"], {
    encoding: 'utf8',
    // Every session of the run so far, hex-encoded: more than the default 1 MB by the end.
    maxBuffer: 256 * 1024 * 1024,
  });
  const tokens = new Set<string>();
  for (const line of dump.split('\n')) {
    const text = Buffer.from(line.trim(), 'hex').toString('latin1');
    for (const m of text.matchAll(/gAAAAA[A-Za-z0-9_\-=]{40,}/g)) tokens.add(m[0]);
  }
  return [...tokens];
}

export function sessionCount(): number {
  if (!SESSION_DB) throw new Error('MERIDIAN_SESSION_DB is not set');
  const out = execFileSync('sqlite3', [SESSION_DB, 'SELECT count(*) FROM tower_sessions;'], {
    encoding: 'utf8',
  });
  return Number(out.trim());
}

/** An admin token straight from Keystone, for checks the browser cannot make. */
export async function adminToken(): Promise<string> {
  const res = await fetchAgain(`${KEYSTONE}/auth/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      auth: {
        identity: {
          methods: ['password'],
          password: { user: { name: 'admin', domain: { name: 'Default' }, password: 'admin' } },
        },
        scope: { project: { name: 'admin', domain: { name: 'Default' } } },
      },
    }),
  });
  expect(res.status).toBe(201);
  return res.headers.get('x-subject-token')!;
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

export const NOVA = 'http://127.0.0.1:8774/v2.1';
export const NEUTRON = 'http://127.0.0.1:9696/v2.0';
export const GLANCE = 'http://127.0.0.1:9292';
export const cinderUrl = (projectId: string) => `http://127.0.0.1:8776/v3/${projectId}`;

/** A token for `user`, scoped to `project`, straight from Keystone (for test set-up). */
export async function scopedToken(user: keyof typeof USERS, project: string): Promise<string> {
  const res = await fetchAgain(`${KEYSTONE}/auth/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      auth: {
        identity: {
          methods: ['password'],
          password: { user: { name: USERS[user].name, domain: { name: 'Default' }, password: USERS[user].password } },
        },
        scope: { project: { name: project, domain: { name: 'Default' } } },
      },
    }),
  });
  expect(res.status).toBe(201);
  return res.headers.get('x-subject-token')!;
}

/** One OpenStack API call with a token; throws with the body on an error status. */
export async function api(token: string, method: string, url: string, body?: unknown) {
  const send = () => fetch(url, {
    method,
    headers: {
      'X-Auth-Token': token,
      'Content-Type': 'application/json',
      // Only Nova gets a microversion: Cinder refuses a header naming another service.
      ...(url.startsWith(NOVA) ? { 'OpenStack-API-Version': 'compute 2.79' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  let res: Response;
  try {
    res = await send();
  } catch (e) {
    // The services close idle keep-alive connections; a call that raced such a close is
    // sent once more, unless sending it twice could do something twice.
    if (method === 'POST') throw e;
    res = await send();
  }
  const text = await res.text();
  if (res.status >= 400) throw new Error(`${method} ${url}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : {};
}

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
