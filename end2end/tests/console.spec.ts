import { execFileSync } from 'node:child_process';
import NodeWebSocket from 'ws';
import { test, expect, login, adminToken, projectId, KEYSTONE, PROJECTS, USERS } from './helpers';

// The console: demo's instance's VNC screen (the test cloud's QEMU, via Nova's real console
// API) through Meridian's relay, and every way the relay must refuse a WebSocket.

const BASE = process.env.MERIDIAN_URL ?? 'http://127.0.0.1:3000';
const WS_BASE = BASE.replace(/^http/, 'ws');
const VNC_PORT = process.env.MERIDIAN_TESTCLOUD_VNC_PORT ?? '5901';
const OUTSIDER = { name: 'console-outsider', password: `pw-${process.pid}-${Date.now()}` };

let demoProject = '';
let altProject = '';
let serverA = '';
let serverB = '';
let outsiderId = '';

async function scopedToken(user: string, password: string, project: string) {
  const res = await fetch(`${KEYSTONE}/auth/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      auth: {
        identity: { methods: ['password'], password: { user: { name: user, domain: { name: 'Default' }, password } } },
        scope: { project: { id: project } },
      },
    }),
  });
  expect(res.status).toBe(201);
  const body = await res.json();
  const endpoint = (type: string): string =>
    body.token.catalog.find((s: any) => s.type === type).endpoints.find((e: any) => e.interface === 'public').url;
  return { token: res.headers.get('x-subject-token')!, compute: endpoint('compute'), image: endpoint('image') };
}

/** Boots a server in demo's project with no network (microversion 2.37) and waits for ACTIVE. */
async function bootServer(name: string): Promise<string> {
  const { token, compute, image } = await scopedToken(USERS.demo.name, USERS.demo.password, demoProject);
  const headers = { 'X-Auth-Token': token, 'Content-Type': 'application/json', 'OpenStack-API-Version': 'compute 2.37' };
  const img = await (await fetch(`${image.replace(/\/$/, '')}/v2/images?name=tiny`, { headers })).json();
  const flavors = await (await fetch(`${compute}/flavors`, { headers })).json();
  const flavor = flavors.flavors.find((f: any) => f.name === 'm1.tiny').id;
  const res = await fetch(`${compute}/servers`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ server: { name, imageRef: img.images[0].id, flavorRef: flavor, networks: 'none' } }),
  });
  expect(res.status, await res.clone().text()).toBe(202);
  const id = (await res.json()).server.id;
  for (let i = 0; i < 120; i++) {
    const s = (await (await fetch(`${compute}/servers/${id}`, { headers })).json()).server;
    if (s.status === 'ACTIVE') return id;
    if (s.status === 'ERROR') throw new Error(`server ${name} went to ERROR`);
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`server ${name} did not become ACTIVE`);
}

async function deleteServer(id: string) {
  if (!id) return;
  const { token, compute } = await scopedToken(USERS.demo.name, USERS.demo.password, demoProject);
  await fetch(`${compute}/servers/${id}`, { method: 'DELETE', headers: { 'X-Auth-Token': token } });
}

/** A user who is a member of `alt` only: another project than demo's instances. */
async function createOutsider() {
  const admin = await adminToken();
  const h = { 'X-Auth-Token': admin, 'Content-Type': 'application/json' };
  const found = await (await fetch(`${KEYSTONE}/users?name=${OUTSIDER.name}`, { headers: h })).json();
  for (const u of found.users) await fetch(`${KEYSTONE}/users/${u.id}`, { method: 'DELETE', headers: h });
  const res = await fetch(`${KEYSTONE}/users`, {
    method: 'POST',
    headers: h,
    body: JSON.stringify({ user: { name: OUTSIDER.name, password: OUTSIDER.password, domain_id: 'default' } }),
  });
  expect(res.status).toBe(201);
  outsiderId = (await res.json()).user.id;
  const roles = await (await fetch(`${KEYSTONE}/roles?name=member`, { headers: h })).json();
  const grant = await fetch(`${KEYSTONE}/projects/${altProject}/users/${outsiderId}/roles/${roles.roles[0].id}`, {
    method: 'PUT',
    headers: h,
  });
  expect(grant.status).toBe(204);
}

/** Logs in through Meridian's login server function; returns the Cookie header to send. */
async function meridianSession(user: string, password: string, project: string): Promise<string> {
  const res = await fetch(`${BASE}/api/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Origin: BASE,
      Cookie: `recent_project=${project}`,
    },
    body: new URLSearchParams({ username: user, password, domain: 'Default' }),
  });
  expect(res.status).toBeLessThan(400);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('sessionid='));
  expect(cookie).toBeTruthy();
  return cookie!;
}

/** Calls the page's server function; the answer must not carry Nova's console token. */
async function openConsole(cookie: string, instance: string) {
  const res = await fetch(`${BASE}/api/open_console`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: BASE, Cookie: cookie },
    body: new URLSearchParams({ instance_id: instance }),
  });
  const body = await res.json();
  return { status: res.status, body };
}

