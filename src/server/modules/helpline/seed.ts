// Demo data for the helpline and the referral mechanism: about fifty contacts across channels
// and classifications over the last month (some waiting on the queue, a few abandoned calls),
// a few hand-offs (one acknowledged into an inquiry case), the directory of service providers
// for the REFERRAL units, and a few referrals. Deterministic; skipped when contacts exist.
import { and, count, eq, sql } from 'drizzle-orm';
import { seededRandom } from '../../../../bench/synthetic-names.js';
import { helplineContacts, units, users } from '../../db/schema.js';
import { loadUser } from '../../platform/auth.js';
import type { Deps } from '../../platform/http.js';
import type { UserActor } from '../../platform/policy.js';
import { createPerson } from '../persons/service.js';
import { recordConsent, sendReferral, updateProvider, type ProviderInput } from '../referrals/service.js';
import { issueChallenge, solveChallenge } from './pow.js';
import * as helpline from './service.js';

const SUMMARIES: Record<string, string> = {
  'forced-labour': 'Workers at a farm are not allowed to leave and are paid nothing.',
  'bonded-labour': 'A family at a brick kiln is told they owe an advance that keeps growing.',
  'domestic-servitude': 'A girl works in a house day and night; the employer keeps her CNIC.',
  'sexual-exploitation': 'Young women brought from a village are held in a flat and made to see men.',
  'child-labour-begging': 'Children are dropped at a traffic signal every morning and collected at night.',
  'forced-child-marriage': 'A 14-year-old is to be married to settle a debt.',
  'organ-removal': 'A man was promised money for a kidney and taken to a private clinic.',
  'migrant-smuggling': 'An agent is collecting money to send young men to Europe through Iran.',
  'fraudulent-recruitment': 'A promoter took 600,000 rupees for a job in Saudi Arabia; the visa was fake.',
  other: 'A caller asks how to report an employer abroad.',
};
const DISTRICTS = ['Lahore', 'Sialkot', 'Gujranwala', 'Faisalabad', 'Multan', 'Karachi', 'Hyderabad', 'Peshawar', 'Quetta', 'Islamabad', 'Rahim Yar Khan', 'Mandi Bahauddin', 'Swat', 'Larkana'];

const PROVIDERS: Record<string, ProviderInput> = {
  'SHELTER-LHR': { services: ['shelter', 'psychosocial'], languages: ['ur', 'pa', 'en'], districts: ['Lahore', 'Kasur', 'Sheikhupura', 'Okara'], hours: '24/7', capacity: 40, available: 7, address: '12 Canal Bank Road, Lahore', phone: '042-35550100' },
  'SHELTER-KHI': { services: ['shelter', 'psychosocial', 'translation'], languages: ['ur', 'sd', 'en', 'bn'], districts: ['Karachi', 'Thatta', 'Hyderabad'], hours: '24/7', capacity: 30, available: 2, address: 'Block 7, Gulshan-e-Iqbal, Karachi', phone: '021-34440200' },
  'SHELTER-ISB': { services: ['shelter', 'repatriation'], languages: ['ur', 'en', 'ps', 'fa'], districts: ['Islamabad', 'Rawalpindi', 'Attock'], hours: '24/7', capacity: 20, available: 5, address: 'Sector H-8, Islamabad', phone: '051-9260300' },
  'NGO-LEGAL': { services: ['legal-aid', 'ngo-support'], languages: ['ur', 'en', 'pa'], districts: ['Lahore', 'Gujranwala', 'Sialkot', 'Faisalabad'], hours: 'Mon–Sat 09:00–17:00', capacity: 60, available: 12, phone: '042-35770400' },
  'NGO-PSS': { services: ['psychosocial', 'translation', 'ngo-support'], languages: ['ur', 'sd', 'en', 'bn', 'my'], districts: ['Karachi', 'Hyderabad', 'Sukkur'], hours: 'Mon–Fri 09:00–18:00, helpline 24/7', capacity: 80, available: 20, phone: '021-35880500' },
  'HOSP-PIMS': { services: ['medical', 'psychosocial'], languages: ['ur', 'en', 'ps'], districts: ['Islamabad', 'Rawalpindi'], hours: 'Emergency 24/7', phone: '051-9261170' },
  'HOSP-MAYO': { services: ['medical'], languages: ['ur', 'pa', 'en'], districts: ['Lahore'], hours: 'Emergency 24/7', phone: '042-99211100' },
};

