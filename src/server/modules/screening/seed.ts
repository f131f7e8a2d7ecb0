// Demo data for the Immigration Monitoring System: a few watchlists with entries (a stolen
// passport number, exit-control names), the automatic lists fed from the demo cases, and some
// encounters, off-loadees and deportees at Lahore airport. Idempotent: skipped when the exit
// control list exists or the demo immigration accounts are missing.
import { eq } from 'drizzle-orm';
import { screeningWatchlists, users } from '../../db/schema.js';
import { loadUser } from '../../platform/auth.js';
import type { Deps } from '../../platform/http.js';
import type { UserActor } from '../../platform/policy.js';
import { composeTd3 } from './mrz.js';
import { check, createEntry, createWatchlist, decideHit, refreshCaseFeed } from './service.js';
import { recordDeportee, recordOffloadee } from './sop.js';

async function demoActor(deps: Deps, username: string): Promise<UserActor | null> {
  const [u] = await deps.db.select({ id: users.id }).from(users).where(eq(users.username, username));
  return u ? ((await loadUser(deps.db, u.id))?.actor ?? null) : null;
}

const inYears = (n: number) => `${new Date().getFullYear() + n}-03-31`;

export async function seedScreeningDemo(deps: Deps): Promise<number> {
  await refreshCaseFeed(deps, { kind: 'system', name: 'seed' });
  const [exists] = await deps.db.select({ id: screeningWatchlists.id }).from(screeningWatchlists).where(eq(screeningWatchlists.name, 'Exit Control List (ECL)'));
  const supervisor = await demoActor(deps, 'immigration.supervisor');
  const officer = await demoActor(deps, 'immigration');
  if (exists || !supervisor || !officer) return 0;
  const o = {};
  const ecl = await createWatchlist(deps, supervisor, { name: 'Exit Control List (ECL)', kind: 'exit-control', instruction: 'stop', legalBasis: 'Exit from Pakistan (Control) Ordinance 1981; Ministry of Interior orders' }, o);
  const lost = await createWatchlist(deps, supervisor, { name: 'Lost and stolen passports', kind: 'lost-stolen-documents', instruction: 'stop', legalBasis: 'Passports Act 1974; DGI&P reports' }, o);
  const pcl = await createWatchlist(deps, supervisor, { name: 'Passport Control List (PCL)', kind: 'passport-control', instruction: 'refer-to-atu', legalBasis: 'Passports Act 1974, s. 8' }, o);
  const intel = await createWatchlist(deps, supervisor, { name: 'Persons of interest (intelligence)', kind: 'intelligence', instruction: 'inform', legalBasis: 'FIA Act 1974; intelligence sharing with the AHT&S wing', expiresOn: inYears(1) }, o);
  const entries: Array<[string, Parameters<typeof createEntry>[3]]> = [
    [ecl.id, { names: ['Muhammad Tariq Mehmood', 'محمد طارق محمود'], dateOfBirth: '1979-11-04', nationality: 'PAK', sex: 'M', notes: 'ECL memo 2025/114' }],
    [ecl.id, { names: ['Sajjad Hussain Shah'], fatherName: 'Ghulam Hussain Shah', dateOfBirth: '1971-01-20', nationality: 'PAK', sex: 'M', cnic: '35202-7654321-3' }],
    [ecl.id, { names: ['Rehana Kausar'], dateOfBirth: '1984-06-12', nationality: 'PAK', sex: 'F' }],
    [lost.id, { names: ['Imran Ali Khan'], documentNumbers: ['AB1234567'], notes: 'Reported stolen at Lahore, FIR 221/2026' }],
    [lost.id, { names: ['Nasreen Akhtar'], documentNumbers: ['CK7777123'], notes: 'Lost; reported by holder' }],
    [pcl.id, { names: ['Zafar Iqbal Warraich'], dateOfBirth: '1975-09-09', nationality: 'PAK', sex: 'M' }],
    [intel.id, { names: ['Haji Sabir', 'Sabir Khan Achakzai'], nationality: 'AFG', sex: 'M', notes: 'Reported facilitator on the Taftan route' }],
  ];
  for (const [list, e] of entries) await createEntry(deps, supervisor, list, e, o);
  // Encounters at the counter: a clear one, a stolen passport (confirmed), an ECL near-match (false match), a minor.
  await check(deps, officer, { mrz: composeTd3({ state: 'PAK', surname: 'Qureshi', givenNames: 'Sana', number: 'CK1234987', nationality: 'PAK', dob: '1990-01-01', sex: 'F', expiry: inYears(4) }) }, o);
  const stolen = await check(deps, officer, { mrz: composeTd3({ state: 'PAK', surname: 'Rauf', givenNames: 'Adnan', number: 'AB1234567', nationality: 'PAK', dob: '1988-02-02', sex: 'M', expiry: inYears(3) }) }, o);
  if (stolen.hits[0]) await decideHit(deps, officer, stolen.hits[0].id, { decision: 'confirmed', reason: 'Passport number on the stolen list; the holder is not the reported owner' }, o);
  const near = await check(deps, officer, { name: 'Tariq Mahmood', dateOfBirth: '1979-11-04', nationality: 'PAK' }, o);
  if (near.hits[0]) await decideHit(deps, officer, near.hits[0].id, { decision: 'false-match', reason: "Different father's name and CNIC" }, o);
  await check(deps, officer, { mrz: composeTd3({ state: 'PAK', surname: 'Bibi', givenNames: 'Ayesha', number: 'DK5555111', nationality: 'PAK', dob: `${new Date().getFullYear() - 13}-04-01`, sex: 'F', expiry: inYears(4) }) }, o);
  // Off-loadees and deportees.
  const offloads: Array<[string, string, Array<'no-protector-stamp' | 'fake-visa' | 'suspected-smuggling' | 'fake-job-offer' | 'suspicious-documents'>, string]> = [
    ['Bilal Ahmed', 'Saudi Arabia', ['no-protector-stamp'], 'Al-Noor Overseas Employment Promoters'],
    ['Usman Ghani', 'Libya', ['suspected-smuggling', 'fake-visa'], 'Sky Travels Gujrat'],
    ['Farhan Ali', 'Libya', ['suspected-smuggling'], 'Sky Travels Gujrat'],
    ['Kashif Mehmood', 'Malaysia', ['fake-job-offer'], 'Prime Manpower'],
    ['Shabana Yasmin', 'Oman', ['suspicious-documents'], 'Al-Noor Overseas Employment Promoters'],
  ];
  for (const [name, destination, grounds, agency] of offloads) {
    await recordOffloadee(deps, officer, { traveller: { name }, sex: name === 'Shabana Yasmin' ? 'F' : 'M', nationality: 'PAK', grounds, destination, route: destination === 'Libya' ? 'LHE-DXB-BEN' : undefined, agency, sponsor: 'named by the traveller' }, o);
  }
  await recordDeportee(deps, officer, { traveller: { name: 'Kamran Ali', dateOfBirth: '1995-05-05' }, sex: 'M', nationality: 'PAK', deportingCountry: 'Saudi Arabia', reason: 'Overstay', travelHistory: [{ country: 'SAU' }], assessment: 'none' }, o);
  await recordDeportee(
    deps,
    officer,
    {
      traveller: { name: 'Asif Raza', dateOfBirth: '1998-09-09', documentNumber: 'EK1212121' },
      sex: 'M',
      nationality: 'PAK',
      deportingCountry: 'Greece',
      reason: 'Irregular entry',
      travelHistory: [{ country: 'IRN' }, { country: 'TUR' }, { country: 'GRC' }],
      interview: { arrangedBy: 'An agent in Gujrat', amountPaidRs: 2_500_000, paidTo: 'Haji Sabir', route: 'Taftan, Iran, Turkey, by sea to Greece', whatHappened: 'Held in a house in Iran until the family paid more' },
      assessment: 'suspected-victim',
      referToAtu: true,
    },
    o,
  );
  return entries.length;
}
