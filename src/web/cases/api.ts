// Cases API: the law catalogue, the register, registration, the case page, stage changes and
// people, typed, through TanStack Query. The court, evidence, diary and link-analysis calls are
// in work-api.ts.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type Page } from '../lib/api';

export interface Statute {
  code: string;
  title: string;
  titleUr: string;
  shortTitle: string;
  year: number;
  repealedOn: string | null;
}

export interface Offence {
  code: string;
  statute: string;
  section: string;
  title: string;
  titleUr: string;
  category: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  compoundable: boolean;
}

export interface Law {
  statutes: Statute[];
  offences: Offence[];
}

export interface CaseSummary {
  id: string;
  ref: string;
  title: string;
  unitId: string;
  unitName: string;
  stage: string;
  stageSince: string;
  statute: string;
  category: string;
  receivedOn: string;
  firNumber: string | null;
  nextHearing: string | null;
  updatedAt: string;
  overdue: boolean;
}

export interface RegisterFilters {
  unitId?: string | undefined;
  stage?: string | undefined;
  statute?: string | undefined;
  offence?: string | undefined;
  category?: string | undefined;
  minAgeDays?: number | undefined;
  overdue?: 'true' | undefined;
  q?: string | undefined;
  mine?: 'true' | undefined;
}

export interface PersonIdentity {
  name: string;
  nameUrdu?: string;
  cnic?: string;
  dob?: string;
  phones?: string[];
}

export interface CasePerson {
  id: string;
  ref: string;
  protected: boolean;
  sex: string | null;
  birthYear: number | null;
  identity: PersonIdentity | null;
}

export interface Charge {
  id: string;
  partyId: string;
  offence: string;
  title: string;
  titleUr: string;
  category: string;
}

export interface RouteLeg {
  country: string;
  city?: string;
  leg: 'origin' | 'transit' | 'destination';
}

export interface Party {
  id: string;
  personId: string;
  role: string;
  ageYears: number | null;
  minor: boolean | null;
  districtOfOrigin: string | null;
  exploitation: string[] | null;
  meansOfControl: string[] | null;
  recruiterRelation: string | null;
  route: RouteLeg[] | null;
  accusedRoles: string[] | null;
  arrestedOn: string | null;
  remandUntil: string | null;
  bailStatus: string | null;
  proclaimedOffender: boolean;
  proclamationPublishedOn: string | null;
  proclamationPeriodDays: number | null;
  absconding: boolean;
  version: number;
  person: CasePerson;
  charges: Charge[];
}

export interface StageEvent {
  id: string;
  fromStage: string | null;
  toStage: string;
  on: string;
  note: string | null;
  details: Record<string, unknown> | null;
  recordedAt: string;
}

export interface Deadline {
  id: string;
  kind: string;
  due: string;
  basis: string;
  basisUr: string;
  overdue: boolean;
}

export interface Task {
  id: string;
  title: string;
  ownerId: string | null;
  due: string | null;
  doneAt: string | null;
  version: number;
}

export interface CaseDetail {
  id: string;
  ref: string;
  unitId: string;
  unitName: string;
  title: string;
  narrative: string;
  stage: string;
  stageSince: string;
  closureReason: string | null;
  statute: string;
  category: string;
  source: string;
  receivedOn: string;
  firNumber: string | null;
  firDate: string | null;
  policeStation: string | null;
  challanDate: string | null;
  court: string | null;
  officerId: string | null;
  prosecutorId: string | null;
  nextHearing: string | null;
  version: number;
  officer: { id: string; displayName: string } | null;
  prosecutor?: { id: string; displayName: string } | null;
  identityVisible: boolean;
  parties: Party[];
  stageHistory: StageEvent[];
  deadlines: Deadline[];
  tasks: Task[];
  shares: Array<{ id: string; unitId: string; unitName: string; purpose: string; sharedAt: string }>;
  entities: Array<{ id: string; kind: string; value: string; label: string | null }>;
  abilities: { update: boolean; recordCourt: boolean; transfer: boolean };
}

