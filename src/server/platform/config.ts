// Configuration read once from the environment. Nothing else reads process.env.
import os from 'node:os';
import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  production: boolean;
  /** Cookies get the Secure flag (behind HTTPS). */
  secureCookies: boolean;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  /** Field-encryption keys from the environment: "id:base64key,id:base64key" (last = current). */
  fieldKeys: string | undefined;
  blindIndexKey: string | undefined;
  logLevel: string;
  webDir: string;
  trustProxy: boolean;
  /** Sign-in attempts allowed per client address per minute. */
  loginPerMinute: number;
  /** Requests per client address per minute on the whole API. */
  apiPerMinute: number;
  /** Worker threads holding a replica of the screening name index (0: in the main thread). */
  matchWorkers: number;
}

function int(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive whole number, got "${value}"`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  return {
    port: int(env.PORT, 8080, 'PORT'),
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    production,
    secureCookies: env.SECURE_COOKIES ? env.SECURE_COOKIES === 'true' : production,
    sessionIdleMinutes: int(env.SESSION_IDLE_MINUTES, 30, 'SESSION_IDLE_MINUTES'),
    sessionAbsoluteHours: int(env.SESSION_ABSOLUTE_HOURS, 12, 'SESSION_ABSOLUTE_HOURS'),
    fieldKeys: env.HIFAZAT_FIELD_KEYS || undefined,
    blindIndexKey: env.HIFAZAT_BLIND_INDEX_KEY || undefined,
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    webDir: path.resolve(env.WEB_DIR ?? './dist/web'),
    trustProxy: env.TRUST_PROXY === 'true',
    loginPerMinute: int(env.LOGIN_RATE_LIMIT, 20, 'LOGIN_RATE_LIMIT'),
    apiPerMinute: int(env.API_RATE_LIMIT, 1200, 'API_RATE_LIMIT'),
    matchWorkers: env.HIFAZAT_MATCH_WORKERS === '0' ? 0 : int(env.HIFAZAT_MATCH_WORKERS, env.NODE_ENV === 'test' ? 0 : Math.min(4, Math.max(1, os.availableParallelism())), 'HIFAZAT_MATCH_WORKERS'),
  };
}
