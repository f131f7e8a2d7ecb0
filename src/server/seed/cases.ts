// Demo cases: realistic, deterministic, registered and advanced through the real services as
// each ATU's investigator would, so that stage history, deadlines and audit are all genuine.
import { and, asc, count, eq, sql } from 'drizzle-orm';
import { seededRandom, syntheticPeople } from '../../../bench/synthetic-names.js';
import { cases, units, users } from '../db/schema.js';
import type { Deps } from '../platform/http.js';
import { loadUser } from '../platform/auth.js';
import { changeStage, getCase, registerCase, type CaseInput, type PartyInput } from '../modules/cases/service.js';
import { addDiaryEntry, addHearing, addJudgment } from '../modules/cases/work.js';
import type { CaseStage } from '../../domain/taxonomies.js';

interface Scenario {
  title: string;
  statute: string;
  victimCharges: string[];
  exploitation: string[];
  route: Array<{ country: string; city?: string; leg: 'origin' | 'transit' | 'destination' }>;
  means: string[];
  narrative: string;
  entities: Array<{ kind: 'phone' | 'agency' | 'bank-account' | 'vehicle'; value: string; label?: string }>;
}

const SCENARIOS: Scenario[] = [
  {
    title: 'Domestic workers recruited for Saudi Arabia, passports withheld',
    statute: 'PTPA-2018',
    victimCharges: ['PTPA-2018-s3-woman-child', 'EO-1979-s17'],
    exploitation: ['domestic-servitude'],
    route: [{ country: 'PAK', leg: 'origin' }, { country: 'SAU', city: 'Riyadh', leg: 'destination' }],
    means: ['withholds-documents', 'takes-earnings', 'restricts-movement'],
    narrative: 'Women recruited through a sub-agent for domestic work; wages were not paid and passports were taken by the sponsor on arrival.',
    entities: [{ kind: 'agency', value: 'Al-Madina Overseas Employment Promoters' }],
  },
  {
    title: 'Smuggling of migrants through Iran and Turkey towards Greece',
    statute: 'PSMA-2018',
    victimCharges: ['PSMA-2018-s3', 'PPC-420'],
    exploitation: ['other'],
    route: [{ country: 'PAK', city: 'Gujranwala', leg: 'origin' }, { country: 'IRN', leg: 'transit' }, { country: 'TUR', city: 'Van', leg: 'transit' }, { country: 'GRC', leg: 'destination' }],
    means: ['false-promises', 'debt-bondage'],
    narrative: 'Young men paid an agent Rs 1.8 million each for passage to Europe via Taftan; the group was intercepted at the Iran–Turkey border and deported.',
    entities: [{ kind: 'phone', value: '0300-6123456', label: "agent's phone" }],
  },
  {
    title: 'Bonded labour at a brick kiln',
    statute: 'PTPA-2018',
    victimCharges: ['PTPA-2018-s3', 'BLSAA-1992-s11'],
    exploitation: ['bonded-labour', 'forced-labour'],
    route: [{ country: 'PAK', leg: 'origin' }, { country: 'PAK', leg: 'destination' }],
    means: ['debt-bondage', 'threats', 'restricts-movement'],
    narrative: 'A family of seven held at a kiln against an advance (peshgi) that grew every season; the kiln owner kept their identity cards.',
    entities: [{ kind: 'vehicle', value: 'LES-4471', label: 'kiln pick-up' }],
  },
  {
    title: 'Fake work visas for Malaysia sold through social media',
    statute: 'EO-1979',
    victimCharges: ['EO-1979-s18', 'EO-1979-s22', 'PPC-420', 'PPC-468'],
    exploitation: ['other'],
    route: [{ country: 'PAK', leg: 'origin' }, { country: 'MYS', city: 'Kuala Lumpur', leg: 'destination' }],
    means: ['false-promises'],
    narrative: 'Applicants paid into a bank account for work visas that turned out to be forged; the promoter had no licence from the Bureau of Emigration.',
    entities: [{ kind: 'bank-account', value: 'PK36SCBL0000001123456702', label: 'collection account' }],
  },
  {
    title: 'Girls trafficked for sexual exploitation to the Gulf',
    statute: 'PTPA-2018',
    victimCharges: ['PTPA-2018-s4', 'PPC-371-A'],
    exploitation: ['sexual-exploitation'],
    route: [{ country: 'PAK', leg: 'origin' }, { country: 'ARE', city: 'Dubai', leg: 'destination' }],
    means: ['physical-abuse', 'psychological-abuse', 'withholds-documents'],
    narrative: 'Girls were promised beauty-salon jobs; on arrival they were confined and sexually exploited by an organised group.',
    entities: [{ kind: 'phone', value: '0321-4455667', label: 'handler' }],
  },
  {
    title: 'Child begging ring moving children between cities',
    statute: 'PTPA-2018',
    victimCharges: ['PTPA-2018-s3-woman-child'],
    exploitation: ['child-begging'],
    route: [{ country: 'PAK', city: 'Rahim Yar Khan', leg: 'origin' }, { country: 'PAK', city: 'Karachi', leg: 'destination' }],
    means: ['uses-children', 'threats'],
    narrative: 'Children from poor families were rented out and moved to Karachi to beg at traffic junctions.',
    entities: [],
  },
];

const DESTINATION_STAGES: Array<{ stages: CaseStage[]; weight: number }> = [
  { stages: [], weight: 2 },
  { stages: ['inquiry'], weight: 2 },
  { stages: ['fir', 'investigation'], weight: 3 },
  { stages: ['fir', 'investigation', 'challan'], weight: 2 },
  { stages: ['fir', 'investigation', 'challan', 'trial'], weight: 3 },
  { stages: ['inquiry', 'closed'], weight: 1 },
];

