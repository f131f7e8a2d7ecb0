// Browser journeys: `npx vite build && npx vitest run -c vitest.e2e.config.ts`.
// The global setup starts the real server on a fresh data folder; the files run one after the
// other because later journeys see what earlier ones did (the auditor sees the admin's work).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 300_000,
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
    sequence: { shuffle: false },
  },
});
