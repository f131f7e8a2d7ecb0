// Person registry API (module `persons`): the types of src/server/modules/persons/routes.ts and
// the queries and calls the screens use, through the one API client.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, ApiError, type Page } from '../lib/api';

export type Sex = 'M' | 'F' | 'X';
export type Relation = 's/o' | 'd/o' | 'w/o';
export type MatchHow = 'exact' | 'variant' | 'phonetic' | 'fuzzy' | 'initial';
export type DuplicateStatus = 'open' | 'merged' | 'distinct';

export interface Passport {
  number: string;
  country?: string;
}
export interface Address {
  line: string;
  district?: string;
  province?: string;
}

export interface Identity {
  name: string;
  nameUrdu?: string;
  aliases: string[];
  fatherName?: string;
  relation?: string;
  dob?: string;
  cnic?: string;
  passports: Passport[];
  phones: string[];
  addresses: Address[];
}

export interface Explanation {
  matchedName: string;
  nameScore: number;
  parts: { query: string; candidate: string; how: string; similarity: number; weight: number }[];
  unmatchedQuery: string[];
  unmatchedCandidate: string[];
  attributes: { attribute: string; outcome: string; detail: string; effect: number }[];
}

export interface Person {
  id: string;
  ref: string;
  unit: { id: string; name: string };
  protected: boolean;
  sex: string | null;
  birthYear: number | null;
  nationality: string | null;
  mergedInto: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  identityVisible: boolean;
  identity: Identity | null;
  abilities: { update: boolean; merge: boolean };
}

export interface Merge {
  id: string;
  sourceId: string;
  targetId: string;
  reason: string;
  mergedBy: string;
  mergedAt: string;
  undoneBy: string | null;
  undoneAt: string | null;
  undoReason: string | null;
}

export type PersonDetail = Person & { merges: Merge[] };

export interface SearchItem {
  person: Person;
  score: number | null;
  matchedBy: string | null;
  explanation: Explanation | null;
}

export interface Duplicate {
  person: Person;
  score: number;
  explanation: Explanation;
}

export interface CheckResult {
  warnings: string[];
  duplicates: Duplicate[];
}

export interface Saved extends CheckResult {
  person: Person;
}

export interface PersonInput {
  identity: Identity;
  sex?: Sex;
  nationality?: string;
  protected?: boolean;
}

export interface MatchInput {
  name: string;
  dob?: string;
  nationality?: string;
  sex?: 'M' | 'F';
  cnic?: string;
  passport?: string;
  fatherName?: string;
  top?: number;
}

export interface MatchResult {
  threshold: number;
  hits: { person: Person; score: number | null; alert: boolean; matchedBy: string; explanation: Explanation | null }[];
}

export interface DuplicatePair {
  id: string;
  score: number;
  status: DuplicateStatus;
  source: string;
  reason: string | null;
  createdAt: string;
  decidedAt: string | null;
  explanation: Explanation;
  a: Person;
  b: Person;
}

const BASE = '/api/v1/persons';

export const personKeys = {
  all: ['persons'] as const,
  list: (q: string, page: number, pageSize: number) => ['persons', 'list', q, page, pageSize] as const,
  one: (id: string) => ['persons', 'one', id] as const,
  duplicates: (status: DuplicateStatus, page: number) => ['persons', 'duplicates', status, page] as const,
  reviewAccess: ['persons', 'review-access'] as const,
};

export function usePersons(q: string, page: number, pageSize: number) {
  return useQuery({
    queryKey: personKeys.list(q, page, pageSize),
    queryFn: () => api.get<Page<SearchItem>>(BASE, { q: q || undefined, page: q ? undefined : page, pageSize }),
    placeholderData: keepPreviousData,
  });
}

export function usePerson(id: string) {
  return useQuery({ queryKey: personKeys.one(id), queryFn: () => api.get<PersonDetail>(`${BASE}/${id}`), retry: (n, e) => !(e instanceof ApiError && e.status < 500) && n < 2 });
}

export function useDuplicates(status: DuplicateStatus, page: number, pageSize: number) {
  return useQuery({
    queryKey: personKeys.duplicates(status, page),
    queryFn: () => api.get<Page<DuplicatePair>>(`${BASE}/duplicates`, { status, page, pageSize }),
    placeholderData: keepPreviousData,
  });
}

/** Whether this user may review duplicates: the server answers 200 to reviewers, 403 to others. */
export function useCanReview(): boolean {
  const q = useQuery({
    queryKey: personKeys.reviewAccess,
    queryFn: async () => {
      try {
        await api.get<Page<DuplicatePair>>(`${BASE}/duplicates`, { pageSize: 1 });
        return true;
      } catch (e) {
        if (e instanceof ApiError && (e.status === 403 || e.status === 404)) return false;
        throw e;
      }
    },
    staleTime: Infinity,
    retry: false,
  });
  return q.data === true;
}

export const personsApi = {
  check: (body: PersonInput) => api.post<CheckResult>(`${BASE}/check`, body),
  create: (body: PersonInput) => api.post<Saved>(BASE, body),
  update: (id: string, body: PersonInput & { version: number }) => api.put<Saved>(`${BASE}/${id}`, body),
  match: (body: MatchInput) => api.post<MatchResult>(`${BASE}/match`, body),
  merge: (sourceId: string, targetId: string, reason: string) => api.post<{ mergeId: string; person: Person }>(`${BASE}/merges`, { sourceId, targetId, reason }),
  undoMerge: (mergeId: string, reason: string) => api.post<{ person: Person }>(`${BASE}/merges/${mergeId}/undo`, { reason }),
  distinct: (duplicateId: string, reason: string) => api.post<void>(`${BASE}/duplicates/${duplicateId}/distinct`, { reason }),
  get: (id: string) => api.get<PersonDetail>(`${BASE}/${id}`),
};

/**
 * Problems keyed by form field: the server says `identity.cnic` (a rule) or
 * `identity.passports.0.number` (validation); the form knows `cnic` and `passports`.
 */
export function personFieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  const keyOf = (path: string) => path.replace(/^identity\./, '').split('.')[0] ?? '';
  const d = error.details;
  if (Array.isArray(d)) {
    for (const item of d as unknown[]) {
      if (!item || typeof item !== 'object') continue;
      const { path, message } = item as { path?: unknown; message?: unknown };
      if (typeof path !== 'string' || typeof message !== 'string') continue;
      const key = keyOf(path);
      if (key && !out[key]) out[key] = message;
    }
  } else if (d && typeof d === 'object' && 'field' in d && typeof d.field === 'string') {
    out[keyOf(d.field)] = error.message;
  }
  return out;
}
