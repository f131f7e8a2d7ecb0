// Advance screening of flight manifests: a passenger list (JSON or CSV, up to 100,000 rows) is
// screened in the background against the in-memory index, in slices that give the event loop
// back between them (counters keep their latency); progress and the hits are stored as it goes.
// The job runs in the app instance that received the manifest; a manifest left `running` by a
// stopped instance is marked failed when the next one starts (see `failAbandonedManifests`).
import { randomUUID } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import { screeningManifestHits, screeningManifests, screeningWatchlists, units } from '../../db/schema.js';
import { auditedTransaction, writeAudit, type Origin } from '../../platform/audit.js';
import type { Executor } from '../../platform/db.js';
import { notFound, unprocessable } from '../../platform/errors.js';
import type { Deps } from '../../platform/http.js';
import { assertCan, type UserActor } from '../../platform/policy.js';
import { parseCsv } from '../../platform/tabular.js';
import { resolvePost } from './service.js';
import { screeningIndex } from './watchlist-index.js';

export const MANIFEST_MAX_ROWS = 100_000;
const SLICE = 2_000;
/**
 * Names scored in full per passenger after blocking (the counter uses the matcher's default,
 * 120). At the alert level the matcher first drops every name that cannot reach the threshold,
 * so few remain; advance screening of a whole flight keeps the best 20 of them per passenger and
 * trades a little recall on very common names for speed. Every passenger is screened again at
 * the counter.
 */
const MANIFEST_CANDIDATES = 20;
/** Passengers per message to a matcher worker: a counter's check waits behind at most one such slice (~10 ms). */
const WORKER_SLICE = 10;

export interface Passenger {
  name: string;
  dateOfBirth?: string | undefined;
  nationality?: string | undefined;
  documentNumber?: string | undefined;
  sex?: 'M' | 'F' | undefined;
}

const DETAIL = (id: string) => ({ table: 'screening_manifest_hits', column: 'detail', id });

/** CSV with a header row: name, date_of_birth, nationality, document_number, sex. */
export function passengersFromCsv(text: string): Passenger[] {
  const [head, ...rows] = parseCsv(text);
  if (!head) return [];
  const cols = head.map((h) => h.trim().toLowerCase().replace(/[\s-]+/g, '_'));
  const at = (name: string) => cols.indexOf(name);
  const [n, d, nat, doc, sex] = [at('name'), at('date_of_birth'), at('nationality'), at('document_number'), at('sex')];
  if (n < 0) throw unprocessable('The CSV needs a header row with at least a "name" column (and date_of_birth, nationality, document_number, sex).');
  return rows.map((r) => {
    const s = sex >= 0 ? r[sex]?.trim().toUpperCase() : undefined;
    return {
      name: r[n]?.trim() ?? '',
      ...(d >= 0 && r[d]?.trim() ? { dateOfBirth: r[d]!.trim() } : {}),
      ...(nat >= 0 && r[nat]?.trim() ? { nationality: r[nat]!.trim() } : {}),
      ...(doc >= 0 && r[doc]?.trim() ? { documentNumber: r[doc]!.trim() } : {}),
      ...(s === 'M' || s === 'F' ? { sex: s } : {}),
    };
  });
}

/** Accepts the manifest and starts screening it; answers at once with its id. */
export async function submitManifest(deps: Deps, actor: UserActor, input: { flight?: string | undefined; passengers?: Passenger[] | undefined; csv?: string | undefined }, origin: Origin, opts: { wait?: boolean } = {}) {
  // A manifest belongs to the post (so every counter of the post sees it), or to the actor's unit.
  const owner = await resolvePost(deps.db, actor).then(
    ({ post }) => ({ id: post.id, path: post.path }),
    () => ({ id: actor.unitId, path: actor.unitPath }),
  );
  assertCan(actor, 'screening.manifest', owner);
  const passengers = input.passengers ?? (input.csv !== undefined ? passengersFromCsv(input.csv) : []);
  if (passengers.length === 0) throw unprocessable('The manifest has no passengers.', { field: 'passengers' });
  if (passengers.length > MANIFEST_MAX_ROWS) throw unprocessable(`A manifest takes at most ${MANIFEST_MAX_ROWS.toLocaleString('en')} passengers; this one has ${passengers.length.toLocaleString('en')}.`);
  const nameless = passengers.findIndex((p) => !p.name || !p.name.trim());
  if (nameless >= 0) throw unprocessable(`Passenger on row ${nameless + 1} has no name.`, { row: nameless + 1 });
  const id = randomUUID();
  await auditedTransaction(deps.db, async (tx) => {
    await tx.insert(screeningManifests).values({ id, unitId: owner.id, createdBy: actor.userId, flight: input.flight ?? null, status: 'queued', total: passengers.length });
    await writeAudit(tx, actor, origin, { action: 'screening.manifest', recordType: 'screening-manifest', recordId: id, details: { flight: input.flight ?? null, passengers: passengers.length } });
  });
  const job = runManifest(deps, id, passengers).catch(async (err: unknown) => {
    await deps.db
      .update(screeningManifests)
      .set({ status: 'failed', error: err instanceof Error ? err.message.slice(0, 300) : 'failed', finishedAt: new Date() })
      .where(eq(screeningManifests.id, id))
      .catch(() => undefined);
  });
  if (opts.wait) await job;
  return { id, status: 'queued' as const, total: passengers.length };
}

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

