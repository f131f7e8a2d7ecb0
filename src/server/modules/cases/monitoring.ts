// The Coordination & Monitoring Cell's view of the cases: the dashboard, the overdue and
// proclaimed-offender lists, adjournments per court and the monthly review worksheet. Every
// number is an aggregate computed in SQL over the register's own filters and scope
// (`registerConditions` → `caseScope`), so a supervisor counts only their own subtree.
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { and, sql, type SQL } from 'drizzle-orm';
import { CASE_STAGES } from '../../../domain/taxonomies.js';
import { cases, units } from '../../db/schema.js';
import { writeAudit, type Origin } from '../../platform/audit.js';
import { queryRows, type Executor } from '../../platform/db.js';
import type { Deps } from '../../platform/http.js';
import { assertCan, nationalCaseView, type UserActor } from '../../platform/policy.js';
import { getPersonsForCase } from '../persons/service.js';
import { registerConditions, today, type RegisterQuery } from './service.js';

export type MonitoringFilters = Omit<RegisterQuery, 'page' | 'pageSize' | 'sort' | 'mine'>;

export const AGE_BUCKETS = ['0-30', '31-90', '91-180', '181-365', '>365'] as const;

/** The filtered, scoped cases as a FROM clause (cases joined to their ATU). */
function scoped(actor: UserActor, f: MonitoringFilters): SQL {
  return sql`FROM ${cases} JOIN ${units} ON ${units.id} = ${cases.unitId} WHERE ${and(...registerConditions(actor, f))}`;
}

const TODAY = sql`to_char(current_date, 'YYYY-MM-DD')`;

const rate = (convicted: number, acquitted: number, discharged: number): number | null => {
  const decided = convicted + acquitted + discharged;
  return decided === 0 ? null : Math.round((convicted / decided) * 1000) / 1000;
};

function lastMonths(n: number, until = today()): string[] {
  const y = Number(until.slice(0, 4));
  const m = Number(until.slice(5, 7)) - 1;
  return Array.from({ length: n }, (_, i) => {
    const d = new Date(Date.UTC(y, m - (n - 1 - i), 1));
    return d.toISOString().slice(0, 7);
  });
}

interface Outcomes {
  convicted: number;
  acquitted: number;
  discharged: number;
}

// ---- summaries for a national register --------------------------------------------------------

/** Materialised summaries (migration 0008) the dashboard reads when the register is large. */
const SUMMARY_VIEWS = ['case_summary_stage', 'case_summary_month', 'case_summary_court', 'case_summary_judgment', 'case_summary_adjourned', 'case_summary_overdue'];

/** Above this many cases (the planner's estimate) the dashboard reads the summaries, not the register. */
export const SUMMARY_THRESHOLD = 100_000;

/** Rebuilds the dashboard summaries (a scheduled job; CONCURRENTLY, so readers are never blocked). */
export async function refreshCaseSummaries(db: Executor): Promise<void> {
  for (const view of SUMMARY_VIEWS) await db.execute(sql`REFRESH MATERIALIZED VIEW CONCURRENTLY ${sql.identifier(view)}`);
  await db.execute(sql`UPDATE case_summary_meta SET refreshed_at = now() WHERE id = 1`);
}

async function registerIsLarge(db: Executor): Promise<boolean> {
  const [row] = await queryRows<{ n: number }>(db, sql`SELECT reltuples::float8 AS n FROM pg_class WHERE relname = 'cases'`);
  return (row?.n ?? 0) > SUMMARY_THRESHOLD;
}

/** The summaries carry ATU, stage, statute and category; other filters need the register itself. */
const summarisable = (f: MonitoringFilters) => !f.offence && !f.q && !f.overdue && !f.minAgeDays;

/** Scope and filters over a summary's unit_id/stage/statute/category (cases owned in scope). */
function summaryWhere(actor: UserActor, f: MonitoringFilters, alias: string): SQL {
  const col = (c: string) => sql.raw(`${alias}.${c}`);
  const parts: SQL[] = [];
  if (!nationalCaseView(actor)) {
    parts.push(sql`${col('unit_id')} = ANY(ARRAY(SELECT id FROM units WHERE starts_with(path, ${actor.unitPath})))`);
  }
  if (f.unitId) parts.push(sql`${col('unit_id')} = ANY(ARRAY(SELECT u.id FROM units u WHERE starts_with(u.path, (SELECT path FROM units WHERE id = ${f.unitId}))))`);
  if (f.stage) parts.push(sql`${col('stage')} = ${f.stage}`);
  if (f.statute) parts.push(sql`${col('statute')} = ${f.statute}`);
  if (f.category) parts.push(sql`${col('category')} = ${f.category}`);
  return parts.length ? sql.join(parts, sql` AND `) : sql`true`;
}

