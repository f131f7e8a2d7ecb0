// Opens what the server, the administration command and the tests share: configuration,
// database (migrated), field cipher, and the in-memory indexes built from the database.
import { RegistryIndex } from './modules/persons/registry-index.js';
import { loadConfig, type Config } from './platform/config.js';
import { loadFieldCipher, type FieldCipher } from './platform/crypto.js';
import { openDatabase, type Database } from './platform/db.js';
import type { Deps } from './platform/http.js';
import { VERSION } from './version.js';

export interface Opened {
  deps: Deps;
  database: Database;
}

/** Deps over an open database: builds the indexes the services keep in memory. */
export async function createDeps(database: Database, cipher: FieldCipher, config: Config, version = VERSION): Promise<Deps> {
  const registry = new RegistryIndex();
  await registry.load(database.db, cipher);
  return { db: database.db, dbKind: database.kind, cipher, config, version, registry };
}

export async function open(config: Config = loadConfig()): Promise<Opened> {
  const cipher = loadFieldCipher({ fieldKeys: config.fieldKeys, blindIndexKey: config.blindIndexKey, dataDir: config.dataDir, production: config.production });
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  return { database, deps: await createDeps(database, cipher, config) };
}