async function runManifest(deps: Deps, id: string, passengers: Passenger[]): Promise<void> {
  const index = await screeningIndex(deps);
  await deps.db.update(screeningManifests).set({ status: 'running' }).where(eq(screeningManifests.id, id));
  const todayIso = new Date().toISOString().slice(0, 10);
  let hitCount = 0;
  for (let start = 0; start < passengers.length; start += SLICE) {
    const slice = passengers.slice(start, start + SLICE);
    const rows: Array<typeof screeningManifestHits.$inferInsert> = [];
    const found = await index.screenMany(
      slice.map((p) => ({ name: p.name, dob: p.dateOfBirth, nationality: p.nationality, sex: p.sex, documentNumber: p.documentNumber })),
      todayIso,
      { candidates: MANIFEST_CANDIDATES, slice: WORKER_SLICE, lane: 'bulk' },
    );
    slice.forEach((p, i) => {
      for (const h of found[i] ?? []) {
        const hid = randomUUID();
        rows.push({
          id: hid,
          manifestId: id,
          row: start + i + 1,
          entryId: h.entryId,
          watchlistId: h.list.id,
          scorePermille: Math.round(h.score * 1000),
          matchedBy: h.matchedBy,
          detail: deps.cipher.encrypt(JSON.stringify({ passenger: p, explanation: h.explanation, alert: h.alert }), DETAIL(hid)),
        });
      }
    });
    hitCount += rows.length;
    const done = Math.min(start + SLICE, passengers.length);
    await deps.db.transaction(async (tx) => {
      for (let i = 0; i < rows.length; i += 500) await tx.insert(screeningManifestHits).values(rows.slice(i, i + 500));
      await tx
        .update(screeningManifests)
        .set({ done, hitCount, ...(done === passengers.length ? { status: 'done', finishedAt: new Date() } : {}) })
        .where(eq(screeningManifests.id, id));
    });
    await yieldToLoop();
  }
}

/** A manifest's progress and its hits (passenger details decrypted: audited). */
export async function getManifest(deps: Deps, actor: UserActor, id: string, origin: Origin) {
  const [m] = await deps.db.select({ m: screeningManifests, path: units.path }).from(screeningManifests).innerJoin(units, eq(units.id, screeningManifests.unitId)).where(eq(screeningManifests.id, id));
  if (!m) throw notFound('manifest');
  assertCan(actor, 'screening.manifest', { id: m.m.unitId, path: m.path }, { type: 'screening-manifest', id });
  const hits = await deps.db
    .select({ h: screeningManifestHits, listName: screeningWatchlists.name, kind: screeningWatchlists.kind, instruction: screeningWatchlists.instruction })
    .from(screeningManifestHits)
    .innerJoin(screeningWatchlists, eq(screeningWatchlists.id, screeningManifestHits.watchlistId))
    .where(eq(screeningManifestHits.manifestId, id))
    .orderBy(asc(screeningManifestHits.row))
    .limit(5000);
  if (hits.length) await auditedTransaction(deps.db, (tx) => writeAudit(tx, actor, origin, { action: 'screening.readManifest', recordType: 'screening-manifest', recordId: id, fields: ['passenger'], details: { hits: hits.length } }));
  return {
    id,
    flight: m.m.flight,
    status: m.m.status,
    total: m.m.total,
    done: m.m.done,
    hitCount: m.m.hitCount,
    error: m.m.error,
    createdAt: m.m.createdAt,
    finishedAt: m.m.finishedAt,
    hits: hits.map(({ h, listName, kind, instruction }) => {
      const d = JSON.parse(deps.cipher.decrypt(h.detail, DETAIL(h.id))) as { passenger: Passenger; explanation: unknown; alert: boolean };
      return { row: h.row, passenger: d.passenger, entryId: h.entryId, list: { id: h.watchlistId, name: listName, kind, instruction }, score: h.scorePermille / 1000, alert: d.alert, matchedBy: h.matchedBy, explanation: d.explanation };
    }),
  };
}

/** On start: manifests a stopped instance left running are marked failed (resubmit them). */
export async function failAbandonedManifests(db: Executor): Promise<void> {
  await db
    .update(screeningManifests)
    .set({ status: 'failed', error: 'The server stopped while this manifest was being screened; submit it again.', finishedAt: new Date() })
    .where(and(sql`${screeningManifests.status} IN ('queued', 'running')`, sql`${screeningManifests.createdAt} < now() - interval '10 minutes'`));
}