type DashboardRows = Awaited<ReturnType<typeof liveRows>>;

async function summaryRows(deps: Deps, actor: UserActor, f: MonitoringFilters, sinceMonth: string) {
  const w = (a: string) => summaryWhere(actor, f, a);
  const outcome = (o: string) => sql.raw(`coalesce(sum(n) FILTER (WHERE outcome = '${o}'), 0)::int AS ${o}`);
  const [ageing, byAtu, byStatute, newCases, firs, judged, courts, mostAdjourned, overdue, meta] = await Promise.all([
    queryRows<{ stage: string; bucket: string; n: number }>(deps.db, sql`SELECT stage, bucket, sum(n)::int AS n FROM case_summary_stage s WHERE ${w('s')} GROUP BY stage, bucket`),
    queryRows<{ unitId: string; unitName: string; n: number; trafficking: number; smuggling: number; both: number; other: number }>(
      deps.db,
      sql`SELECT s.unit_id AS "unitId", u.name AS "unitName", sum(n)::int AS n,
            coalesce(sum(n) FILTER (WHERE s.category = 'trafficking'), 0)::int AS trafficking,
            coalesce(sum(n) FILTER (WHERE s.category = 'smuggling'), 0)::int AS smuggling,
            coalesce(sum(n) FILTER (WHERE s.category = 'both'), 0)::int AS both,
            coalesce(sum(n) FILTER (WHERE s.category = 'other'), 0)::int AS other
          FROM case_summary_stage s JOIN units u ON u.id = s.unit_id WHERE ${w('s')} GROUP BY s.unit_id, u.name ORDER BY u.name`,
    ),
    queryRows<{ statute: string; n: number }>(deps.db, sql`SELECT statute, sum(n)::int AS n FROM case_summary_stage s WHERE ${w('s')} GROUP BY statute ORDER BY statute`),
    queryRows<{ month: string; n: number }>(deps.db, sql`SELECT month, sum(n)::int AS n FROM case_summary_month s WHERE kind = 'received' AND month >= ${sinceMonth} AND ${w('s')} GROUP BY month`),
    queryRows<{ month: string; n: number }>(deps.db, sql`SELECT month, sum(n)::int AS n FROM case_summary_month s WHERE kind = 'fir' AND month >= ${sinceMonth} AND ${w('s')} GROUP BY month`),
    queryRows<{ gu: number; gc: number; unitId: string | null; court: string | null; statute: string | null } & Outcomes>(
      deps.db,
      sql`SELECT GROUPING(unit_id)::int AS gu, GROUPING(court)::int AS gc, unit_id AS "unitId", court, statute, ${outcome('convicted')}, ${outcome('acquitted')}, ${outcome('discharged')}
          FROM case_summary_judgment s WHERE ${w('s')} GROUP BY GROUPING SETS ((unit_id), (court), (statute))`,
    ),
    queryRows<{ court: string; hearings: number; adjourned: number }>(
      deps.db,
      sql`SELECT court, sum(hearings)::int AS hearings, sum(adjourned)::int AS adjourned FROM case_summary_court s WHERE ${w('s')} GROUP BY court ORDER BY adjourned DESC, court`,
    ),
    queryRows<{ caseId: string; ref: string; unitName: string; stage: string; court: string | null; adjournments: number }>(
      deps.db,
      sql`SELECT s.case_id AS "caseId", s.ref, u.name AS "unitName", s.stage, s.court, s.adjournments
          FROM case_summary_adjourned s JOIN units u ON u.id = s.unit_id WHERE ${w('s')} ORDER BY s.adjournments DESC, s.ref LIMIT 20`,
    ),
    queryRows<{ kind: string; n: number }>(deps.db, sql`SELECT kind, sum(n)::int AS n FROM case_summary_overdue s WHERE ${w('s')} GROUP BY kind ORDER BY kind`),
    queryRows<{ at: string }>(deps.db, sql`SELECT to_char(refreshed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS at FROM case_summary_meta WHERE id = 1`),
  ]);
  return { rows: { ageing, byAtu, byStatute, newCases, firs, judged, courts, mostAdjourned, overdue } satisfies DashboardRows, asOf: meta[0]?.at ?? today() };
}

// ---- the dashboard ---------------------------------------------------------------------------

/**
 * The dashboard. On a small register every number is computed live; on a national one (over
 * SUMMARY_THRESHOLD cases) with summarisable filters it reads the summaries, whose time is
 * given as `asOf`.
 */