type Outcome = { opened: boolean; status?: number; reason?: string; ws?: NodeWebSocket; first?: Promise<string> };

/** Opens the relay's WebSocket as a tool would, with the given cookie and Origin. */
function openSocket(instance: string, opts: { cookie?: string; origin?: string | null }): Promise<Outcome> {
  const headers: Record<string, string> = {};
  if (opts.cookie) headers.Cookie = opts.cookie;
  if (opts.origin !== null) headers.Origin = opts.origin ?? BASE;
  return new Promise((resolve) => {
    const ws = new NodeWebSocket(`${WS_BASE}/console/ws/${instance}`, ['binary'], { headers });
    // Listening from the start: the first frame can arrive with the upgrade's answer.
    const first = new Promise<string>((r) => ws.once('message', (d) => r(d.toString())));
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ opened: false, status: res.statusCode, reason: body }));
    });
    ws.on('open', () => resolve({ opened: true, ws, first }));
    ws.on('error', () => resolve({ opened: false }));
  });
}

/** The first bytes (the RFB greeting) on an open socket. */
function greeting(o: Outcome): Promise<string> {
  return o.first!;
}

function closed(ws: NodeWebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
}

/** Established TCP connections to the QEMU VNC server, as the kernel sees them. */
function vncConnections(): number {
  const out = execFileSync('ss', ['-Htn', 'state', 'established', `( dport = :${VNC_PORT} )`], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l.trim()).length;
}

test.beforeAll(async () => {
  test.setTimeout(240_000);
  demoProject = await projectId(PROJECTS.demo);
  altProject = await projectId(PROJECTS.alt);
  await createOutsider();
  [serverA, serverB] = await Promise.all([bootServer('console-e2e-a'), bootServer('console-e2e-b')]);
});

test.afterAll(async () => {
  await Promise.all([deleteServer(serverA), deleteServer(serverB)]);
  if (outsiderId) {
    await fetch(`${KEYSTONE}/users/${outsiderId}`, { method: 'DELETE', headers: { 'X-Auth-Token': await adminToken() } });
  }
});

test('before hydration the console page says it needs JavaScript', async ({ page, context }) => {
  await context.addCookies([{ name: 'recent_project', value: demoProject, url: BASE }]);
  await login(page, 'demo');
  const html = await (await page.request.get(`/project/instances/${serverA}/console/`)).text();
  expect(html).toContain('The console needs JavaScript');
});

test('demo sees the QEMU screen, sends Ctrl-Alt-Del, and closing the page closes the VNC connection', async ({
  page,
  context,
}) => {
  // Every byte noVNC sends over the WebSocket, to see Ctrl-Alt-Del leave the page.
  await context.addInitScript(() => {
    const w = window as any;
    w.__sent = [];
    const proto = w.WebSocket.prototype;
    const send = proto.send;
    proto.send = function (data: any) {
      const u8 = data instanceof ArrayBuffer ? new Uint8Array(data) : ArrayBuffer.isView(data)
        ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : null;
      if (u8) w.__sent.push(...u8);
      return send.call(this, data);
    };
  });
  await context.addCookies([{ name: 'recent_project', value: demoProject, url: BASE }]);
  await login(page, 'demo');
  const before = vncConnections();
  const answers: string[] = [];
  page.on('response', async (r) => {
    if (r.url().includes('/api/open_console')) answers.push(await r.text());
  });

  await page.goto(`/project/instances/${serverA}/console/`);
  await expect(page.locator('#console-status')).toHaveText('Connected');
  await expect(page.getByRole('heading', { name: /Console/ })).toContainText('console-e2e-a');
  expect(vncConnections()).toBe(before + 1);
  // The BIOS screen: the canvas has lit pixels.
  await expect
    .poll(async () =>
      page.evaluate(() => {
        const c = document.querySelector('#console-screen canvas') as HTMLCanvasElement | null;
        if (!c || !c.width) return 0;
        const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        let lit = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i] + d[i + 1] + d[i + 2] > 60) lit++;
        return lit;
      }),
    )
    .toBeGreaterThan(200);
  await page.screenshot({ path: 'test-results/console.png' });

  // The page got only the WebSocket path: no console token, no nova-novncproxy URL.
  expect(answers.length).toBeGreaterThan(0);
  for (const a of answers) {
    expect(Object.keys(JSON.parse(a)).sort()).toEqual(['expires_at', 'instance_id', 'instance_name', 'ws_path']);
    expect(a).not.toContain('token');
    expect(a).not.toContain('6080');
  }

  // Ctrl-Alt-Del. The page sends key-down events for Control_L, Alt_L and Delete on the
  // socket (RFB KeyEvents, type 4, or, since QEMU offers them, QEMU extended key events,
  // 255/0). Through the relay they reach QEMU, whose firmware (SeaBIOS) resets the machine:
  // the text screen is cleared for a few seconds, then the boot messages come back. (The
  // firmware also retries booting by itself every 60 s; the reset must follow the click
  // within seconds.)
  const lit = () =>
    page.evaluate(() => {
      const c = document.querySelector('#console-screen canvas') as HTMLCanvasElement;
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i] + d[i + 1] + d[i + 2] > 60) n++;
      return n;
    });
  await expect.poll(lit, { timeout: 20_000 }).toBeGreaterThan(3000); // the full boot messages
  const full = await lit();
  await page.evaluate(() => ((window as any).__sent = []));
  await page.getByRole('button', { name: 'Send Ctrl-Alt-Del' }).click();
  const keyDowns = (keysym: number) => [
    [4, 1, 0, 0, 0, 0, (keysym >> 8) & 0xff, keysym & 0xff],
    [255, 0, 0, 1, 0, 0, (keysym >> 8) & 0xff, keysym & 0xff],
  ];
  const sentCtrlAltDel = async () => {
    const sent: number[] = await page.evaluate(() => (window as any).__sent);
    const has = (pat: number[]) => sent.some((_, i) => pat.every((b, j) => sent[i + j] === b));
    return [0xffe3, 0xffe9, 0xffff].every((k) => keyDowns(k).some(has));
  };
  await expect.poll(lit, { timeout: 8_000, intervals: [100] }).toBeLessThan(full / 2);
  expect(await sentCtrlAltDel()).toBe(true);
  await expect(page.locator('#console-status')).toHaveText('Connected');

  await page.close();
  await expect.poll(() => vncConnections(), { timeout: 10_000 }).toBe(before);
});

