/**
 * Making and removing the workers' identities (see workers.ts), as the cloud's admin.
 * Removal first empties the projects: Keystone would delete a project and leave its servers,
 * volumes and networks behind in the other services.
 */
import { ALT_QUOTA, identityOf, type Identity } from './workers';
import { GLANCE, KEYSTONE, NEUTRON, NOVA, call, cinderUrl, passwordToken } from './cloud';

type Id = { id: string };

const adminToken = () => passwordToken('admin', 'admin', 'admin');

async function findOne(token: string, kind: 'projects' | 'users' | 'roles', name: string): Promise<Id | undefined> {
  const body = await call(token, 'GET', `${KEYSTONE}/${kind}?name=${encodeURIComponent(name)}`);
  return body[kind][0];
}

/** Polls `done` once a second until it holds or `seconds` pass. */
async function until(what: string, seconds: number, done: () => Promise<boolean>) {
  for (let i = 0; i < seconds; i++) {
    if (await done()) return;
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Runs every cleanup step even when one fails, then reports the failures together. */
async function each<T>(items: T[], step: (item: T) => Promise<unknown>, failures: string[]) {
  await Promise.all(items.map((i) => step(i).catch((e) => failures.push(String(e)))));
}

/** Deletes everything a project holds in Nova, Neutron, Cinder and Glance. */
async function emptyProject(admin: string, adminProject: string, project: string, users: string[], failures: string[]) {
  const servers = (await call(admin, 'GET', `${NOVA}/servers?all_tenants=1&project_id=${project}`)).servers as Id[];
  await each(servers, (s) => call(admin, 'DELETE', `${NOVA}/servers/${s.id}`), failures);
  await until('servers to go', 180, async () => (await call(admin, 'GET', `${NOVA}/servers?all_tenants=1&project_id=${project}`)).servers.length === 0);

  for (const user of users) {
    const keys = (await call(admin, 'GET', `${NOVA}/os-keypairs?user_id=${user}`)).keypairs as { keypair: { name: string } }[];
    await each(keys, (k) => call(admin, 'DELETE', `${NOVA}/os-keypairs/${encodeURIComponent(k.keypair.name)}?user_id=${user}`), failures);
  }

  const cinder = cinderUrl(adminProject);
  const volumes = () => call(admin, 'GET', `${cinder}/volumes/detail?all_tenants=1&project_id=${project}`).then((b) => b.volumes as (Id & { status: string })[]);
  await until('volumes to settle', 120, async () => (await volumes()).every((v) => !/ing$/.test(v.status)));
  await each(await volumes(), async (v) => {
    if (v.status !== 'available' && v.status !== 'error') {
      await call(admin, 'POST', `${cinder}/volumes/${v.id}/action`, { 'os-reset_status': { status: 'available', attach_status: 'detached' } });
    }
    await call(admin, 'DELETE', `${cinder}/volumes/${v.id}?cascade=true`); // its snapshots too
  }, failures);
  await until('volumes to go', 120, async () => (await volumes()).length === 0).catch((e) => failures.push(String(e)));

  const images = (await call(admin, 'GET', `${GLANCE}/v2/images?owner=${project}&limit=1000`)).images as (Id & { protected: boolean })[];
  await each(images, async (i) => {
    if (i.protected) {
      await fetch(`${GLANCE}/v2/images/${i.id}`, {
        method: 'PATCH',
        headers: { 'X-Auth-Token': admin, 'Content-Type': 'application/openstack-images-v2.1-json-patch' },
        body: JSON.stringify([{ op: 'replace', path: '/protected', value: false }]),
      });
    }
    await call(admin, 'DELETE', `${GLANCE}/v2/images/${i.id}`);
  }, failures);

  const q = `project_id=${project}`;
  const fips = (await call(admin, 'GET', `${NEUTRON}/floatingips?${q}`)).floatingips as Id[];
  await each(fips, (f) => call(admin, 'DELETE', `${NEUTRON}/floatingips/${f.id}`), failures);
  const routers = (await call(admin, 'GET', `${NEUTRON}/routers?${q}`)).routers as Id[];
  await each(routers, async (r) => {
    const ports = (await call(admin, 'GET', `${NEUTRON}/ports?device_id=${r.id}`)).ports as (Id & { device_owner: string })[];
    for (const p of ports.filter((p) => p.device_owner === 'network:router_interface')) {
      await call(admin, 'PUT', `${NEUTRON}/routers/${r.id}/remove_router_interface`, { port_id: p.id });
    }
    await call(admin, 'DELETE', `${NEUTRON}/routers/${r.id}`);
  }, failures);
  const ports = (await call(admin, 'GET', `${NEUTRON}/ports?${q}`)).ports as (Id & { device_owner: string })[];
  await each(ports.filter((p) => !p.device_owner.startsWith('network:dhcp')), (p) => call(admin, 'DELETE', `${NEUTRON}/ports/${p.id}`), failures);
  const networks = (await call(admin, 'GET', `${NEUTRON}/networks?${q}`)).networks as Id[];
  await each(networks, (n) => call(admin, 'DELETE', `${NEUTRON}/networks/${n.id}`), failures);
  const groups = (await call(admin, 'GET', `${NEUTRON}/security-groups?${q}`)).security_groups as Id[];
  await each(groups, (g) => call(admin, 'DELETE', `${NEUTRON}/security-groups/${g.id}`), failures);
}

/** Removes slot's users and projects, and everything in the projects; absent ones are skipped. */
export async function removeIdentity(slot: number): Promise<string[]> {
  const who = identityOf(slot);
  const admin = await adminToken();
  const adminProject = (await findOne(admin, 'projects', 'admin'))!.id;
  const failures: string[] = [];
  const users = (await Promise.all([who.users.demo.name, who.users.reader.name].map((n) => findOne(admin, 'users', n)))).filter((u): u is Id => !!u);
  for (const name of [who.projects.demo, who.projects.alt]) {
    const project = await findOne(admin, 'projects', name);
    if (!project) continue;
    await emptyProject(admin, adminProject, project.id, users.map((u) => u.id), failures).catch((e) => failures.push(String(e)));
    await call(admin, 'PATCH', `${KEYSTONE}/projects/${project.id}`, { project: { enabled: false } }).catch(() => {});
    await call(admin, 'DELETE', `${KEYSTONE}/projects/${project.id}`).catch((e) => failures.push(String(e)));
  }
  await each(users, (u) => call(admin, 'DELETE', `${KEYSTONE}/users/${u.id}`), failures);
  return failures;
}

/** Makes slot's users and projects with their roles (after removing any left by an earlier run). */
export async function makeIdentity(slot: number): Promise<Identity> {
  const left = await removeIdentity(slot);
  if (left.length) console.warn(`[setup] worker ${slot}: leftovers not removed:\n  ${left.join('\n  ')}`);
  const who = identityOf(slot);
  const admin = await adminToken();
  const [member, reader, adminRole, adminUser] = await Promise.all([
    findOne(admin, 'roles', 'member'),
    findOne(admin, 'roles', 'reader'),
    findOne(admin, 'roles', 'admin'),
    findOne(admin, 'users', 'admin'),
  ]);
  const project = async (name: string, description: string) =>
    (await call(admin, 'POST', `${KEYSTONE}/projects`, { project: { name, description, domain_id: 'default' } })).project as Id;
  const demo = await project(who.projects.demo, `Browser tests, worker ${slot}`);
  const alt = await project(who.projects.alt, `Browser tests, worker ${slot}: the second project`);
  const user = async (u: { name: string; password: string }) =>
    (await call(admin, 'POST', `${KEYSTONE}/users`, { user: { name: u.name, password: u.password, domain_id: 'default', default_project_id: demo.id } })).user as Id;
  const [demoUser, readerUser] = await Promise.all([user(who.users.demo), user(who.users.reader)]);
  const grant = (p: Id, u: Id, r: Id) => call(admin, 'PUT', `${KEYSTONE}/projects/${p.id}/users/${u.id}/roles/${r.id}`);
  await Promise.all([
    grant(demo, demoUser, member!),
    grant(alt, demoUser, member!),
    grant(demo, readerUser, reader!),
    grant(demo, adminUser!, adminRole!),
    call(admin, 'PUT', `${NOVA}/os-quota-sets/${alt.id}`, { quota_set: ALT_QUOTA }),
  ]);
  return who;
}