export async function dashboard(deps: Deps, actor: UserActor, f: MonitoringFilters, source?: 'live' | 'summaries') {
  assertCan(actor, 'cases.monitor', null);
  const months = lastMonths(12);
  const since = `${months[0]}-01`;
  const fromSummaries = summarisable(f) && (source ? source === 'summaries' : await registerIsLarge(deps.db));
  const { rows, asOf } = fromSummaries ? await summaryRows(deps, actor, f, months[0]!) : { rows: await liveRows(deps, actor, f, since), asOf: today() };
  const { ageing, byAtu, byStatute, newCases, firs, judged, courts, mostAdjourned, overdue } = rows;
  return assemble({ ageing, byAtu, byStatute, newCases, firs, judged, courts, mostAdjourned, overdue }, months, asOf);
}

async function liveRows(deps: Deps, actor: UserActor, f: MonitoringFilters, since: string) {
  const from = scoped(actor, f);
  const outcomeCols = sql`count(*) FILTER (WHERE j.outcome = 'convicted')::int AS convicted,
    count(*) FILTER (WHERE j.outcome = 'acquitted')::int AS acquitted,
    count(*) FILTER (WHERE j.outcome = 'discharged')::int AS discharged`;
  // Independent aggregates, each a single GROUP BY that PostgreSQL can run with parallel
  // workers; on PostgreSQL they also run side by side on the pool's connections.
  const [ageing, byAtu, byStatute, newCases, firs, judged, courts, mostAdjourned, overdue] = await Promise.all([
    queryRows<{ stage: string; bucket: string; n: number }>(
      deps.db,
      sql`SELECT stage, bucket, count(*)::int AS n FROM (
            SELECT ${cases.stage} AS stage, CASE
              WHEN current_date - ${cases.stageSince}::date <= 30 THEN '0-30'
              WHEN current_date - ${cases.stageSince}::date <= 90 THEN '31-90'
              WHEN current_date - ${cases.stageSince}::date <= 180 THEN '91-180'
              WHEN current_date - ${cases.stageSince}::date <= 365 THEN '181-365'
              ELSE '>365' END AS bucket
            ${from}) x GROUP BY stage, bucket`,
    ),
    queryRows<{ unitId: string; unitName: string; n: number; trafficking: number; smuggling: number; both: number; other: number }>(
      deps.db,
      sql`SELECT ${cases.unitId} AS "unitId", ${units.name} AS "unitName", count(*)::int AS n,
            count(*) FILTER (WHERE ${cases.category} = 'trafficking')::int AS trafficking,
            count(*) FILTER (WHERE ${cases.category} = 'smuggling')::int AS smuggling,
            count(*) FILTER (WHERE ${cases.category} = 'both')::int AS both,
            count(*) FILTER (WHERE ${cases.category} = 'other')::int AS other
          ${from} GROUP BY ${cases.unitId}, ${units.name} ORDER BY ${units.name}`,
    ),
    queryRows<{ statute: string; n: number }>(deps.db, sql`SELECT ${cases.statute} AS statute, count(*)::int AS n ${from} GROUP BY ${cases.statute} ORDER BY ${cases.statute}`),
    queryRows<{ month: string; n: number }>(deps.db, sql`SELECT substr(${cases.receivedOn}, 1, 7) AS month, count(*)::int AS n ${from} AND ${cases.receivedOn} >= ${since} GROUP BY 1`),
    queryRows<{ month: string; n: number }>(deps.db, sql`SELECT substr(${cases.firDate}, 1, 7) AS month, count(*)::int AS n ${from} AND ${cases.firDate} >= ${since} GROUP BY 1`),
    queryRows<{ gu: number; gc: number; unitId: string | null; court: string | null; statute: string | null } & Outcomes>(
      deps.db,
      sql`SELECT GROUPING(${cases.unitId})::int AS gu, GROUPING(j.court)::int AS gc, ${cases.unitId} AS "unitId", j.court, ${cases.statute} AS statute, ${outcomeCols}
          FROM judgments j JOIN ${cases} ON ${cases.id} = j.case_id JOIN ${units} ON ${units.id} = ${cases.unitId}
          WHERE ${and(...registerConditions(actor, f))}
          GROUP BY GROUPING SETS ((${cases.unitId}), (j.court), (${cases.statute}))`,
    ),
    queryRows<{ court: string; hearings: number; adjourned: number }>(
      deps.db,
      sql`SELECT h.court, count(*)::int AS hearings, count(*) FILTER (WHERE h.adjourned)::int AS adjourned
          FROM hearings h JOIN ${cases} ON ${cases.id} = h.case_id JOIN ${units} ON ${units.id} = ${cases.unitId}
          WHERE ${and(...registerConditions(actor, f))} GROUP BY h.court ORDER BY adjourned DESC, h.court`,
    ),
    queryRows<{ caseId: string; ref: string; unitName: string; stage: string; court: string | null; adjournments: number }>(
      deps.db,
      sql`SELECT ${cases.id} AS "caseId", ${cases.ref} AS ref, ${units.name} AS "unitName", ${cases.stage} AS stage, ${cases.court} AS court, count(*)::int AS adjournments
          FROM hearings h JOIN ${cases} ON ${cases.id} = h.case_id JOIN ${units} ON ${units.id} = ${cases.unitId}
          WHERE h.adjourned AND ${and(...registerConditions(actor, f))}
          GROUP BY ${cases.id}, ${cases.ref}, ${units.name}, ${cases.stage}, ${cases.court} ORDER BY adjournments DESC, ${cases.ref} LIMIT 20`,
    ),
    queryRows<{ kind: string; n: number }>(
      deps.db,
      sql`SELECT d.kind, count(*)::int AS n FROM case_deadlines d JOIN ${cases} ON ${cases.id} = d.case_id JOIN ${units} ON ${units.id} = ${cases.unitId}
          WHERE d.due < ${TODAY} AND ${and(...registerConditions(actor, f))} GROUP BY d.kind ORDER BY d.kind`,
    ),
  ]);
  return { ageing, byAtu, byStatute, newCases, firs, judged, courts, mostAdjourned, overdue };
}

