// After the browser suite: the workers' users and projects go, with all they hold.
import { slots } from './support/workers';
import { removeIdentity } from './support/identities';

export default async function globalTeardown() {
  const failures = (await Promise.all(slots().map(removeIdentity))).flat();
  // A leftover is reported, not fatal: the next run's set-up removes it before starting.
  if (failures.length) console.warn(`[teardown] not removed:\n  ${failures.join('\n  ')}`);
}
