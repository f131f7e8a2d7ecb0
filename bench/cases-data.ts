/**
 * Bulk synthetic data for bench/cases.ts: N cases and 3N persons, set-based (generate_series,
 * unnest of large arrays), not one service call per row. Deterministic: case n has id
 * md5('c'||n)::uuid and persons 3n-2 (victim), 3n-1 and 3n (accused), whose ids are
 * md5('p'||k)::uuid; identities are encrypted with the app's FieldCipher and their CNICs and
 * phones get the app's blind indexes, so the services read them as they read real records.
 */
import crypto from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { IDENTITY_FIELD, identifiersOf, type PersonIdentity } from '../src/server/modules/persons/identity.js';
import type { FieldCipher } from '../src/server/platform/crypto.js';
import { seededRandom, syntheticPeople } from './synthetic-names.js';

export const uuidOf = (prefix: string, n: number): string => {
  const h = crypto.createHash('md5').update(`${prefix}${n}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
};

/** ATU weights (percent of cases), in the order of the ATUs' codes. */
const WEIGHTS = [9, 14, 8, 7, 6, 22, 8, 5, 6, 5, 5, 5];
export function slotTable(atus: number): number[] {
  const slots: number[] = [];
  for (let i = 0; i < atus; i++) for (let k = 0; k < (WEIGHTS[i] ?? 5); k++) slots.push(i);
  while (slots.length < 100) slots.push(slots.length % atus);
  return slots.slice(0, 100);
}
/** The ATU (index into the sorted ATU list) that owns case n. Same formula as the SQL below. */
export const unitIdxOf = (slots: number[], n: number): number => slots[(n * 7919) % 100] ?? 0;

export interface Atu {
  id: string;
  code: string;
  path: string;
  investigators: string[];
  supervisor: string;
}

const DISTRICTS = ['Lahore', 'Karachi', 'Rawalpindi', 'Gujranwala', 'Sialkot', 'Faisalabad', 'Multan', 'Peshawar', 'Quetta', 'Mardan', 'Swat', 'Hyderabad', 'Sukkur', 'Bahawalpur', 'Dera Ghazi Khan', 'Mandi Bahauddin'];
const PROVINCES = ['Punjab', 'Sindh', 'Khyber Pakhtunkhwa', 'Balochistan'];

async function timed(log: (s: string) => void, label: string, f: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await f();
  const s = (performance.now() - t) / 1000;
  log(`  ${label.padEnd(34)} ${s.toFixed(1)} s`);
  return s;
}

/** Persons 1..3N: generated, encrypted and inserted in batches, two connections in flight. */
async function insertPersons(pool: pg.Pool, cipher: FieldCipher, nCases: number, atus: Atu[], slots: number[]): Promise<void> {
  const total = nCases * 3;
  const BATCH = 10_000;
  const gen = syntheticPeople(total, 20260101);
  const rnd = seededRandom(77);
  const inflight: Array<Promise<unknown>> = [];
  for (let start = 1; start <= total; start += BATCH) {
    const end = Math.min(total, start + BATCH - 1);
    const ids: string[] = [], refs: string[] = [], unitIds: string[] = [], prot: boolean[] = [], sexes: string[] = [], years: Array<number | null> = [], idents: string[] = [], creators: string[] = [];
    const iPid: string[] = [], iKind: string[] = [], iHash: string[] = [];
    for (let k = start; k <= end; k++) {
      const p = gen.next().value as { name: string; sex: 'M' | 'F'; dob: string };
      const caseN = Math.ceil(k / 3);
      const victim = (k - 1) % 3 === 0;
      const atu = atus[unitIdxOf(slots, caseN)]!;
      const id = uuidOf('p', k);
      const last = p.name.split(' ').at(-1) ?? 'Khan';
      const hasCnic = rnd() < (victim ? 0.55 : 0.8);
      const cnic = hasCnic ? `${3 + (k % 5)}${String(1000 + (k % 9000)).padStart(4, '0')}-${String(k).padStart(7, '0').slice(-7)}-${(k % 5) * 2 + (p.sex === 'M' ? 1 : 0)}` : undefined;
      const identity: PersonIdentity = {
        name: p.name,
        aliases: rnd() < 0.1 ? [`${p.name.split(' ')[0] ?? ''} ${last}`] : [],
        fatherName: `${rnd() < 0.5 ? 'Muhammad' : 'Ghulam'} ${last}`,
        relation: p.sex === 'M' ? 's/o' : 'd/o',
        dob: p.dob,
        ...(cnic ? { cnic } : {}),
        passports: rnd() < 0.3 ? [{ number: `${String.fromCharCode(65 + (k % 26))}${String.fromCharCode(65 + ((k >> 5) % 26))}${String(k).padStart(7, '0')}`, country: 'PAK' }] : [],
        phones: rnd() < 0.6 ? [`03${String(k % 100).padStart(2, '0')}${String(k).padStart(7, '0').slice(-7)}`] : [],
        addresses: [{ line: `House ${k % 900}, Street ${k % 40}, Mohalla ${last}`, district: DISTRICTS[k % DISTRICTS.length], province: PROVINCES[k % PROVINCES.length] }],
      };
      ids.push(id);
      refs.push(`P-B${k.toString(32).toUpperCase().padStart(8, '0')}`);
      unitIds.push(atu.id);
      prot.push(victim);
      sexes.push(p.sex);
      years.push(Number(p.dob.slice(0, 4)));
      idents.push(cipher.encrypt(JSON.stringify(identity), IDENTITY_FIELD(id)));
      creators.push(atu.investigators[caseN % atu.investigators.length]!);
      for (const i of identifiersOf(identity)) {
        iPid.push(id);
        iKind.push(i.kind);
        iHash.push(cipher.blindIndex(i.kind, i.value));
      }
    }
    const job = (async () => {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        await c.query(
          `INSERT INTO persons (id, ref, unit_id, protected, sex, birth_year, nationality, identity, created_by, created_at, updated_at)
           SELECT id, ref, unit_id, prot, sex, yr, 'PAK', ident, cb, now() - interval '1 day' * (3650 - ord * 3650 / ${total}), now() - interval '1 day' * (3650 - ord * 3650 / ${total})
           FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::bool[], $5::text[], $6::int[], $7::text[], $8::uuid[]) WITH ORDINALITY AS t(id, ref, unit_id, prot, sex, yr, ident, cb, ord)`,
          [ids, refs, unitIds, prot, sexes, years, idents, creators],
        );
        await c.query('INSERT INTO person_identifiers (person_id, kind, hash) SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[])', [iPid, iKind, iHash]);
        await c.query('COMMIT');
      } finally {
        c.release();
      }
    })();
    inflight.push(job);
    if (inflight.length >= 2) await inflight.shift();
  }
  await Promise.all(inflight);
}

const VOCAB = {
  dest: ['Dubai', 'Saudi Arabia', 'Oman', 'Qatar', 'Malaysia', 'Iran', 'Turkey', 'Greece', 'Italy', 'Libya', 'Thailand', 'Afghanistan'],
  form: ['forced labour', 'bonded labour at a brick kiln', 'domestic servitude', 'sexual exploitation', 'forced marriage', 'child begging', 'camel jockeying', 'organ removal'],
  means: ['false job offer', 'fake visa', 'debt bondage', 'withheld passport', 'threats to family'],
  agency: ['Al-Noor Overseas Employment', 'Gulf Manpower Promoters', 'Star Travel Agency', 'Crescent Visa Services', 'Madina Recruiting', 'Zaib Travels'],
};

/** Cases and everything hanging off them, set-based from a scratch table bench_c. */
async function insertCases(pool: pg.Pool, nCases: number, atus: Atu[], slots: number[], log: (s: string) => void): Promise<void> {
  const q = (text: string, params: unknown[] = []) => pool.query(text, params);
  await q('DROP TABLE IF EXISTS bench_c, bench_off');
  await q('CREATE UNLOGGED TABLE bench_off (unit_idx int, k int, user_id uuid, unit_id uuid, code text)');
  for (const [i, a] of atus.entries()) {
    await q('INSERT INTO bench_off SELECT $1, k - 1, u, $3, $4 FROM unnest($2::uuid[]) WITH ORDINALITY AS t(u, k)', [i, a.investigators, a.id, a.code]);
  }
  const nInv = atus[0]!.investigators.length;
  const arr = (xs: string[]) => `(ARRAY[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(',')}])`;
  await timed(log, 'scratch table (attributes)', async () => {
    await q('SELECT setseed(0.4242)');
    await q(`CREATE UNLOGGED TABLE bench_c AS
      WITH r AS (
        SELECT n, random() r1, random() r2, random() r3, random() r4, random() r5, random() r6, random() r7
        FROM generate_series(1, ${nCases}) n
      ), a AS (
        SELECT r.*, (ARRAY[${slots.join(',')}])[((n::bigint * 7919) % 100)::int + 1] AS unit_idx,
               floor(3650 * power(r1, 1.15))::int AS age
        FROM r
      ), s AS (
        SELECT a.*, CASE
          WHEN age < 30 THEN CASE WHEN r2 < .4 THEN 'complaint' WHEN r2 < .7 THEN 'inquiry' ELSE 'fir' END
          WHEN age < 180 THEN CASE WHEN r2 < .1 THEN 'complaint' WHEN r2 < .2 THEN 'inquiry' WHEN r2 < .45 THEN 'fir' WHEN r2 < .8 THEN 'investigation' WHEN r2 < .95 THEN 'challan' ELSE 'closed' END
          WHEN age < 730 THEN CASE WHEN r2 < .05 THEN 'inquiry' WHEN r2 < .15 THEN 'investigation' WHEN r2 < .35 THEN 'challan' WHEN r2 < .7 THEN 'trial' WHEN r2 < .75 THEN 'judgment' WHEN r2 < .77 THEN 'transferred' ELSE 'closed' END
          ELSE CASE WHEN r2 < .03 THEN 'investigation' WHEN r2 < .08 THEN 'challan' WHEN r2 < .33 THEN 'trial' WHEN r2 < .45 THEN 'judgment' WHEN r2 < .5 THEN 'appeal' WHEN r2 < .52 THEN 'transferred' ELSE 'closed' END
        END AS stage
        FROM a
      ), o AS (
        SELECT s.*, CASE stage WHEN 'complaint' THEN 0 WHEN 'inquiry' THEN 1 WHEN 'fir' THEN 2 WHEN 'investigation' THEN 3 WHEN 'challan' THEN 4
          WHEN 'trial' THEN 5 WHEN 'judgment' THEN 6 WHEN 'appeal' THEN 7 WHEN 'transferred' THEN 3 ELSE 1 + floor(r3 * 6)::int END AS ord,
          current_date - age AS received
        FROM s
      ), d AS (
        SELECT o.*,
          CASE WHEN ord >= 2 THEN received + least(age, 2 + floor(r4 * 20)::int) END AS fir_date,
          CASE WHEN received < DATE '2018-05-31' THEN 'PCHTO-2002' WHEN r5 < .55 THEN 'PTPA-2018' WHEN r5 < .9 THEN 'PSMA-2018' ELSE 'EO-1979' END AS statute
        FROM o
      ), e AS (
        SELECT d.*,
          CASE WHEN ord >= 4 THEN least(current_date, fir_date + 14 + floor(r4 * 90)::int) END AS challan_date
        FROM d
      )
      SELECT n, md5('c' || n)::uuid AS id, e.unit_idx, b.unit_id, b.code, b.user_id AS officer_id, age, received, stage, ord, fir_date, challan_date,
        greatest(coalesce(challan_date, fir_date, received), least(current_date, received + floor(age * (0.3 + 0.7 * r6))::int)) AS stage_since,
        statute,
        CASE statute WHEN 'PCHTO-2002' THEN 'PCHTO-2002-s3' WHEN 'PTPA-2018' THEN (CASE WHEN r7 < .3 THEN 'PTPA-2018-s3-woman-child' ELSE 'PTPA-2018-s3' END)
          WHEN 'PSMA-2018' THEN 'PSMA-2018-s3' ELSE (CASE WHEN r7 < .5 THEN 'EO-1979-s17' ELSE 'EO-1979-s22' END) END AS off1,
        CASE WHEN r7 < .4 THEN (CASE statute WHEN 'PCHTO-2002' THEN 'PCHTO-2002-s4' WHEN 'PSMA-2018' THEN 'PSMA-2018-s4' WHEN 'PTPA-2018' THEN 'PPC-420' ELSE 'PPC-468' END) END AS off2,
        CASE statute WHEN 'PSMA-2018' THEN 'smuggling' WHEN 'EO-1979' THEN 'other' ELSE (CASE WHEN r7 < .4 AND statute = 'PCHTO-2002' THEN 'trafficking' ELSE 'trafficking' END) END AS category,
        CASE WHEN ord >= 5 THEN 'Sessions Court ' || ${arr(DISTRICTS)}[1 + n % ${DISTRICTS.length}] || ' (' || (1 + n % 4) || ')' END AS court,
        r3, r4, r5, r6, r7
      FROM e JOIN bench_off b ON b.unit_idx = e.unit_idx AND b.k = n % ${nInv}`);
    await q('CREATE INDEX ON bench_c (n)');
    await q('ANALYZE bench_c');
  });
  const D = (col: string) => `to_char(${col}, 'YYYY-MM-DD')`;
  // Every other case has one diary note. Its words go in with the case (as the trigger of
  // migration 0009 would put them): updating half the cases afterwards would leave the table with
  // half again its size in dead rows, and the planner then chooses differently than on a packed one.
  const note = `'Recorded statement of the victim; recruiter used ' || ${arr(VOCAB.means)}[1 + n % ${VOCAB.means.length}] || ' and number 03' || lpad((n % 1000000000)::text, 9, '0')`;
  await timed(log, `cases (${nCases.toLocaleString()})`, () =>
    q(`INSERT INTO cases (id, ref, unit_id, title, narrative, stage, stage_since, closure_reason, statute, category, source, received_on,
         fir_number, fir_date, police_station, challan_date, court, officer_id, next_hearing, created_by, version, created_at, updated_at, notes_search)
       SELECT id, code || '/' || extract(year FROM received) || '/' || lpad((row_number() OVER (PARTITION BY unit_idx, extract(year FROM received) ORDER BY n))::text, 6, '0'),
         unit_id,
         initcap(${arr(VOCAB.form)}[1 + n % ${VOCAB.form.length}]) || ' — ' || ${arr(VOCAB.dest)}[1 + (n / 7) % ${VOCAB.dest.length}],
         'Victim recruited through ' || ${arr(VOCAB.means)}[1 + (n / 3) % ${VOCAB.means.length}] || ' by ' || ${arr(VOCAB.agency)}[1 + (n / 11) % ${VOCAB.agency.length}]
           || ', taken to ' || ${arr(VOCAB.dest)}[1 + (n / 7) % ${VOCAB.dest.length}] || ' for ' || ${arr(VOCAB.form)}[1 + n % ${VOCAB.form.length}] || '. Ref ' || md5(n::text),
         stage, ${D('stage_since')},
         CASE WHEN stage = 'closed' THEN (ARRAY['untraced','insufficient-evidence','transferred-to-police','other'])[1 + n % 4] END,
         statute, category, (ARRAY['complaint','helpline','immigration','referral','suo-motu','court-order'])[1 + n % 6], ${D('received')},
         CASE WHEN fir_date IS NOT NULL THEN (n % 900 + 1) || '/' || extract(year FROM fir_date) END, ${D('fir_date')},
         CASE WHEN fir_date IS NOT NULL THEN 'FIA AHTC ' || code END, ${D('challan_date')}, court, officer_id,
         CASE WHEN stage = 'trial' THEN ${D("current_date + (CASE WHEN r4 < .1 THEN -7 ELSE 1 + floor(r5 * 60)::int END)")} END,
         officer_id, 1 + ord, received::timestamptz, stage_since::timestamptz + interval '3 hours',
         CASE WHEN n % 2 = 0 THEN strip(to_tsvector('simple', ${note})) ELSE '' END
       FROM bench_c`),
  );
  await q(`INSERT INTO case_ref_counters (unit_id, year, last)
           SELECT unit_id, split_part(ref, '/', 2), max(split_part(ref, '/', 3)::int) FROM cases GROUP BY 1, 2`);
  await timed(log, 'case_parties (3 per case)', () =>
    q(`INSERT INTO case_parties (id, case_id, person_id, role, age_years, minor, district_of_origin, exploitation, means_of_control, recruiter_relation, route, identified_on,
         accused_roles, arrested_on, remand_until, bail_status, proclaimed_offender, proclamation_published_on, proclamation_period_days, absconding, created_at)
       SELECT md5('pa' || n || '-' || j)::uuid, id, md5('p' || (3 * n - 2 + j))::uuid, CASE WHEN j = 0 THEN 'victim' ELSE 'accused' END,
         CASE WHEN j = 0 THEN 9 + (n % 30) END, CASE WHEN j = 0 THEN 9 + (n % 30) < 18 END,
         CASE WHEN j = 0 THEN ${arr(DISTRICTS)}[1 + n % ${DISTRICTS.length}] END,
         CASE WHEN j = 0 THEN ARRAY[(ARRAY['forced-labour','bonded-labour','domestic-servitude','sexual-exploitation','forced-marriage','child-begging'])[1 + n % 6]] END,
         CASE WHEN j = 0 THEN ARRAY['false-promises', (ARRAY['debt-bondage','withholds-documents','threats','restricts-movement'])[1 + n % 4]] END,
         CASE WHEN j = 0 THEN (ARRAY['recruiter','family','friend','unknown','intimate-partner'])[1 + n % 5] END,
         CASE WHEN j = 0 THEN jsonb_build_array(jsonb_build_object('country', 'PK', 'leg', 'origin'), jsonb_build_object('country', (ARRAY['AE','SA','OM','QA','MY','IR','TR','GR'])[1 + n % 8], 'leg', 'destination')) END,
         CASE WHEN j = 0 THEN ${D('received')} END,
         CASE WHEN j > 0 THEN ARRAY[(ARRAY['recruiter','transporter','harbourer','exploiter','document-forger','agent'])[1 + (n + j) % 6]] END,
         CASE WHEN j > 0 AND fir_date IS NOT NULL AND (n + j) % 3 <> 0 THEN ${D('fir_date + 1')} END,
         CASE WHEN j = 1 AND fir_date IS NOT NULL AND age < 60 THEN ${D('fir_date + 14')} END,
         CASE WHEN j > 0 AND ord >= 4 THEN (ARRAY['bail-granted','bail-refused','none','pre-arrest-bail'])[1 + (n + j) % 4] END,
         j = 2 AND n % 20 = 0, CASE WHEN j = 2 AND n % 20 = 0 AND fir_date IS NOT NULL THEN ${D('fir_date + 30')} END,
         CASE WHEN j = 2 AND n % 20 = 0 AND fir_date IS NOT NULL THEN 30 END, j = 2 AND n % 20 = 0,
         received::timestamptz + j * interval '1 second'
       FROM bench_c CROSS JOIN generate_series(0, 2) j`),
  );
  await timed(log, 'case_charges', () =>
    q(`INSERT INTO case_charges (id, case_id, party_id, offence, created_at)
       SELECT md5('ch' || n || '-' || j || '-1')::uuid, id, md5('pa' || n || '-' || j)::uuid, off1, received::timestamptz FROM bench_c CROSS JOIN generate_series(1, 2) j
       UNION ALL
       SELECT md5('ch' || n || '-1-2')::uuid, id, md5('pa' || n || '-1')::uuid, off2, received::timestamptz FROM bench_c WHERE off2 IS NOT NULL`),
  );
  const PATH = `(ARRAY['complaint','fir','challan','trial','judgment','appeal'])`;
  await timed(log, 'case_stage_events', () =>
    q(`INSERT INTO case_stage_events (case_id, from_stage, to_stage, on_date, note, details, recorded_by, recorded_at)
       SELECT id, CASE WHEN i = 0 THEN NULL ELSE ${PATH}[i] END, ${PATH}[i + 1],
         ${D('received + (age * i / 6)')}, CASE WHEN i = 0 THEN 'registered' END, '{}'::jsonb, officer_id, received::timestamptz + i * interval '1 day'
       FROM bench_c, generate_series(0, 5) i
       WHERE i <= CASE WHEN ord >= 7 THEN 5 WHEN ord >= 6 THEN 4 WHEN ord >= 5 THEN 3 WHEN ord >= 4 THEN 2 WHEN ord >= 2 THEN 1 ELSE 0 END
       UNION ALL
       SELECT id, 'challan', stage, ${D('stage_since')}, 'closing', jsonb_build_object('closureReason', 'other'), officer_id, stage_since::timestamptz
       FROM bench_c WHERE stage IN ('closed', 'transferred')`),
  );
  await timed(log, 'case_deadlines (by the rules)', () =>
    q(`INSERT INTO case_deadlines (case_id, kind, party_key, due, basis, basis_ur, alerted_at)
       SELECT id, k, NULL, ${D('fir_date + d')}, 'Report under s.173 CrPC due ' || d || ' days after FIR ' || fir_date, 'دفعہ 173 ض ف', CASE WHEN fir_date + d < current_date THEN now() END
       FROM bench_c, (VALUES ('s173-report', 14), ('s173-interim-report', 17)) v(k, d)
       WHERE stage IN ('fir', 'investigation') AND challan_date IS NULL
       UNION ALL
       SELECT id, 'remand-expiry', md5('pa' || n || '-1')::uuid::text, ${D('fir_date + 14')}, 'Remand under s.167 CrPC ends ' || (fir_date + 14), 'ریمانڈ', NULL
       FROM bench_c WHERE fir_date IS NOT NULL AND age < 60 AND stage NOT IN ('closed', 'transferred')
       UNION ALL
       SELECT id, 'proclamation-appearance', md5('pa' || n || '-2')::uuid::text, ${D('fir_date + 60')}, 'Appearance under proclamation (s.87 CrPC)', 'اشتہار', NULL
       FROM bench_c WHERE n % 20 = 0 AND fir_date IS NOT NULL AND stage NOT IN ('closed', 'transferred')
       UNION ALL
       SELECT c.id, 'next-hearing', NULL, x.next_hearing, 'Next hearing fixed on ' || x.next_hearing, 'آئندہ سماعت', NULL
       FROM bench_c c JOIN cases x ON x.id = c.id WHERE c.stage = 'trial' AND x.next_hearing IS NOT NULL`),
  );
  await timed(log, 'hearings', () =>
    q(`INSERT INTO hearings (case_id, court, judge, on_date, purpose, outcome, adjourned, adjournment_reason, next_date, recorded_by, created_at)
       SELECT id, court, 'Judge ' || (1 + n % 40), ${D('h_on')}, (ARRAY['framing of charge','prosecution evidence','cross-examination','arguments','bail'])[1 + i % 5],
         NULL, (n + i) % 3 = 0, CASE WHEN (n + i) % 3 = 0 THEN (ARRAY['judge on leave','witness absent','defence counsel absent','file not received'])[1 + i % 4] END,
         ${D('h_on + 30')}, officer_id, h_on::timestamptz
       FROM (SELECT b.*, i, coalesce(challan_date, received) + ((least(current_date, stage_since + 200) - coalesce(challan_date, received)) * i / (3 + n % 6)) AS h_on
             FROM bench_c b, generate_series(1, 8) i WHERE ord >= 5 AND court IS NOT NULL AND i <= 2 + n % 6) h`),
  );
  await timed(log, 'judgments', () =>
    q(`INSERT INTO judgments (case_id, charge_id, court, on_date, outcome, sentence_months, fine_rs, compensation_rs, recorded_by)
       SELECT id, md5('ch' || n || '-' || j || '-1')::uuid, court, ${D('stage_since')}, o, CASE WHEN o = 'convicted' THEN 12 * (1 + n % 10) END,
         CASE WHEN o = 'convicted' THEN 100000 * (1 + n % 5) END, NULL, officer_id
       FROM (SELECT b.*, j, (ARRAY['convicted','acquitted','convicted','discharged','acquitted'])[1 + (n + j) % 5] AS o
             FROM bench_c b, generate_series(1, 2) j WHERE ord >= 6 AND court IS NOT NULL) x`),
  );
  await timed(log, 'diary, entities, shares, tasks', async () => {
    await q('ALTER TABLE diary_entries DISABLE TRIGGER diary_entries_search');
    await q(`INSERT INTO diary_entries (case_id, on_date, note, officer_id, created_at)
             SELECT id, ${D('received + 3')}, ${note}, officer_id, received::timestamptz FROM bench_c WHERE n % 2 = 0`);
    await q('ALTER TABLE diary_entries ENABLE TRIGGER diary_entries_search');
    await q(`INSERT INTO case_entities (case_id, kind, value, label)
             SELECT id, 'phone', '923' || lpad(((n * 37) % 100000000)::text, 9, '0'), '03' || lpad(((n * 37) % 100000000)::text, 9, '0') FROM bench_c WHERE n % 3 = 0
             UNION ALL SELECT id, 'agency', upper(${arr(VOCAB.agency)}[1 + (n / 11) % ${VOCAB.agency.length}]), ${arr(VOCAB.agency)}[1 + (n / 11) % ${VOCAB.agency.length}] FROM bench_c WHERE n % 5 = 0`);
    await q(`INSERT INTO case_shares (case_id, unit_id, purpose, shared_by)
             SELECT b.id, o.unit_id, 'joint investigation', b.officer_id FROM bench_c b JOIN bench_off o ON o.unit_idx = (b.unit_idx + 1) % ${atus.length} AND o.k = 0 WHERE b.n % 100 = 0`);
    await q(`INSERT INTO case_tasks (case_id, title, owner_id, due, created_by)
             SELECT id, 'Record statement of the accused', officer_id, ${D('received + 10')}, officer_id FROM bench_c WHERE n % 5 = 0`);
  });
}

export interface GenerationTimes {
  persons: number;
  cases: number;
  analyze: number;
}

export async function generate(pool: pg.Pool, cipher: FieldCipher, nCases: number, atus: Atu[], log: (s: string) => void): Promise<GenerationTimes> {
  const slots = slotTable(atus.length);
  const persons = await timed(log, `persons (${(nCases * 3).toLocaleString()}, encrypted)`, () => insertPersons(pool, cipher, nCases, atus, slots));
  const t = performance.now();
  await insertCases(pool, nCases, atus, slots, log);
  const casesS = (performance.now() - t) / 1000;
  await pool.query('DROP TABLE IF EXISTS bench_c, bench_off');
  const analyze = await timed(log, 'VACUUM ANALYZE', () => pool.query('VACUUM ANALYZE'));
  return { persons, cases: casesS, analyze };
}