function assemble(r: DashboardRows, months: string[], asOf: string) {
  const { ageing, byAtu, byStatute, newCases, firs, judged, courts, mostAdjourned, overdue } = r;
  const stageIds = CASE_STAGES.map((s) => s.id as string);
  const byStage = CASE_STAGES.map((s) => ({ stage: s.id, count: ageing.filter((a) => a.stage === s.id).reduce((t, a) => t + a.n, 0) }));
  for (const extra of new Set(ageing.map((a) => a.stage).filter((s) => !stageIds.includes(s)))) byStage.push({ stage: extra as (typeof byStage)[number]['stage'], count: ageing.filter((a) => a.stage === extra).reduce((t, a) => t + a.n, 0) });
  const ageingByStage = byStage
    .filter((s) => s.stage !== 'closed')
    .map((s) => ({ stage: s.stage, buckets: AGE_BUCKETS.map((b) => ({ bucket: b, count: ageing.find((a) => a.stage === s.stage && a.bucket === b)?.n ?? 0 })) }));
  const outcomes = (r?: Outcomes) => {
    const o = { convicted: r?.convicted ?? 0, acquitted: r?.acquitted ?? 0, discharged: r?.discharged ?? 0 };
    return { ...o, judgments: o.convicted + o.acquitted + o.discharged, rate: rate(o.convicted, o.acquitted, o.discharged) };
  };
  const jAtu = judged.filter((r) => r.gu === 0);
  const jCourt = judged.filter((r) => r.gu === 1 && r.gc === 0);
  const jStatute = judged.filter((r) => r.gu === 1 && r.gc === 1);
  const category = { trafficking: 0, smuggling: 0, both: 0, other: 0 };
  for (const a of byAtu) for (const k of Object.keys(category) as Array<keyof typeof category>) category[k] += a[k];
  const total = byAtu.reduce((t, a) => t + a.n, 0);
  const all = outcomes(jAtu.reduce((t, r) => ({ convicted: t.convicted + r.convicted, acquitted: t.acquitted + r.acquitted, discharged: t.discharged + r.discharged }), { convicted: 0, acquitted: 0, discharged: 0 }));
  return {
    asOf,
    total,
    byStage,
    ageingByStage,
    byAtu: byAtu.map((a) => ({ unitId: a.unitId, unitName: a.unitName, cases: a.n, trafficking: a.trafficking, smuggling: a.smuggling, both: a.both, other: a.other })),
    byCategory: category,
    conviction: {
      overall: all,
      byAtu: byAtu.map((a) => ({ unitId: a.unitId, unitName: a.unitName, ...outcomes(jAtu.find((r) => r.unitId === a.unitId)) })),
      byCourt: jCourt.map((r) => ({ court: r.court ?? '', ...outcomes(r) })).sort((x, y) => x.court.localeCompare(y.court)),
      byStatute: byStatute.map((s) => ({ statute: s.statute, cases: s.n, ...outcomes(jStatute.find((r) => r.statute === s.statute)) })),
    },
    adjournments: {
      byCourt: courts.map((c) => ({ court: c.court, hearings: c.hearings, adjourned: c.adjourned, rate: c.hearings ? Math.round((c.adjourned / c.hearings) * 1000) / 1000 : null })),
      mostAdjourned,
    },
    overdueDeadlines: { total: overdue.reduce((t, o) => t + o.n, 0), byKind: overdue.map((o) => ({ kind: o.kind, count: o.n })) },
    monthly: months.map((m) => ({ month: m, newCases: newCases.find((r) => r.month === m)?.n ?? 0, firs: firs.find((r) => r.month === m)?.n ?? 0 })),
  };
}