export interface NewPerson {
  identity: {
    name: string;
    nameUrdu?: string;
    cnic?: string;
    dob?: string;
    aliases: string[];
    passports: Array<{ number: string }>;
    phones: string[];
    addresses: Array<{ line: string; district?: string }>;
  };
  sex?: 'M' | 'F' | 'X';
}

export interface PartyInput {
  role: string;
  personId?: string;
  person?: NewPerson;
  charges?: string[];
  ageYears?: number;
  districtOfOrigin?: string;
  exploitation?: string[];
  meansOfControl?: string[];
  recruiterRelation?: string;
  route?: RouteLeg[];
  accusedRoles?: string[];
  arrestedOn?: string;
  bailStatus?: string;
}

export interface CaseInput {
  title: string;
  narrative?: string;
  statute: string;
  source: string;
  receivedOn: string;
  stage?: 'complaint' | 'inquiry' | 'fir';
  firNumber?: string;
  firDate?: string;
  policeStation?: string;
  parties: PartyInput[];
  entities?: Array<{ kind: string; value: string; label?: string }>;
}

export interface StageChange {
  version: number;
  to: string;
  on: string;
  note?: string;
  firNumber?: string;
  policeStation?: string;
  court?: string;
  closureReason?: string;
  transferToUnitId?: string;
}

export interface PartyPatch {
  version: number;
  charges?: string[];
  arrestedOn?: string;
  remandUntil?: string;
  bailStatus?: string;
  proclaimedOffender?: boolean;
  proclamationPublishedOn?: string;
  absconding?: boolean;
  accusedRoles?: string[];
}

export interface PersonHit {
  person: { id: string; ref: string; protected: boolean; sex: string | null; birthYear: number | null; identity: PersonIdentity | null; unit: { id: string; name: string } };
  score: number | null;
}

export const casesKeys = {
  law: ['cases', 'law'] as const,
  all: ['cases'] as const,
  register: (f: RegisterFilters & { page: number; pageSize: number }) => ['cases', 'register', f] as const,
  one: (id: string) => ['cases', 'one', id] as const,
};

export function useLaw() {
  return useQuery({ queryKey: casesKeys.law, queryFn: () => api.get<Law>('/api/v1/cases/law'), staleTime: Infinity });
}

export function useRegister(f: RegisterFilters & { page: number; pageSize: number }) {
  return useQuery({ queryKey: casesKeys.register(f), queryFn: () => api.get<Page<CaseSummary> & { totalCapped: boolean }>('/api/v1/cases', { ...f }), placeholderData: keepPreviousData });
}

export function useCase(id: string) {
  return useQuery({ queryKey: casesKeys.one(id), queryFn: () => api.get<CaseDetail>(`/api/v1/cases/${id}`) });
}

export function usePersonSearch(q: string) {
  return useQuery({
    queryKey: ['persons', 'search', q],
    queryFn: () => api.get<Page<PersonHit>>('/api/v1/persons', { q, pageSize: 10 }),
    enabled: q.length >= 2,
  });
}

export const casesApi = {
  register: (body: CaseInput) => api.post<{ id: string; ref: string }>('/api/v1/cases', body),
  changeStage: (id: string, body: StageChange) => api.post<void>(`/api/v1/cases/${id}/stage`, body),
  addParty: (id: string, body: PartyInput & { version: number }) => api.post<{ partyId: string }>(`/api/v1/cases/${id}/parties`, body),
  updateParty: (id: string, partyId: string, body: PartyPatch) => api.patch<void>(`/api/v1/cases/${id}/parties/${partyId}`, body),
};

/** Offences a charge may be chosen from: the statute's own and the related (PPC and other) ones. */
export function chargeOptions(law: Law, statute: string | null): Offence[] {
  return law.offences.filter((o) => o.statute === statute || o.category === 'related');
}
