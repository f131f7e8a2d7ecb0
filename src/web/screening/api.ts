// Screening API (the Immigration Monitoring System): checks at the counter, hit decisions, the
// heartbeat, watchlists and their import, off-loadees, deportees, manifests, statistics and the
// ATU's referrals — typed after the zod schemas in src/server/modules/screening/routes.ts.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, withQuery, type Page } from '../lib/api';
import type { Explanation } from '../persons/api';

export const BASE = '/api/v1/screening';

// ── the counter ────────────────────────────────────────────────────────────────────────────────
export interface DocumentFlag {
  code: string;
  message: string;
}

/** The parsed document: whatever the MRZ (or the typed fields) gave, plus the checks' verdict. */
export interface ScreenedDocument {
  source?: 'mrz' | 'manual';
  format?: string | null;
  documentCode?: string | null;
  documentNumber?: string | null;
  issuingState?: string | null;
  nationality?: string | null;
  surname?: string | null;
  givenNames?: string | null;
  name?: string | null;
  dateOfBirth?: string | null;
  sex?: string | null;
  expiryDate?: string | null;
  expirationDate?: string | null;
  personalNumber?: string | null;
  cnic?: string | null;
  ageYears?: number | null;
  valid: boolean;
  flags: DocumentFlag[];
}

export type Instruction = 'stop' | 'refer-to-atu' | 'inform' | 'allow';
export type Decision = 'false-match' | 'confirmed';

export interface WatchlistRef {
  id?: string;
  name: string;
  kind: string;
  instruction: string;
}

export interface HitReferral {
  id: string;
  atuId: string;
  atuName: string;
  caseRef: string | null;
}

export interface Hit {
  id: string;
  entryId?: string | null;
  list: WatchlistRef;
  score: number;
  alert: boolean;
  explanation: Explanation | null;
  matchedBy: string;
  /** 'pending' until the officer decides. */
  decision?: string | null;
  reason?: string | null;
  decidedAt?: string | null;
  referral?: HitReferral | null;
}

export interface DecisionResult {
  id: string;
  decision: Decision;
  reason: string;
  referral: HitReferral | null;
}

export interface CheckResult {
  document: ScreenedDocument;
  hits: Hit[];
  encounterId: string;
  result?: 'hit' | 'flagged' | 'clear';
  post?: { id: string; name: string };
  counterId?: string | null;
  checkedAt?: string;
}

export type CheckInput = { mrz: string; counterId?: string } | { name: string; dateOfBirth?: string; nationality?: string; documentNumber?: string; counterId?: string };

export interface Heartbeat {
  status: 'ok';
  entries: number;
  indexLoadedAt: string | null;
  serverTime: string;
}

/** The heartbeat: polled every 10 s; an error (or no answer) means the counter is not connected. */
export function useHeartbeat() {
  return useQuery({
    queryKey: ['screening', 'heartbeat'],
    queryFn: () => api.get<Heartbeat>(`${BASE}/heartbeat`),
    refetchInterval: 10_000,
    refetchIntervalInBackground: true,
    retry: false,
    gcTime: 0,
  });
}

export function useCheck() {
  return useMutation({ mutationFn: (input: CheckInput) => api.post<CheckResult>(`${BASE}/checks`, input) });
}

export function useDecide() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ hitId, decision, reason }: { hitId: string; decision: Decision; reason: string }) => api.post<DecisionResult>(`${BASE}/hits/${hitId}/decision`, { decision, reason }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['screening', 'referrals'] }),
  });
}

// ── watchlists ─────────────────────────────────────────────────────────────────────────────────
export interface Watchlist {
  id: string;
  name: string;
  kind: string;
  instruction: string;
  ownerUnitId: string;
  ownerName: string;
  legalBasis: string;
  expiresOn: string | null;
  active: boolean;
  automatic: boolean;
  entries: number | null;
  canManage: boolean;
  version: number;
  updatedAt?: string;
}

export interface WatchlistEntry {
  id: string;
  watchlistId: string;
  names: string[];
  fatherName: string | null;
  dateOfBirth: string | null;
  nationality: string | null;
  sex: string | null;
  documentNumbers: string[];
  cnic: string | null;
  notes: string | null;
  expiresOn: string | null;
  active: boolean;
  source: string;
  caseId: string | null;
  version: number;
  updatedAt?: string;
}

export interface WatchlistInput {
  name: string;
  kind: string;
  instruction: string;
  legalBasis: string;
  expiresOn?: string | null;
}