// ---- lists -----------------------------------------------------------------------------------

export async function overdueList(deps: Deps, actor: UserActor, f: MonitoringFilters & { kind?: string | undefined; page: number; pageSize: number }) {
  assertCan(actor, 'cases.monitor', null);
  const where = sql`d.due < ${TODAY} AND ${and(...registerConditions(actor, f))}${f.kind ? sql` AND d.kind = ${f.kind}` : sql``}`;
  const join = sql`FROM case_deadlines d JOIN ${cases} ON ${cases.id} = d.case_id JOIN ${units} ON ${units.id} = ${cases.unitId}`;
  const [items, [total]] = await Promise.all([
    queryRows<{ caseId: string; ref: string; unitId: string; unitName: string; stage: string; kind: string; due: string; daysOverdue: number; basis: string; basisUr: string }>(
      deps.db,
      sql`SELECT ${cases.id} AS "caseId", ${cases.ref} AS ref, ${cases.unitId} AS "unitId", ${units.name} AS "unitName", ${cases.stage} AS stage,
            d.kind, d.due, (current_date - d.due::date)::int AS "daysOverdue", d.basis, d.basis_ur AS "basisUr"
          ${join} WHERE ${where} ORDER BY d.due, ${cases.ref}, d.kind LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`,
    ),
    queryRows<{ n: number }>(deps.db, sql`SELECT count(*)::int AS n ${join} WHERE ${where}`),
  ]);
  return { items, total: total?.n ?? 0, page: f.page, pageSize: f.pageSize };
}

export async function proclaimedOffenders(deps: Deps, actor: UserActor, f: MonitoringFilters & { page: number; pageSize: number }) {
  assertCan(actor, 'cases.monitor', null);
  const where = sql`p.role = 'accused' AND (p.proclaimed_offender OR p.absconding) AND ${and(...registerConditions(actor, f))}`;
  const join = sql`FROM case_parties p JOIN ${cases} ON ${cases.id} = p.case_id JOIN ${units} ON ${units.id} = ${cases.unitId}`;
  const [rows, [total]] = await Promise.all([
    queryRows<{ partyId: string; personId: string; caseId: string; ref: string; unitId: string; unitName: string; stage: string; proclaimedOffender: boolean; absconding: boolean; proclamationPublishedOn: string | null; proclamationPeriodDays: number | null; arrestedOn: string | null }>(
      deps.db,
      sql`SELECT p.id AS "partyId", p.person_id AS "personId", ${cases.id} AS "caseId", ${cases.ref} AS ref, ${cases.unitId} AS "unitId", ${units.name} AS "unitName", ${cases.stage} AS stage,
            p.proclaimed_offender AS "proclaimedOffender", p.absconding, p.proclamation_published_on AS "proclamationPublishedOn",
            p.proclamation_period_days AS "proclamationPeriodDays", p.arrested_on AS "arrestedOn"
          ${join} WHERE ${where} ORDER BY p.proclamation_published_on NULLS LAST, ${cases.ref}, p.id LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`,
    ),
    queryRows<{ n: number }>(deps.db, sql`SELECT count(*)::int AS n ${join} WHERE ${where}`),
  ]);
  // An accused is not protected: the name shows without identity rights; a protected one stays masked.
  const people = await getPersonsForCase(deps, rows.map((r) => r.personId), false);
  const charges = rows.length
    ? await queryRows<{ partyId: string; offence: string; title: string }>(
        deps.db,
        sql`SELECT cc.party_id AS "partyId", cc.offence, o.title FROM case_charges cc JOIN offences o ON o.code = cc.offence
            WHERE cc.party_id IN (${sql.join(rows.map((r) => sql`${r.partyId}`), sql`, `)}) ORDER BY cc.offence`,
      )
    : [];
  const items = rows.map((r) => {
    const person = people.find((p) => p.id === r.personId);
    return {
      ...r,
      name: person?.identity?.name ?? null,
      personRef: person?.ref ?? null,
      charges: charges.filter((c) => c.partyId === r.partyId).map((c) => ({ offence: c.offence, title: c.title })),
    };
  });
  return { items, total: total?.n ?? 0, page: f.page, pageSize: f.pageSize };
}

