/**
 * The identities each Playwright worker works as. Specs running side by side must not see one
 * another's servers, networks, key pairs or tokens, so every worker slot has its own member
 * user, reader user and two projects, made before the run (global-setup.ts) and removed, with
 * everything left in them, after it (global-teardown.ts).
 *
 * Slot `n` is Playwright's TEST_PARALLEL_INDEX: 0 … workers-1, stable for a worker's life.
 */

/** How many workers the browser suite runs with (playwright.config.ts reads the same). */
export const WORKERS = Math.max(1, Number(process.env.MERIDIAN_E2E_WORKERS ?? 3));

/**
 * The first slot this run's workers take: two runs of the suite against one cloud at once (a
 * developer trying one spec while another runs) each take their own range of slots.
 */
export const FIRST_SLOT = Math.max(0, Number(process.env.MERIDIAN_E2E_FIRST_SLOT ?? 0));

/** The slots of this run's workers. */
export const slots = () => Array.from({ length: WORKERS }, (_, i) => FIRST_SLOT + i);

export interface Identity {
  /** The member's project, and its own second project (the project switcher). */
  projects: { demo: string; alt: string };
  users: {
    demo: { name: string; password: string };
    reader: { name: string; password: string };
  };
}

export function identityOf(slot: number): Identity {
  return {
    projects: { demo: `demo-w${slot}`, alt: `alt-w${slot}` },
    users: {
      demo: { name: `demo-w${slot}`, password: 'demo' },
      reader: { name: `reader-w${slot}`, password: 'reader' },
    },
  };
}

/** Instances and cores the `alt` projects may use: small, so the overview's charts differ. */
export const ALT_QUOTA = { instances: 5, cores: 8 };
