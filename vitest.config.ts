import { defineConfig } from 'vitest/config';

// One runner for the whole monorepo. Server and driver tests open real sockets, SQLite files,
// pseudo-terminals and browsers, so files run in separate forks and get generous timeouts.
export default defineConfig({
  test: {
    include: ['{protocol,config,drivers,server,centre,kiosk-ui,counter-ui,display-ui}/{src,test}/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    pool: 'forks',
    globalSetup: ['test/global-setup.ts', 'centre/test/global-postgres.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