export async function adjournmentsByCourt(deps: Deps, actor: UserActor, f: MonitoringFilters) {
  assertCan(actor, 'cases.monitor', null);
  const join = sql`FROM hearings h JOIN ${cases} ON ${cases.id} = h.case_id JOIN ${units} ON ${units.id} = ${cases.unitId} WHERE ${and(...registerConditions(actor, f))}`;
  const [courts, reasons] = await Promise.all([
    queryRows<{ court: string; hearings: number; adjourned: number; cases: number }>(
      deps.db,
      sql`SELECT h.court, count(*)::int AS hearings, count(*) FILTER (WHERE h.adjourned)::int AS adjourned, count(DISTINCT h.case_id)::int AS cases
          ${join} GROUP BY h.court ORDER BY adjourned DESC, h.court LIMIT 1000`,
    ),
    queryRows<{ court: string; reason: string; n: number }>(
      deps.db,
      sql`SELECT court, reason, n FROM (
            SELECT h.court, coalesce(nullif(trim(h.adjournment_reason), ''), 'not recorded') AS reason, count(*)::int AS n,
                   row_number() OVER (PARTITION BY h.court ORDER BY count(*) DESC, coalesce(nullif(trim(h.adjournment_reason), ''), 'not recorded')) AS rn
            ${join} AND h.adjourned GROUP BY h.court, 2) r WHERE rn <= 3 ORDER BY court, n DESC`,
    ),
  ]);
  return {
    items: courts.map((c) => ({
      ...c,
      rate: c.hearings ? Math.round((c.adjourned / c.hearings) * 1000) / 1000 : null,
      topReasons: reasons.filter((r) => r.court === c.court).map((r) => ({ reason: r.reason, count: r.n })),
    })),
  };
}

// ---- the monthly review worksheet ------------------------------------------------------------

const OPEN_STAGES = ['complaint', 'inquiry', 'fir', 'investigation', 'challan', 'trial', 'judgment', 'appeal'] as const;

export interface WorksheetRow {
  unitId: string;
  unitName: string;
  newCases: number;
  firs: number;
  challans: number;
  convicted: number;
  acquitted: number;
  pending: Record<(typeof OPEN_STAGES)[number], number>;
  overdueDeadlines: number;
  adjourned3: number;
}

export interface ReviewItem {
  caseId: string;
  ref: string;
  unitName: string;
  stage: string;
  reason: 'overdue-s173' | 'remand-expired' | 'no-activity-90-days';
  detail: string;
}

const REVIEW_REASONS: Record<ReviewItem['reason'], string> = {
  'overdue-s173': 'Report under s.173 CrPC overdue',
  'remand-expired': 'Remand expired',
  'no-activity-90-days': 'No activity for 90 days',
};