async function actorOf(deps: Deps, username: string): Promise<UserActor | null> {
  const [u] = await deps.db.select({ id: users.id }).from(users).where(eq(users.username, username));
  return u ? ((await loadUser(deps.db, u.id))?.actor ?? null) : null;
}

export async function seedHelplineDemo(deps: Deps): Promise<{ contacts: number; handoffs: number; referrals: number }> {
  const [existing] = await deps.db.select({ n: count() }).from(helplineContacts);
  if ((existing?.n ?? 0) > 0) return { contacts: 0, handoffs: 0, referrals: 0 };
  const operator = await actorOf(deps, 'operator');
  const atu = await actorOf(deps, 'investigator');
  if (!operator || !atu) return { contacts: 0, handoffs: 0, referrals: 0 };

  // The directory.
  for (const [code, details] of Object.entries(PROVIDERS)) {
    const [u] = await deps.db.select({ id: units.id }).from(units).where(eq(units.code, code));
    if (u) await updateProvider(deps, { kind: 'system', name: 'seed' }, u.id, details, {});
  }

  const rand = seededRandom(6006);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const classes = Object.keys(SUMMARIES);
  let contacts = 0;
  const handedOff: string[] = [];
  const now = Date.now();

  // Contacts logged over the last month, ended with a disposition; every seventh handed off.
  for (let i = 0; i < 36; i++) {
    const cls = pick(classes);
    const urgency = rand() < 0.1 ? 'immediate' : rand() < 0.3 ? 'within-24h' : 'routine';
    const received = new Date(now - Math.floor(rand() * 30 * 86_400_000));
    const c = await helpline.createContact(
      deps,
      operator,
      {
        channel: pick(['phone', 'phone', 'phone', 'whatsapp', 'sms', 'walk-in', 'email'] as const),
        receivedAt: received.toISOString(),
        language: pick(['ur', 'ur', 'pa', 'sd', 'ps', 'en']),
        callerType: pick(['victim', 'family', 'witness', 'community', 'other-agency'] as const),
        summary: SUMMARIES[cls],
        classification: [cls],
        urgency,
        district: pick(DISTRICTS),
        safeToCall: rand() < 0.6 ? true : rand() < 0.5 ? false : null,
        callerPhone: `03${String(Math.floor(rand() * 1e9)).padStart(9, '0')}`,
        legalBasis: rand() < 0.8 ? 'consent' : 'none',
      },
      {},
    );
    contacts += 1;
    if (i % 7 === 3 && c.legalBasis === 'consent' && cls !== 'other') {
      const h = await helpline.handOff(deps, operator, c.id, { version: c.version }, {});
      handedOff.push(h.id);
    } else {
      await helpline.endContact(deps, operator, c.id, { version: c.version, disposition: pick(['information-given', 'referred-to-service', 'no-further-action', 'callback-needed'] as const) }, {});
    }
  }

  // Calls from the telephone system: answered, and a few abandoned (callbacks to make).
  const bridge = operator;
  for (let i = 0; i < 8; i++) {
    const callId = `demo-${1718000000 + i}.${i}`;
    const t = now - Math.floor(rand() * 3 * 86_400_000);
    const callerId = `03${String(Math.floor(rand() * 1e9)).padStart(9, '0')}`;
    await helpline.telephonyEvent(deps, bridge, { event: 'ring', callId, callerId, queue: 'helpline-ur', at: new Date(t).toISOString() }, {});
    if (i % 3 !== 0) await helpline.telephonyEvent(deps, bridge, { event: 'answer', callId, agent: operator.username, at: new Date(t + 8000 + Math.floor(rand() * 40_000)).toISOString() }, {});
    await helpline.telephonyEvent(deps, bridge, { event: 'hangup', callId, duration: 120, at: new Date(t + 180_000).toISOString() }, {});
    contacts += 1;
  }
  // Waiting on the queue now: messages and web reports.
  for (let i = 0; i < 3; i++) {
    await helpline.inboundMessage(deps, bridge, { channel: i % 2 ? 'sms' : 'whatsapp', from: `0345${String(1000000 + i * 7919).padStart(7, '0')}`, text: SUMMARIES[pick(classes)]!, language: 'ur' }, {});
    contacts += 1;
  }
  for (let i = 0; i < 3; i++) {
    const ch = issueChallenge(deps.cipher);
    await helpline.submitReport(
      deps,
      { whatHappened: SUMMARIES[pick(classes)]!, where: { district: pick(DISTRICTS) }, when: 'last week', contact: { method: i === 0 ? 'none' : 'phone', ...(i === 0 ? {} : { value: `0300${String(2000000 + i).padStart(7, '0')}`, safeFrom: '10:00', safeTo: '12:00' }) }, language: 'ur', immediateDanger: i === 2 },
      { challenge: ch.challenge, nonce: solveChallenge(ch.challenge, ch.difficulty) },
    );
    contacts += 1;
  }

  // The first hand-off acknowledged by an investigator of its ATU (an inquiry case opened).
  const first = (await helpline.listHandoffs(deps, operator, { open: true })).items.at(-1);
  if (first) {
    const [io] = await deps.db
      .select({ username: users.username })
      .from(users)
      .where(and(eq(users.unitId, first.unit.id), sql`'atu-investigator' = ANY(${users.roles})`))
      .limit(1);
    const officer = io ? await actorOf(deps, io.username) : null;
    if (officer) await helpline.acknowledgeHandoff(deps, officer, first.id, {});
  }

  // Referrals from ATU Lahore: one with consent, one under the minor exception.
  let referralCount = 0;
  const [ngo] = await deps.db.select({ id: units.id }).from(units).where(eq(units.code, 'NGO-LEGAL'));
  const [shelter] = await deps.db.select({ id: units.id }).from(units).where(eq(units.code, 'SHELTER-LHR'));
  if (ngo && shelter) {
    const adult = await createPerson(deps, atu, { identity: { name: 'Nasreen Bibi', aliases: [], dob: '1994-02-11', passports: [], phones: ['03017654321'], addresses: [] }, sex: 'F', nationality: 'PAK', protected: true }, {}, 'seed');
    const consent = await recordConsent(deps, atu, { personId: adult.person.id, providerUnitId: ngo.id, fields: ['name', 'age', 'phones'], purpose: 'legal aid as a complainant', validUntil: new Date(now + 180 * 86_400_000).toISOString().slice(0, 10), form: 'written' }, {});
    await sendReferral(deps, atu, { personId: adult.person.id, providerUnitId: ngo.id, service: 'legal-aid', purpose: 'Representation at trial', urgency: 'routine', sourceModule: 'cases', fields: ['name', 'age', 'phones'], consentId: consent.id }, {});
    const minor = await createPerson(deps, atu, { identity: { name: 'Areeba', aliases: [], dob: `${new Date().getFullYear() - 14}-08-01`, passports: [], phones: [], addresses: [] }, sex: 'F', nationality: 'PAK', protected: true }, {}, 'seed');
    await sendReferral(deps, atu, { personId: minor.person.id, providerUnitId: shelter.id, service: 'shelter', purpose: 'Safe accommodation after recovery', urgency: 'immediate', sourceModule: 'cases', fields: ['name', 'age', 'sex'], exception: 'minor', justification: 'A 14-year-old recovered from domestic servitude; her guardians are suspects.' }, {});
    referralCount = 2;
  }
  return { contacts, handoffs: handedOff.length, referrals: referralCount };
}