export interface EntryInput {
  names: string[];
  fatherName?: string;
  dateOfBirth?: string;
  nationality?: string;
  sex?: 'M' | 'F';
  documentNumbers?: string[];
  cnic?: string;
  notes?: string;
  expiresOn?: string | null;
}

export interface ImportRowError {
  row: number;
  field: string | null;
  message: string;
}
export interface ImportResult {
  committed: boolean;
  rows: number;
  ok: number;
  withErrors: number;
  errors: ImportRowError[];
  preview: Array<{ row: number; ok: boolean; names: string[]; dateOfBirth: string | null; documentNumbers: string[] }>;
  created: number;
}

export function useWatchlists() {
  return useQuery({ queryKey: ['screening', 'watchlists'], queryFn: () => api.get<Watchlist[]>(`${BASE}/watchlists`) });
}

export function useEntries(listId: string | null, page: number, pageSize: number) {
  return useQuery({
    queryKey: ['screening', 'entries', listId, page, pageSize],
    queryFn: () => api.get<Page<WatchlistEntry>>(`${BASE}/watchlists/${listId ?? ''}/entries`, { page, pageSize }),
    enabled: !!listId,
    placeholderData: keepPreviousData,
  });
}

export const watchlistApi = {
  create: (body: WatchlistInput) => api.post<Watchlist>(`${BASE}/watchlists`, body),
  update: (id: string, body: Partial<Omit<WatchlistInput, 'kind'>> & { version: number; active?: boolean }) => api.patch<Watchlist>(`${BASE}/watchlists/${id}`, body),
  addEntry: (listId: string, body: EntryInput) => api.post<WatchlistEntry>(`${BASE}/watchlists/${listId}/entries`, body),
  getEntry: (id: string) => api.get<WatchlistEntry>(`${BASE}/entries/${id}`),
  updateEntry: (id: string, body: Partial<EntryInput> & { version: number; active?: boolean }) => api.patch<WatchlistEntry>(`${BASE}/entries/${id}`, body),
  /** content: the text of a .csv / .jsonl, base64 of an .xlsx. */
  importEntries: (listId: string, body: { filename: string; content: string; commit: boolean }) => api.post<ImportResult>(`${BASE}/watchlists/${listId}/import`, body),
};

// ── off-loadees and deportees ──────────────────────────────────────────────────────────────────
export interface Traveller {
  name: string;
  fatherName?: string;
  dateOfBirth?: string;
  documentNumber?: string;
  cnic?: string;
  phone?: string;
}
export interface Offloadee {
  id: string;
  postId: string;
  postName: string;
  on: string;
  traveller: Traveller | null;
  sex: string | null;
  ageYears: number | null;
  nationality: string | null;
  grounds: string[];
  destination: string;
  route: string | null;
  purpose: string | null;
  sponsor: string | null;
  agency: string | null;
  note: string | null;
}
export interface OffloadInput {
  counterId?: string;
  encounterId?: string;
  traveller: Traveller;
  sex?: 'M' | 'F' | 'X';
  nationality?: string;
  grounds: string[];
  destination: string;
  route?: string;
  purpose?: string;
  sponsor?: string;
  agency?: string;
  note?: string;
}

export interface Interview {
  arrangedBy?: string;
  amountPaidRs?: number;
  paidTo?: string;
  route?: string;
  whatHappened?: string;
}
export type Assessment = 'none' | 'suspected-victim' | 'smuggled-migrant';
export interface Deportee {
  id: string;
  postId: string;
  postName: string;
  on: string;
  traveller: Traveller | null;
  interview: Interview | null;
  sex: string | null;
  ageYears: number | null;
  deportingCountry: string;
  reason: string;
  travelHistory: Array<{ country: string; from?: string; to?: string }>;
  amountPaidRs: number | null;
  assessment: Assessment;
  caseId: string | null;
  referralId: string | null;
}
export interface DeporteeInput {
  counterId?: string;
  on?: string;
  traveller: Traveller;
  sex?: 'M' | 'F' | 'X';
  nationality?: string;
  deportingCountry: string;
  reason: string;
  travelHistory: Array<{ country: string }>;
  interview?: Interview;
  assessment: Assessment;
  referToAtu?: boolean;
}
export interface DeporteeSaved {
  id: string;
  caseId: string | null;
  caseRef: string | null;
  referralId: string | null;
  atu: { id: string; name: string } | null;
}