export async function worksheet(deps: Deps, actor: UserActor, month: string, f: MonitoringFilters) {
  assertCan(actor, 'cases.monitor', null);
  const start = `${month}-01`;
  const [y, m] = month.split('-').map(Number) as [number, number];
  const end = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  const asOf = end < today() ? end : today();
  const where = and(...registerConditions(actor, f))!;
  const base = sql`JOIN ${cases} ON ${cases.id} = x.case_id JOIN ${units} ON ${units.id} = ${cases.unitId} WHERE ${where}`;
  const [flow, judged, pending, overdue, adjourned, review] = await Promise.all([
    queryRows<{ unitId: string; unitName: string; newCases: number; firs: number; challans: number }>(
      deps.db,
      sql`SELECT ${cases.unitId} AS "unitId", ${units.name} AS "unitName",
            count(*) FILTER (WHERE ${cases.receivedOn} BETWEEN ${start} AND ${end})::int AS "newCases",
            count(*) FILTER (WHERE ${cases.firDate} BETWEEN ${start} AND ${end})::int AS firs,
            count(*) FILTER (WHERE ${cases.challanDate} BETWEEN ${start} AND ${end})::int AS challans
          ${scoped(actor, f)} AND ${cases.receivedOn} <= ${end} GROUP BY ${cases.unitId}, ${units.name}`,
    ),
    queryRows<{ unitId: string; convicted: number; acquitted: number }>(
      deps.db,
      sql`SELECT ${cases.unitId} AS "unitId", count(*) FILTER (WHERE x.outcome = 'convicted')::int AS convicted, count(*) FILTER (WHERE x.outcome = 'acquitted')::int AS acquitted
          FROM judgments x ${base} AND x.on_date BETWEEN ${start} AND ${end} GROUP BY ${cases.unitId}`,
    ),
    // The stage each case stood at on the last day of the month, from its stage history
    // (a transfer leaves the case at the stage it had; it counts under its present ATU).
    queryRows<{ unitId: string; stage: string; n: number }>(
      deps.db,
      sql`SELECT "unitId", stage, count(*)::int AS n FROM (
            SELECT DISTINCT ON (x.case_id) ${cases.unitId} AS "unitId", CASE WHEN x.to_stage = 'transferred' THEN coalesce(x.from_stage, x.to_stage) ELSE x.to_stage END AS stage
            FROM case_stage_events x ${base} AND x.on_date <= ${end}
            ORDER BY x.case_id, x.on_date DESC, x.recorded_at DESC) s GROUP BY "unitId", stage`,
    ),
    queryRows<{ unitId: string; n: number }>(deps.db, sql`SELECT ${cases.unitId} AS "unitId", count(*)::int AS n FROM case_deadlines x ${base} AND x.due <= ${asOf} AND x.due < ${TODAY} GROUP BY ${cases.unitId}`),
    queryRows<{ unitId: string; n: number }>(
      deps.db,
      sql`SELECT "unitId", count(*)::int AS n FROM (
            SELECT ${cases.unitId} AS "unitId", x.case_id FROM hearings x ${base} AND x.adjourned AND x.on_date <= ${end}
            GROUP BY ${cases.unitId}, x.case_id HAVING count(*) >= 3) a GROUP BY "unitId"`,
    ),
    queryRows<ReviewItem>(
      deps.db,
      sql`SELECT * FROM (
            SELECT ${cases.id} AS "caseId", ${cases.ref} AS ref, ${units.name} AS "unitName", ${cases.stage} AS stage,
              CASE WHEN x.kind = 'remand-expiry' THEN 'remand-expired' ELSE 'overdue-s173' END AS reason,
              x.basis || ' (due ' || x.due || ')' AS detail
            FROM case_deadlines x ${base} AND x.due < ${TODAY} AND x.kind IN ('s173-report', 's173-interim-report', 'remand-expiry')
            UNION ALL
            SELECT ${cases.id}, ${cases.ref}, ${units.name}, ${cases.stage}, 'no-activity-90-days',
              'Last activity ' || greatest(to_char(${cases.updatedAt}, 'YYYY-MM-DD'),
                coalesce((SELECT max(de.on_date) FROM diary_entries de WHERE de.case_id = ${cases.id}), ''),
                coalesce((SELECT max(h.on_date) FROM hearings h WHERE h.case_id = ${cases.id}), ''))
            ${scoped(actor, f)} AND ${cases.stage} NOT IN ('closed', 'transferred') AND ${cases.receivedOn} <= ${end}
              AND ${cases.updatedAt} < (${asOf}::date - 90)
              AND NOT EXISTS (SELECT 1 FROM diary_entries de WHERE de.case_id = ${cases.id} AND de.on_date > to_char(${asOf}::date - 90, 'YYYY-MM-DD'))
              AND NOT EXISTS (SELECT 1 FROM hearings h WHERE h.case_id = ${cases.id} AND h.on_date > to_char(${asOf}::date - 90, 'YYYY-MM-DD'))
          ) r ORDER BY "unitName", ref, reason LIMIT 5000`,
    ),
  ]);
  const rows: WorksheetRow[] = flow
    .map((u) => ({
      unitId: u.unitId,
      unitName: u.unitName,
      newCases: u.newCases,
      firs: u.firs,
      challans: u.challans,
      convicted: judged.find((j) => j.unitId === u.unitId)?.convicted ?? 0,
      acquitted: judged.find((j) => j.unitId === u.unitId)?.acquitted ?? 0,
      pending: Object.fromEntries(OPEN_STAGES.map((s) => [s, pending.find((p) => p.unitId === u.unitId && p.stage === s)?.n ?? 0])) as WorksheetRow['pending'],
      overdueDeadlines: overdue.find((o) => o.unitId === u.unitId)?.n ?? 0,
      adjourned3: adjourned.find((a) => a.unitId === u.unitId)?.n ?? 0,
    }))
    .sort((a, b) => a.unitName.localeCompare(b.unitName));
  return { month, monthEnd: end, asOf, stages: OPEN_STAGES, atus: rows, review };
}

export type Worksheet = Awaited<ReturnType<typeof worksheet>>;

const STAGE_LABEL = Object.fromEntries(CASE_STAGES.map((s) => [s.id, s.en.replace(/ \(.*\)$/, '')]));

function worksheetTable(w: Worksheet): { header: string[]; rows: Array<Array<string | number>> } {
  const header = ['ATU', 'New cases', 'FIRs registered', 'Challans submitted', 'Convicted', 'Acquitted', ...w.stages.map((s) => `Pending: ${STAGE_LABEL[s] ?? s}`), 'Overdue deadlines', 'Cases with 3+ adjournments'];
  const line = (name: string, r: Omit<WorksheetRow, 'unitId' | 'unitName'>) => [name, r.newCases, r.firs, r.challans, r.convicted, r.acquitted, ...w.stages.map((s) => r.pending[s]), r.overdueDeadlines, r.adjourned3];
  const rows = w.atus.map((r) => line(r.unitName, r));
  const sum = (k: 'newCases' | 'firs' | 'challans' | 'convicted' | 'acquitted' | 'overdueDeadlines' | 'adjourned3') => w.atus.reduce((t, r) => t + r[k], 0);
  rows.push(
    line('Total', {
      newCases: sum('newCases'),
      firs: sum('firs'),
      challans: sum('challans'),
      convicted: sum('convicted'),
      acquitted: sum('acquitted'),
      pending: Object.fromEntries(w.stages.map((s) => [s, w.atus.reduce((t, r) => t + r.pending[s], 0)])) as WorksheetRow['pending'],
      overdueDeadlines: sum('overdueDeadlines'),
      adjourned3: sum('adjourned3'),
    }),
  );
  return { header, rows };
}

