// Monitoring API (server: cases/monitoring-routes.ts): the Cell's dashboard, overdue deadlines,
// proclaimed offenders, adjournments, the monthly worksheet, and import of legacy registers.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, withQuery, type Page } from '../lib/api';
import type { RegisterFilters } from '../cases/api';

export type MonitoringFilters = Omit<RegisterFilters, 'mine'>;

interface Outcomes {
  convicted: number;
  acquitted: number;
  discharged: number;
  judgments: number;
  rate: number | null;
}

export interface Dashboard {
  asOf: string;
  total: number;
  byStage: Array<{ stage: string; count: number }>;
  ageingByStage: Array<{ stage: string; buckets: Array<{ bucket: string; count: number }> }>;
  byAtu: Array<{ unitId: string; unitName: string; cases: number; trafficking: number; smuggling: number; both: number; other: number }>;
  byCategory: { trafficking: number; smuggling: number; both: number; other: number };
  conviction: {
    overall: Outcomes;
    byAtu: Array<{ unitId: string; unitName: string } & Outcomes>;
    byCourt: Array<{ court: string } & Outcomes>;
    byStatute: Array<{ statute: string; cases: number } & Outcomes>;
  };
  adjournments: {
    byCourt: Array<{ court: string; hearings: number; adjourned: number; rate: number | null }>;
    mostAdjourned: Array<{ caseId: string; ref: string; unitName: string; stage: string; court: string | null; adjournments: number }>;
  };
  overdueDeadlines: { total: number; byKind: Array<{ kind: string; count: number }> };
  monthly: Array<{ month: string; newCases: number; firs: number }>;
}

export interface OverdueItem {
  caseId: string;
  ref: string;
  unitName: string;
  stage: string;
  kind: string;
  due: string;
  daysOverdue: number;
  basis: string;
  basisUr: string;
}

export interface ProclaimedItem {
  partyId: string;
  personRef: string | null;
  name: string | null;
  caseId: string;
  ref: string;
  unitName: string;
  stage: string;
  proclaimedOffender: boolean;
  absconding: boolean;
  proclamationPublishedOn: string | null;
  proclamationPeriodDays: number | null;
  arrestedOn: string | null;
  charges: Array<{ offence: string; title: string }>;
}

export interface AdjournmentItem {
  court: string;
  hearings: number;
  adjourned: number;
  cases: number;
  rate: number | null;
  topReasons: Array<{ reason: string; count: number }>;
}

export interface WorksheetRow {
  unitId: string;
  unitName: string;
  newCases: number;
  firs: number;
  challans: number;
  convicted: number;
  acquitted: number;
  pending: Record<string, number>;
  overdueDeadlines: number;
  adjourned3: number;
}

export interface Worksheet {
  month: string;
  monthEnd: string;
  asOf: string;
  stages: string[];
  atus: WorksheetRow[];
  review: Array<{ caseId: string; ref: string; unitName: string; stage: string; reason: 'overdue-s173' | 'remand-expired' | 'no-activity-90-days'; detail: string }>;
}

export interface RowError {
  row: number;
  column: string | null;
  message: string;
}

export interface ImportResult {
  committed: boolean;
  rows: Array<{
    row: number;
    ok: boolean;
    errors: RowError[];
    case: {
      legacyRef: string | null;
      title: string;
      statute: string;
      stage: string;
      receivedOn: string;
      firNumber: string | null;
      victim: { name: string; sex: string | null; ageYears: number | null } | null;
      accused: Array<{ name: string; charges: string[] }>;
    } | null;
  }>;
  ok: number;
  withErrors: number;
  errors: RowError[];
  created: Array<{ row: number; id: string; ref: string }>;
}

const BASE = '/api/v1/cases/monitoring';

export function useDashboard(f: MonitoringFilters) {
  return useQuery({ queryKey: ['monitoring', 'dashboard', f], queryFn: () => api.get<Dashboard>(`${BASE}/dashboard`, { ...f }), placeholderData: keepPreviousData });
}

export function useOverdue(f: MonitoringFilters & { page: number; pageSize: number; kind?: string }) {
  return useQuery({ queryKey: ['monitoring', 'overdue', f], queryFn: () => api.get<Page<OverdueItem>>(`${BASE}/overdue`, { ...f }), placeholderData: keepPreviousData });
}

export function useProclaimed(f: MonitoringFilters & { page: number; pageSize: number }) {
  return useQuery({ queryKey: ['monitoring', 'proclaimed', f], queryFn: () => api.get<Page<ProclaimedItem>>(`${BASE}/proclaimed-offenders`, { ...f }), placeholderData: keepPreviousData });
}

export function useAdjournments(f: MonitoringFilters) {
  return useQuery({ queryKey: ['monitoring', 'adjournments', f], queryFn: () => api.get<{ items: AdjournmentItem[] }>(`${BASE}/adjournments`, { ...f }), select: (r) => r.items });
}

export function useWorksheet(month: string, f: MonitoringFilters) {
  return useQuery({ queryKey: ['monitoring', 'worksheet', month, f], queryFn: () => api.get<Worksheet>(`${BASE}/worksheet`, { month, format: 'json', ...f }), enabled: /^\d{4}-\d{2}$/.test(month) });
}

export const worksheetUrl = (month: string, format: 'xlsx' | 'pdf', f: MonitoringFilters) => withQuery(`${BASE}/worksheet`, { month, format, ...f });
export const templateUrl = (format: 'xlsx' | 'csv') => withQuery('/api/v1/cases/import/template', { format });

export const monitoringApi = {
  importRegister: (body: { filename: string; contentBase64: string; commit: boolean }) => api.post<ImportResult>('/api/v1/cases/import', body),
};