const ADJOURNMENTS = ['Prosecution witness absent', 'Defence counsel not present', 'Presiding officer on leave', 'Case property not produced', 'Accused not produced from jail'];
const NOTES = [
  'Statement of the complainant recorded under s.161 CrPC.',
  'Raid conducted at the address given by the complainant; one suspect arrested.',
  'Bank statement of the collection account requisitioned.',
  'Victim referred to the shelter and medical examination arranged.',
  'Travel history of the accused obtained from the immigration system.',
];

const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** `perAtu` demo cases per ATU, registered and advanced by that ATU's first investigator. */
export async function seedCases(deps: Deps, perAtu: number): Promise<number> {
  const [existing] = await deps.db.select({ n: count() }).from(cases);
  if ((existing?.n ?? 0) > 0 || perAtu === 0) return 0;
  const rand = seededRandom(4242);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const weighted = () => {
    const total = DESTINATION_STAGES.reduce((s, d) => s + d.weight, 0);
    let r = rand() * total;
    for (const d of DESTINATION_STAGES) if ((r -= d.weight) < 0) return d.stages;
    return [];
  };
  const atus = await deps.db.select({ id: units.id, code: units.code, district: units.district }).from(units).where(eq(units.kind, 'atu')).orderBy(asc(units.code));
  const today = new Date().toISOString().slice(0, 10);
  let created = 0;
  let k = 0;
  for (const atu of atus) {
    const [io] = await deps.db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.unitId, atu.id), sql`'atu-investigator' = ANY(${users.roles})`))
      .orderBy(asc(users.username))
      .limit(1);
    if (!io) continue;
    const actor = (await loadUser(deps.db, io.id))!.actor;
    const people = [...syntheticPeople(perAtu * 3, 9100 + k++)];
    for (let i = 0; i < perAtu; i++) {
      const s = pick(SCENARIOS);
      const [victim, acc1, acc2] = [people[3 * i]!, people[3 * i + 1]!, people[3 * i + 2]!];
      const receivedOn = addDays(today, -(20 + Math.floor(rand() * 1000)));
      const parties: PartyInput[] = [
        {
          role: 'victim',
          person: { identity: { name: victim.name, aliases: [], dob: victim.dob, passports: [], phones: [], addresses: [] }, sex: victim.sex, nationality: 'PAK' },
          districtOfOrigin: atu.district ?? undefined,
          exploitation: s.exploitation,
          meansOfControl: s.means,
          recruiterRelation: pick(['friend', 'family', 'other', 'unknown']),
          route: s.route,
          identifiedOn: receivedOn,
        },
        { role: 'accused', person: { identity: { name: acc1.name, aliases: [], passports: [], phones: [], addresses: [] }, sex: acc1.sex }, accusedRoles: ['recruiter'], charges: s.victimCharges },
        { role: 'accused', person: { identity: { name: acc2.name, aliases: [], passports: [], phones: [], addresses: [] }, sex: acc2.sex }, accusedRoles: [pick(['agent', 'transporter', 'financier', 'document-forger'])], charges: s.victimCharges.slice(0, 1) },
      ];
      const input: CaseInput = {
        title: s.title,
        narrative: s.narrative,
        statute: s.statute,
        source: pick(['complaint', 'helpline', 'immigration', 'referral']),
        receivedOn,
        parties,
        entities: s.entities,
      };
      const { id } = await registerCase(deps, actor, input, {});
      created += 1;
      let on = receivedOn;
      let version = 1;
      for (const to of weighted()) {
        on = addDays(on, to === 'investigation' ? 0 : 5 + Math.floor(rand() * (to === 'challan' ? 40 : 25)));
        if (on > today) break;
        await changeStage(
          deps,
          actor,
          id,
          {
            version,
            to,
            on,
            ...(to === 'fir' ? { firNumber: `${1 + Math.floor(rand() * 300)}/${on.slice(0, 4)}`, policeStation: `FIA ${atu.code}` } : {}),
            ...(to === 'trial' ? { court: pick(['Sessions Court', 'Special Court (Offences in Banks)', 'Judicial Magistrate']) } : {}),
            ...(to === 'closed' ? { closureReason: 'insufficient-evidence' } : {}),
          },
          {},
        );
        version += 1;
      }
      await addDiaryEntry(deps, actor, id, { on: addDays(receivedOn, 1), note: pick(NOTES) }, {});
      const c = await getCase(deps, actor, id, {});
      if (c.stage === 'trial' && c.court) {
        let day = c.stageSince;
        const sittings = 1 + Math.floor(rand() * 4);
        for (let h = 0; h < sittings; h++) {
          const next = addDays(day, 14 + Math.floor(rand() * 30));
          const adjourned = rand() < 0.55;
          if (day > today) break;
          await addHearing(deps, actor, id, { court: c.court, on: day, purpose: h === 0 ? 'Framing of charge' : 'Prosecution evidence', adjourned, ...(adjourned ? { adjournmentReason: pick(ADJOURNMENTS) } : { outcome: 'Evidence recorded' }), nextDate: next }, {});
          day = next;
        }
        if (rand() < 0.45 && day <= today) {
          const convicted = rand() < 0.4;
          for (const party of c.parties.filter((p) => p.role === 'accused')) {
            for (const charge of party.charges) {
              await addJudgment(deps, actor, id, { chargeId: charge.id, court: c.court, on: day, outcome: convicted ? 'convicted' : 'acquitted', ...(convicted ? { sentenceMonths: 24 + Math.floor(rand() * 36), fineRs: 100_000 } : {}) }, {});
            }
          }
          await changeStage(deps, actor, id, { version: (await getCase(deps, actor, id, {})).version, to: 'judgment', on: day }, {});
        }
      }
    }
  }
  return created;
}