export async function worksheetXlsx(w: Worksheet): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Hifazat';
  wb.title = `Monthly review ${w.month}`;
  const sheet = wb.addWorksheet(`Review ${w.month}`, { views: [{ state: 'frozen', ySplit: 1 }] });
  const t = worksheetTable(w);
  sheet.addRow(t.header);
  for (const r of t.rows) sheet.addRow(r);
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(t.rows.length + 1).font = { bold: true };
  sheet.columns.forEach((c, i) => (c.width = i === 0 ? 36 : 14));
  sheet.getRow(1).alignment = { wrapText: true, vertical: 'top' };
  const review = wb.addWorksheet('Cases needing review', { views: [{ state: 'frozen', ySplit: 1 }] });
  review.addRow(['Case', 'ATU', 'Stage', 'Why', 'Detail']);
  review.getRow(1).font = { bold: true };
  for (const r of w.review) review.addRow([r.ref, r.unitName, STAGE_LABEL[r.stage] ?? r.stage, REVIEW_REASONS[r.reason], r.detail]);
  [24, 36, 18, 28, 80].forEach((width, i) => (review.getColumn(i + 1).width = width));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A4 landscape PDF. Latin text only: pdfkit's standard fonts cannot shape Urdu. */
export async function worksheetPdf(w: Worksheet, opts: { compress?: boolean } = {}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 30,
    compress: opts.compress ?? true,
    info: { Title: `Hifazat monthly review ${w.month}`, Subject: `ATUs: ${w.atus.map((a) => a.unitName).join('; ')}`, Creator: 'Hifazat' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font('Helvetica-Bold').fontSize(14).text(`Monthly review of cases: ${w.month}`, { align: 'left' });
  doc.font('Helvetica').fontSize(8).text(`Month end ${w.monthEnd}; deadlines as of ${w.asOf}. Pending = stage at month end.`).moveDown(0.5);
  const t = worksheetTable(w);
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const widths = t.header.map((_, i) => (i === 0 ? 150 : (width - 150) / (t.header.length - 1)));
  const drawRow = (cells: Array<string | number>, bold: boolean) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(7);
    const h = Math.max(...cells.map((c, i) => doc.heightOfString(String(c), { width: widths[i]! - 4 }))) + 4;
    if (doc.y + h > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const y = doc.y;
    let x = left;
    cells.forEach((c, i) => {
      doc.text(String(c), x + 2, y + 2, { width: widths[i]! - 4, align: i === 0 ? 'left' : 'right' });
      x += widths[i]!;
    });
    doc.moveTo(left, y + h).lineTo(left + width, y + h).lineWidth(0.3).stroke();
    doc.x = left;
    doc.y = y + h;
  };
  drawRow(t.header, true);
  t.rows.forEach((r, i) => drawRow(r, i === t.rows.length - 1));
  doc.moveDown(1);
  doc.font('Helvetica-Bold').fontSize(11).text(`Cases needing review (${w.review.length})`, left);
  doc.moveDown(0.3);
  const rw = [110, 150, 80, 130, width - 470];
  for (const [i, r] of [['Case', 'ATU', 'Stage', 'Why', 'Detail'], ...w.review.map((r) => [r.ref, r.unitName, STAGE_LABEL[r.stage] ?? r.stage, REVIEW_REASONS[r.reason], r.detail])].entries()) {
    doc.font(i === 0 ? 'Helvetica-Bold' : 'Helvetica').fontSize(7);
    const h = Math.max(...r.map((c, j) => doc.heightOfString(c, { width: rw[j]! - 4 }))) + 4;
    if (doc.y + h > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const y = doc.y;
    let x = left;
    r.forEach((c, j) => {
      doc.text(c, x + 2, y + 2, { width: rw[j]! - 4 });
      x += rw[j]!;
    });
    doc.x = left;
    doc.y = y + h;
  }
  doc.end();
  return done;
}

/** The worksheet leaves the system as a file: that is recorded. */
export async function auditWorksheet(deps: Deps, actor: UserActor, origin: Origin, month: string, format: string, f: MonitoringFilters): Promise<void> {
  await deps.db.transaction((tx) => writeAudit(tx, actor, origin, { action: 'cases.worksheet', details: { month, format, filters: f } }));
}
