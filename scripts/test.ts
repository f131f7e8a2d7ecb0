// `npm test`: the whole suite.
//  1. unit and service tests on embedded PGlite;
//  2. the same suite against a throwaway PostgreSQL server (when its binaries are installed);
//  3. the browser journeys in Debian's Chromium against the built web app.
// CI sets HIFAZAT_REQUIRE_POSTGRES=1 and HIFAZAT_REQUIRE_BROWSER=1 so that nothing is skipped.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { findPostgresBin, startCluster } from './pg-cluster.js';

const run = (cmd: string, args: string[], env: NodeJS.ProcessEnv = {}) => {
  console.log(`\n$ ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

const only = process.argv[2]; // optional: unit | pg | e2e

if (!only || only === 'unit') run('npx', ['vitest', 'run'], { TEST_DATABASE_URL: '' });

if (!only || only === 'pg') {
  if (findPostgresBin()) {
    const cluster = await startCluster();
    console.log(`\nPostgreSQL test server at ${cluster.url}`);
    try {
      run('npx', ['vitest', 'run', 'src/server'], { TEST_DATABASE_URL: cluster.url });
    } finally {
      cluster.stop();
    }
  } else if (process.env.HIFAZAT_REQUIRE_POSTGRES === '1') {
    console.error('PostgreSQL server binaries are required (apt-get install -y postgresql)');
    process.exit(1);
  } else {
    console.warn('\nNOTICE: PostgreSQL server binaries not found, so the suite did not run against PostgreSQL (apt-get install -y postgresql).');
  }
}

if (!only || only === 'e2e') {
  if (fs.existsSync('/usr/bin/chromium') || process.env.HIFAZAT_REQUIRE_BROWSER === '1') {
    run('npx', ['vite', 'build', '--logLevel', 'warn']);
    run('npx', ['vitest', 'run', '-c', 'vitest.e2e.config.ts']);
  } else {
    console.warn('\nNOTICE: /usr/bin/chromium not found, so the browser journeys did not run (apt-get install -y chromium).');
  }
}
