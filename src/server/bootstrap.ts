// Opens what the server, the administration command and the tests share: configuration,
// database (migrated), field cipher.
import { loadConfig, type Config } from './platform/config.js';
import { loadFieldCipher } from './platform/crypto.js';
import { openDatabase, type Database } from './platform/db.js';
import type { Deps } from './platform/http.js';
import { VERSION } from './version.js';

export interface Opened {
  deps: Deps;
  database: Database;
}

export async function open(config: Config = loadConfig()): Promise<Opened> {
  const cipher = loadFieldCipher({ fieldKeys: config.fieldKeys, blindIndexKey: config.blindIndexKey, dataDir: config.dataDir, production: config.production });
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  return { database, deps: { db: database.db, dbKind: database.kind, cipher, config, version: VERSION } };
}
