// The administration command. Run it against the same DATA_DIR or DATABASE_URL as the server,
// while the server is stopped (PGlite allows one process at a time).
//   npm run --silent admin -- list-units
//   npm run --silent admin -- create-user --username U --role ROLE [--role ROLE2] --unit CODE [--name "Display Name"]   (password on stdin)
//   npm run --silent admin -- create-token --username U [--name NAME] [--days N]   (prints the token alone)
//   npm run --silent admin -- rotate-keys        re-encrypts every protected field under the newest key
//   npm run seed -- --scale N                    demo data
//   npm run audit:verify                         checks the audit chain
import { parseArgs } from 'node:util';
import { isRole, ROLES, type Role } from '../domain/roles.js';
import { open } from './bootstrap.js';
import { createUser, findUnitByCode, findUserIdByUsername, listUnits } from './modules/admin/service.js';
import { issueToken } from './modules/auth/service.js';
import { verifyAuditChain, writeAudit } from './platform/audit.js';
import { addKeyToFile } from './platform/crypto.js';
import { rotateFieldKeys } from './platform/rotation.js';
import { AppError } from './platform/errors.js';
import { ensureReferenceData, seedDemo } from './seed/index.js';

class UsageError extends Error {}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Password: ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      username: { type: 'string' },
      role: { type: 'string', multiple: true },
      unit: { type: 'string' },
      name: { type: 'string' },
      days: { type: 'string' },
      scale: { type: 'string' },
    },
    strict: true,
  });
  if (!command || command === 'help' || command === '--help') {
    console.log('commands: list-units | create-user --username U --role ROLE --unit CODE [--name N] | create-token --username U [--name N] [--days D] | rotate-keys | seed [--scale N] | verify-audit');
    return command ? 0 : 2;
  }
  const { deps, database } = await open();
  try {
    await ensureReferenceData(deps);
    switch (command) {
      case 'list-units': {
        for (const u of await listUnits(deps)) {
          const depth = u.path.split('/').length - 3;
          console.log(`${u.code.padEnd(16)} ${u.kind.padEnd(17)} ${'  '.repeat(depth)}${u.name}`);
        }
        return 0;
      }
      case 'create-user': {
        if (!values.username || !values.unit || !values.role?.length) throw new UsageError('create-user needs --username, --unit and at least one --role');
        const bad = values.role.filter((r) => !isRole(r));
        if (bad.length) throw new UsageError(`unknown role ${bad.join(', ')}; roles are: ${ROLES.join(', ')}`);
        const unit = await findUnitByCode(deps.db, values.unit);
        if (!unit) throw new UsageError(`no unit with code ${values.unit}; see list-units`);
        const password = await readStdin();
        const user = await createUser(deps, { kind: 'system', name: 'cli' }, { username: values.username, displayName: values.name ?? values.username, unitId: unit.id, roles: values.role as Role[], password });
        console.error(`created ${user.username} in ${unit.name} as ${user.roles.join(', ')}${user.totpRequired ? ' (two-factor set-up required at first sign-in)' : ''}`);
        return 0;
      }
      case 'create-token': {
        if (!values.username) throw new UsageError('create-token needs --username');
        const userId = await findUserIdByUsername(deps.db, values.username);
        if (!userId) throw new UsageError(`no user ${values.username}`);
        const days = values.days ? Number(values.days) : undefined;
        if (days !== undefined && !(Number.isInteger(days) && days > 0)) throw new UsageError('--days must be a whole number of days');
        const { token } = await issueToken(deps, null, userId, { name: values.name ?? 'created by the administration command', expiresInDays: days }, {});
        console.log(token);
        return 0;
      }
      case 'rotate-keys': {
        if (deps.config.fieldKeys) throw new UsageError('keys come from HIFAZAT_FIELD_KEYS: append the new key there (last is current), restart, then run rotate-keys');
        const keyId = addKeyToFile(deps.config.dataDir);
        const reopened = await open();
        try {
          const n = await rotateFieldKeys(reopened.deps);
          await reopened.deps.db.transaction((tx) => writeAudit(tx, { kind: 'system', name: 'cli' }, {}, { action: 'keys.rotate', details: { keyId, reencrypted: n } }));
          console.error(`new key ${keyId}; re-encrypted ${n} values`);
        } finally {
          await reopened.database.close();
        }
        return 0;
      }
      case 'seed': {
        const scale = values.scale ? Number(values.scale) : 1;
        if (!Number.isInteger(scale) || scale < 0 || scale > 1000) throw new UsageError('--scale must be a whole number from 0 to 1000');
        const r = await seedDemo(deps, { scale });
        console.error(`seeded ${r.users} users and ${r.persons} persons and ${r.cases} cases (the unit tree is reference data)`);
        return 0;
      }
      case 'verify-audit': {
        const r = await verifyAuditChain(deps.db);
        if (r.ok) console.log(`audit chain intact: ${r.checked} events`);
        else console.log(`audit chain BROKEN at event ${r.brokenAt!.seq}: ${r.brokenAt!.reason} (${r.checked} events before it are intact)`);
        return r.ok ? 0 : 1;
      }
      default:
        throw new UsageError(`unknown command ${command}`);
    }
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof UsageError || err instanceof AppError) console.error(`error: ${err.message}`);
    else if (err instanceof Error && /ERR_PARSE_ARGS/.test((err as { code?: string }).code ?? '')) console.error(`error: ${err.message}`);
    else console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  },
);
