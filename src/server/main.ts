// Starts Hifazat: migrate, reference data, demo data on a brand-new embedded install, serve.
import { buildApp } from './app.js';
import { open } from './bootstrap.js';
import { refreshCaseSummaries } from './modules/cases/monitoring.js';
import { alertOverdueDeadlines } from './modules/cases/service.js';
import { purgeSpentChallenges } from './modules/helpline/pow.js';
import { helplineReminders } from './modules/helpline/service.js';
import { purgeExpiredSessions } from './platform/auth.js';
import { scheduleCaseFeed } from './modules/screening/service.js';
import { loadConfig } from './platform/config.js';
import { startJobs } from './platform/jobs.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, ensureReferenceData, hasDemoAccounts, seedDemo } from './seed/index.js';

const config = loadConfig();
const { deps, database } = await open(config);
const wantDemo = process.env.SEED_DEMO === 'true' || (database.fresh && database.kind === 'pglite' && process.env.SEED_DEMO !== 'false');
if (wantDemo) {
  const r = await seedDemo(deps, { scale: Number(process.env.SEED_SCALE ?? 1) });
  console.log(`Demo data created: ${r.units} units, ${r.users} users, ${r.persons} persons, ${r.cases} cases.`);
} else {
  await ensureReferenceData(deps);
}

const app = await buildApp(deps);
const stopJobs = startJobs(
  deps,
  [
    { name: 'overdue deadlines', everyMs: 5 * 60_000, run: (_d, tx) => alertOverdueDeadlines(tx) },
    { name: 'dashboard summaries', everyMs: 5 * 60_000, run: (_d, tx) => refreshCaseSummaries(tx) },
    { name: 'helpline reminders', everyMs: 60_000, run: (_d, tx) => helplineReminders(tx).then(() => purgeSpentChallenges(tx)) },
    { name: 'screening case feed', everyMs: 60_000, run: (d) => scheduleCaseFeed(d, (msg, err) => app.log.error({ err }, msg)) },
    { name: 'expired sessions', everyMs: 15 * 60_000, run: (d, tx) => purgeExpiredSessions(tx, { idleMinutes: d.config.sessionIdleMinutes, absoluteHours: d.config.sessionAbsoluteHours }) },
  ],
  (msg, err) => app.log.error({ err }, msg),
);
const shutdown = async () => {
  stopJobs();
  await app.close();
  await database.close();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());

await app.listen({ port: config.port, host: config.host });
const url = `http://localhost:${config.port}`;
console.log(`\nHifazat ${deps.version} is serving on ${url} (database: ${database.kind}${database.kind === 'pglite' ? `, data in ${config.dataDir}` : ''})`);
if (await hasDemoAccounts(deps)) {
  console.log(`\nDemo accounts (password for all: ${DEMO_PASSWORD}):`);
  for (const a of DEMO_ACCOUNTS) console.log(`  ${a.username.padEnd(24)} ${a.roles.join(', ').padEnd(26)} ${a.unit}`);
  console.log('Roles that can see victim identity, and administrators, set up two-factor sign-in at first sign-in.\n');
}