test.describe('the relay refuses', () => {
  test('a WebSocket from another Origin, or with none', async () => {
    const cookie = await meridianSession(USERS.demo.name, USERS.demo.password, demoProject);
    expect((await openConsole(cookie, serverA)).status).toBe(200);
    const evil = await openSocket(serverA, { cookie, origin: 'http://evil.example' });
    expect(evil).toMatchObject({ opened: false, status: 403 });
    expect(evil.reason).toContain('Cross-origin');
    const none = await openSocket(serverA, { cookie, origin: null });
    expect(none).toMatchObject({ opened: false, status: 403 });
    // The same session and Origin of the site itself is let in.
    const ok = await openSocket(serverA, { cookie });
    expect(ok.opened).toBe(true);
    expect(await greeting(ok)).toBe('RFB 003.008\n');
    ok.ws!.close();
  });

  test('a WebSocket without a session', async () => {
    const r = await openSocket(serverA, {});
    expect(r).toMatchObject({ opened: false, status: 401 });
    const forged = await openSocket(serverA, { cookie: 'sessionid=not-a-session' });
    expect(forged).toMatchObject({ opened: false, status: 401 });
  });

  test("a user of another project asking for demo's instance", async () => {
    const cookie = await meridianSession(OUTSIDER.name, OUTSIDER.password, altProject);
    const open = await openConsole(cookie, serverA);
    expect(open.status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(open.body)).toContain('could not be found');
    const r = await openSocket(serverA, { cookie });
    expect(r).toMatchObject({ opened: false, status: 403 });
  });

  test('a session after logout, and logout closes its open console', async () => {
    const cookie = await meridianSession(USERS.demo.name, USERS.demo.password, demoProject);
    expect((await openConsole(cookie, serverA)).status).toBe(200);
    const live = await openSocket(serverA, { cookie });
    expect(live.opened).toBe(true);
    await greeting(live);
    const end = closed(live.ws!);
    const out = await fetch(`${BASE}/auth/logout/`, {
      method: 'POST',
      redirect: 'manual',
      headers: { Origin: BASE, Cookie: cookie },
    });
    expect(out.status).toBe(303);
    expect(await end).toEqual({ code: 4001, reason: 'You logged out.' });
    const reused = await openSocket(serverA, { cookie });
    expect(reused).toMatchObject({ opened: false, status: 401 });
  });

  test("instance A's console on instance B's route", async () => {
    const cookie = await meridianSession(USERS.demo.name, USERS.demo.password, demoProject);
    expect((await openConsole(cookie, serverA)).status).toBe(200);
    const r = await openSocket(serverB, { cookie });
    expect(r).toMatchObject({ opened: false, status: 403 });
    expect(r.reason).toContain('No console was opened for this instance');
  });

  test('the 5th concurrent console over a cap of 4', async () => {
    const cookie = await meridianSession(USERS.demo.name, USERS.demo.password, demoProject);
    expect((await openConsole(cookie, serverA)).status).toBe(200);
    const four: NodeWebSocket[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await openSocket(serverA, { cookie });
      expect(r.opened, `console ${i + 1}`).toBe(true);
      four.push(r.ws!);
    }
    const fifth = await openSocket(serverA, { cookie });
    expect(fifth).toMatchObject({ opened: false, status: 429 });
    expect(fifth.reason).toContain('Too many consoles');
    // A place frees when one closes.
    const gone = closed(four[0]);
    four[0].close();
    await gone;
    await expect
      .poll(async () => {
        const again = await openSocket(serverA, { cookie });
        if (again.opened) four[0] = again.ws!;
        return again.opened;
      })
      .toBe(true);
    for (const ws of four) ws.close();
  });
});