export function useOffloadees(page: number, pageSize: number) {
  return useQuery({ queryKey: ['screening', 'offloadees', page, pageSize], queryFn: () => api.get<Page<Offloadee>>(`${BASE}/offloadees`, { page, pageSize }), placeholderData: keepPreviousData });
}
export function useDeportees(page: number, pageSize: number) {
  return useQuery({ queryKey: ['screening', 'deportees', page, pageSize], queryFn: () => api.get<Page<Deportee>>(`${BASE}/deportees`, { page, pageSize }), placeholderData: keepPreviousData });
}
export const travellerApi = {
  offload: (body: OffloadInput) => api.post<{ id: string }>(`${BASE}/offloadees`, body),
  deportee: (body: DeporteeInput) => api.post<DeporteeSaved>(`${BASE}/deportees`, body),
};

// ── manifests ──────────────────────────────────────────────────────────────────────────────────
export interface Passenger {
  name: string;
  dateOfBirth?: string;
  nationality?: string;
  documentNumber?: string;
  sex?: 'M' | 'F';
}
export interface ManifestHit {
  row: number;
  passenger: Passenger;
  entryId: string;
  list: WatchlistRef;
  score: number;
  alert: boolean;
  matchedBy: string;
  explanation: Explanation | null;
}
export interface Manifest {
  id: string;
  flight: string | null;
  status: string;
  total: number;
  done: number;
  hitCount: number;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  hits: ManifestHit[];
}
export const manifestFinished = (status: string) => status === 'done' || status === 'failed';

export function useManifest(id: string | null) {
  return useQuery({
    queryKey: ['screening', 'manifest', id],
    queryFn: () => api.get<Manifest>(`${BASE}/manifests/${id ?? ''}`),
    enabled: !!id,
    refetchInterval: (q) => (q.state.data && manifestFinished(q.state.data.status) ? false : 1000),
  });
}
export const manifestApi = {
  upload: (body: { flight?: string; passengers?: Passenger[]; csv?: string }) => api.post<{ id: string; status: string; total: number }>(`${BASE}/manifests`, body),
};

// ── referrals for the ATU ──────────────────────────────────────────────────────────────────────
export interface ScreeningReferral {
  id: string;
  status: string;
  source: string;
  atu: { id: string; name: string };
  from: { id: string; name: string };
  hitId: string | null;
  deporteeId: string | null;
  encounterId: string | null;
  caseId: string | null;
  caseRef: string | null;
  summary: string;
  traveller: { name: string | null; documentNumber: string | null; dateOfBirth: string | null; nationality: string | null; sex: string | null; cnic: string | null } | null;
  createdAt: string;
  acknowledgedAt: string | null;
  version: number;
}
export function useReferrals(status: string | null, page: number, pageSize: number) {
  return useQuery({
    queryKey: ['screening', 'referrals', status, page, pageSize],
    queryFn: () => api.get<Page<ScreeningReferral>>(`${BASE}/referrals`, { status: status ?? undefined, page, pageSize }),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
}
export const referralApi = {
  acknowledge: (r: ScreeningReferral) => api.post<ScreeningReferral>(`${BASE}/referrals/${r.id}/acknowledge`, { version: r.version }),
};

// ── headquarters ───────────────────────────────────────────────────────────────────────────────
export interface StatsFilters {
  from?: string;
  to?: string;
  postId?: string;
}
export interface Count {
  key: string;
  n: number;
}
export interface Stats {
  encounters: Array<{ postId: string; postName: string; day: string; encounters: number; hits: number; flagged: number; confirmed: number }>;
  adjudication: { decided: number; pending: number; confirmed: number; falseMatch: number; medianSeconds: number | null; p90Seconds: number | null };
  offloadees: { byGround: Count[]; byDestination: Count[]; byAgency: Count[]; byRoute: Count[]; byPost: Count[] };
  deportees: { byCountry: Count[]; byReason: Count[]; byAssessment: Count[]; byPost: Count[] };
}
export function useStats(f: StatsFilters) {
  return useQuery({ queryKey: ['screening', 'stats', f], queryFn: () => api.get<Stats>(`${BASE}/stats`, { ...f }), placeholderData: keepPreviousData });
}
export const statsExportUrl = (f: StatsFilters, format: 'csv' | 'xlsx') => withQuery(`${BASE}/stats/export`, { ...f, format });

/** Reads a file as base64 (no data: prefix). */
export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error('cannot read the file'));
    reader.onload = () => {
      const s = String(reader.result);
      resolve(s.slice(s.indexOf(',') + 1));
    };
    reader.readAsDataURL(file);
  });
}
