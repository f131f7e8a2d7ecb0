// Headquarters dashboards: encounters and hits per post per day, how long hits wait for a
// decision, off-loadees by ground, destination, agency and route, deportees by country and
// reason. SQL aggregates only; no identity leaves. Exported as CSV or XLSX.
import ExcelJS from 'exceljs';
import { sql, type SQL } from 'drizzle-orm';
import { auditedTransaction, writeAudit, type Origin } from '../../platform/audit.js';
import { queryRows } from '../../platform/db.js';
import type { Deps } from '../../platform/http.js';
import { assertCan, type UserActor } from '../../platform/policy.js';
import { guardFormula, toCsv } from '../../platform/tabular.js';
import { postScope } from './sop.js';

export interface StatsQuery {
  from?: string | undefined;
  to?: string | undefined;
  postId?: string | undefined;
}

type Count = { key: string; n: number };

const dateRange = (col: SQL, q: StatsQuery) => sql`${q.from ? sql`AND ${col} >= ${q.from}` : sql``} ${q.to ? sql`AND ${col} <= ${q.to}` : sql``}`;
const postFilter = (col: SQL, q: StatsQuery) => (q.postId ? sql`AND ${col} = ${q.postId}::uuid` : sql``);

export async function screeningStats(deps: Deps, actor: UserActor, q: StatsQuery) {
  assertCan(actor, 'screening.stats', null);
  const scope = postScope(actor, sql`u.path`);
  const day = sql`to_char(e.at AT TIME ZONE 'Asia/Karachi', 'YYYY-MM-DD')`;
  const encounters = await queryRows<{ postId: string; postName: string; day: string; encounters: number; hits: number; flagged: number; confirmed: number }>(
    deps.db,
    sql`SELECT u.id::text AS "postId", u.name AS "postName", ${day} AS day, count(DISTINCT e.id)::int AS encounters,
          count(DISTINCT e.id) FILTER (WHERE e.result = 'hit')::int AS hits, count(DISTINCT e.id) FILTER (WHERE e.result = 'flagged')::int AS flagged,
          count(h.id) FILTER (WHERE h.decision = 'confirmed')::int AS confirmed
        FROM screening_encounters e JOIN units u ON u.id = e.post_id LEFT JOIN screening_hits h ON h.encounter_id = e.id
        WHERE ${scope} ${dateRange(day, q)} ${postFilter(sql`e.post_id`, q)}
        GROUP BY u.id, u.name, ${day} ORDER BY day DESC, u.name`,
  );
  const [adj] = await queryRows<{ decided: number; pending: number; confirmed: number; falseMatch: number; medianSeconds: number | null; p90Seconds: number | null }>(
    deps.db,
    sql`SELECT count(*) FILTER (WHERE h.decision <> 'pending')::int AS decided, count(*) FILTER (WHERE h.decision = 'pending')::int AS pending,
          count(*) FILTER (WHERE h.decision = 'confirmed')::int AS confirmed, count(*) FILTER (WHERE h.decision = 'false-match')::int AS "falseMatch",
          percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM h.decided_at - h.created_at)) FILTER (WHERE h.decided_at IS NOT NULL) AS "medianSeconds",
          percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM h.decided_at - h.created_at)) FILTER (WHERE h.decided_at IS NOT NULL) AS "p90Seconds"
        FROM screening_hits h JOIN screening_encounters e ON e.id = h.encounter_id JOIN units u ON u.id = e.post_id
        WHERE ${scope} ${dateRange(day, q)} ${postFilter(sql`e.post_id`, q)}`,
  );
  const off = (expr: SQL, from = sql``) =>
    queryRows<Count>(
      deps.db,
      sql`SELECT ${expr} AS key, count(*)::int AS n FROM screening_offloadees o JOIN units u ON u.id = o.post_id ${from}
          WHERE ${scope} ${dateRange(sql`o.on_date`, q)} ${postFilter(sql`o.post_id`, q)} GROUP BY 1 ORDER BY n DESC, key LIMIT 100`,
    );
  const dep = (expr: SQL) =>
    queryRows<Count>(
      deps.db,
      sql`SELECT ${expr} AS key, count(*)::int AS n FROM screening_deportees d JOIN units u ON u.id = d.post_id
          WHERE ${scope} ${dateRange(sql`d.on_date`, q)} ${postFilter(sql`d.post_id`, q)} GROUP BY 1 ORDER BY n DESC, key LIMIT 100`,
    );
  const [byGround, byDestination, byAgency, byRoute, offByPost, depByCountry, depByReason, depByAssessment, depByPost] = await Promise.all([
    off(sql`g.ground`, sql`CROSS JOIN LATERAL unnest(o.grounds) AS g(ground)`),
    off(sql`o.destination`),
    off(sql`coalesce(nullif(o.agency, ''), '(none named)')`),
    off(sql`coalesce(nullif(o.route, ''), '(not recorded)')`),
    off(sql`u.name`),
    dep(sql`d.deporting_country`),
    dep(sql`d.reason`),
    dep(sql`d.assessment`),
    dep(sql`u.name`),
  ]);
  const num = (x: unknown) => (x === null || x === undefined ? null : Math.round(Number(x)));
  return {
    filters: q,
    encounters,
    adjudication: { decided: adj?.decided ?? 0, pending: adj?.pending ?? 0, confirmed: adj?.confirmed ?? 0, falseMatch: adj?.falseMatch ?? 0, medianSeconds: num(adj?.medianSeconds), p90Seconds: num(adj?.p90Seconds) },
    offloadees: { byGround, byDestination, byAgency, byRoute, byPost: offByPost },
    deportees: { byCountry: depByCountry, byReason: depByReason, byAssessment: depByAssessment, byPost: depByPost },
  };
}

