// Before the browser suite: each worker's own users and projects (support/workers.ts).
import { WORKERS, slots } from './support/workers';
import { makeIdentity } from './support/identities';

export default async function globalSetup() {
  const started = Date.now();
  await Promise.all(slots().map(makeIdentity));
  console.log(`[setup] ${WORKERS} worker identities ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
