// Global setup for the browser journeys: checks the built web app and the browser, starts the
// real server (`tsx src/server/main.ts`) on a free port with a fresh data folder (it seeds the
// demo accounts there), waits for /api/health, provides the base URL, and stops it afterwards.
// HIFAZAT_E2E_BASE_URL=http://… runs the journeys against a server that is already running.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { BROWSER_PATH } from './constants';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

const root = path.resolve(import.meta.dirname, '../..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, log: () => string, timeoutMs = 240_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited with code ${child.exitCode} before it was ready:\n${log()}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`The server did not answer ${url}/api/health within ${timeoutMs / 1000} s:\n${log()}`);
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const hasBrowser = fs.existsSync(BROWSER_PATH);
  if (!hasBrowser) {
    if (process.env.HIFAZAT_REQUIRE_BROWSER === '1') throw new Error(`${BROWSER_PATH} is required for the browser journeys (apt-get install -y chromium).`);
    console.warn(`\nNOTICE: ${BROWSER_PATH} not found, so the browser journeys are skipped (apt-get install -y chromium).\n`);
    project.provide('baseUrl', '');
    return undefined;
  }

  const external = process.env.HIFAZAT_E2E_BASE_URL;
  if (external) {
    project.provide('baseUrl', external.replace(/\/$/, ''));
    return undefined;
  }

  if (!fs.existsSync(path.join(root, 'dist/web/index.html'))) {
    throw new Error('dist/web/index.html is missing: build the web app first (npx vite build), then run the journeys.');
  }

  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hifazat-e2e-'));
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = '';
  const child = spawn('npx', ['tsx', 'src/server/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'development', SEED_DEMO: 'true', LOGIN_RATE_LIMIT: '100', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      const exited = new Promise((r) => child.once('exit', r));
      try {
        process.kill(-child.pid, 'SIGTERM'); // the whole group: npx and the tsx child
      } catch {
        // already gone
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForHealth(baseUrl, child, () => output);
    const index = await fetch(`${baseUrl}/`);
    const html = await index.text();
    if (!html.includes('id="root"')) throw new Error(`The server does not serve the web app at /: ${index.status} ${html.slice(0, 200)}`);
  } catch (e) {
    await stop();
    throw e;
  }
  project.provide('baseUrl', baseUrl);
  return stop;
}