/** The same figures as a CSV (one table after another) or an XLSX workbook (a sheet per table). */
export async function exportStats(deps: Deps, actor: UserActor, q: StatsQuery, format: 'csv' | 'xlsx', origin: Origin) {
  const s = await screeningStats(deps, actor, q);
  const tables: Array<{ title: string; head: string[]; rows: Array<Array<string | number | null>> }> = [
    { title: 'Encounters per post per day', head: ['Post', 'Day', 'Encounters', 'Hits', 'Flagged', 'Confirmed hits'], rows: s.encounters.map((e) => [e.postName, e.day, e.encounters, e.hits, e.flagged, e.confirmed]) },
    {
      title: 'Adjudication',
      head: ['Decided', 'Pending', 'Confirmed', 'False match', 'Median seconds', 'P90 seconds'],
      rows: [[s.adjudication.decided, s.adjudication.pending, s.adjudication.confirmed, s.adjudication.falseMatch, s.adjudication.medianSeconds, s.adjudication.p90Seconds]],
    },
    ...(
      [
        ['Off-loadees by ground', s.offloadees.byGround],
        ['Off-loadees by destination', s.offloadees.byDestination],
        ['Off-loadees by agency', s.offloadees.byAgency],
        ['Off-loadees by route', s.offloadees.byRoute],
        ['Off-loadees by post', s.offloadees.byPost],
        ['Deportees by country', s.deportees.byCountry],
        ['Deportees by reason', s.deportees.byReason],
        ['Deportees by assessment', s.deportees.byAssessment],
        ['Deportees by post', s.deportees.byPost],
      ] as const
    ).map(([title, counts]) => ({ title, head: ['Value', 'Count'], rows: counts.map((c) => [c.key, c.n]) })),
  ];
  let body: Buffer;
  if (format === 'csv') {
    const rows: Array<Array<string | number | null>> = [];
    for (const t of tables) rows.push([t.title], t.head, ...t.rows, []);
    body = Buffer.from(toCsv(rows), 'utf8');
  } else {
    const wb = new ExcelJS.Workbook();
    wb.creator = 'Hifazat';
    for (const t of tables) {
      const sheet = wb.addWorksheet(t.title.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
      sheet.addRow(t.head);
      sheet.getRow(1).font = { bold: true };
      for (const r of t.rows) sheet.addRow(r.map((c) => (typeof c === 'string' ? guardFormula(c) : c)));
      sheet.getColumn(1).width = 40;
    }
    body = Buffer.from(await wb.xlsx.writeBuffer());
  }
  await auditedTransaction(deps.db, (tx) => writeAudit(tx, actor, origin, { action: 'screening.exportStats', details: { format, filters: q } }));
  const stamp = new Date().toISOString().slice(0, 10);
  return { body, filename: `hifazat-screening-${stamp}.${format}`, contentType: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
}
