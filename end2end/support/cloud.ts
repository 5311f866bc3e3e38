/**
 * Plain calls to the test cloud's APIs, for the run's set-up and tear-down (outside any test).
 * The specs use the same through helpers.ts.
 */

export const KEYSTONE = process.env.MERIDIAN_AUTH_URL ?? 'http://127.0.0.1:5000/v3';
export const NOVA = 'http://127.0.0.1:8774/v2.1';
export const NEUTRON = 'http://127.0.0.1:9696/v2.0';
export const GLANCE = 'http://127.0.0.1:9292';
export const cinderUrl = (projectId: string) => `http://127.0.0.1:8776/v3/${projectId}`;

/** The compute microversion Meridian speaks (src/openstack/compute.rs). */
export const NOVA_MICROVERSION = '2.79';

/**
 * fetch, sent once more when it fails without an answer: the services close idle keep-alive
 * connections, and a call can race that close. Only for calls that may safely be repeated.
 */
export async function fetchAgain(url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch {
    return await fetch(url, init);
  }
}

/** A token for `user` scoped to `project` (both in domain Default), straight from Keystone. */
export async function passwordToken(user: string, password: string, project: string): Promise<string> {
  // A token request may be sent twice: the second leaves at most one unused token.
  const res = await fetchAgain(`${KEYSTONE}/auth/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      auth: {
        identity: { methods: ['password'], password: { user: { name: user, domain: { name: 'Default' }, password } } },
        scope: { project: { name: project, domain: { name: 'Default' } } },
      },
    }),
  });
  if (res.status !== 201) throw new Error(`token for ${user} in ${project}: ${res.status} ${await res.text()}`);
  return res.headers.get('x-subject-token')!;
}

/** One OpenStack API call with a token; throws with the body on an error status. */
export async function call(token: string, method: string, url: string, body?: unknown) {
  const send = () =>
    fetch(url, {
      method,
      headers: {
        'X-Auth-Token': token,
        'Content-Type': 'application/json',
        // Only Nova gets a microversion: Cinder refuses a header naming another service.
        ...(url.startsWith(NOVA) ? { 'OpenStack-API-Version': `compute ${NOVA_MICROVERSION}` } : {}),
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
