import { defineConfig } from '@playwright/test';
import { WORKERS } from './support/workers';

// Meridian is started by scripts/test (against the real test cloud) before Playwright runs.
//
// Two projects, run one after the other by scripts/test: `parallel` runs every test not
// tagged @serial on WORKERS workers, each worker with its own Keystone users and projects
// (global-setup.ts); `serial` then runs, alone, the tests that change what every worker shares
// (the external network, a stopped service, the count of all sessions).
const SERIAL = /@serial/;

export default defineConfig({
  testDir: './tests',
  workers: WORKERS,
  fullyParallel: false,
  // A focused test left in a commit would make CI run it alone and call that a pass.
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  globalSetup: './global-setup.ts',
  globalTeardown: './global-teardown.ts',
  // scripts/test names the JSON file of each project's run (PLAYWRIGHT_JSON_OUTPUT_FILE).
  reporter: [['list'], ['json', { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_FILE ?? 'test-results/results.json' }]],
  use: {
    baseURL: process.env.MERIDIAN_URL ?? 'http://127.0.0.1:3000',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    { name: 'parallel', grepInvert: SERIAL },
    { name: 'serial', grep: SERIAL },
  ],
});
