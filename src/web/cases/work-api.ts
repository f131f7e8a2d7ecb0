// The case's working parts (server: cases/work-routes.ts): evidence and custody, diary, tasks,
// hearings, judgments, appeals, the prosecutor, sharing, links and the link-analysis graph.
import { useQuery } from '@tanstack/react-query';
import { api } from '../lib/api';

export interface Evidence {
  id: string;
  sha256: string;
  size: number;
  filename: string;
  mimeType: string;
  type: string;
  source: string | null;
  seizedOn: string | null;
  description: string | null;
  createdAt: string;
}
export interface CustodyEvent {
  id: string;
  action: string;
  holder: string;
  on: string;
  reason: string;
  recordedAt: string;
}
export interface DiaryEntry {
  id: string;
  on: string;
  note: string;
  officerName: string | null;
  createdAt: string;
}
export interface CaseTask {
  id: string;
  title: string;
  ownerName: string | null;
  due: string | null;
  doneAt: string | null;
  version: number;
  overdue: boolean;
}
export interface Hearing {
  id: string;
  court: string;
  judge: string | null;
  on: string;
  purpose: string;
  outcome: string | null;
  adjourned: boolean;
  adjournmentReason: string | null;
  nextDate: string | null;
}
export interface Judgment {
  id: string;
  chargeId: string;
  partyId: string;
  offence: string;
  offenceTitle: string;
  court: string;
  on: string;
  outcome: string;
  sentenceMonths: number | null;
  fineRs: number | null;
  compensationRs: number | null;
}
export interface Appeal {
  id: string;
  filedOn: string;
  appellant: string;
  court: string;
  section: string | null;
  outcome: string | null;
  decidedOn: string | null;
}
export interface Share {
  id: string;
  unitId: string;
  unitName: string;
  purpose: string;
  sharedAt: string;
  revokedAt: string | null;
}
export interface GraphNode {
  id: string;
  kind: 'case' | 'person' | 'phone' | 'agency' | 'bank-account' | 'vehicle';
  label: string;
}
export interface Graph {
  nodes: GraphNode[];
  edges: Array<{ from: string; to: string; kind: string }>;
}

type Items<T> = { items: T[] };

export const workKeys = {
  part: (id: string, part: string) => ['cases', 'one', id, part] as const,
  custody: (id: string, evidenceId: string) => ['cases', 'one', id, 'custody', evidenceId] as const,
};

function usePart<T>(id: string, part: string) {
  return useQuery({ queryKey: workKeys.part(id, part), queryFn: () => api.get<Items<T>>(`/api/v1/cases/${id}/${part}`), select: (r) => r.items });
}

export const useEvidence = (id: string) => usePart<Evidence>(id, 'evidence');
export const useDiary = (id: string) => usePart<DiaryEntry>(id, 'diary');
export const useTasks = (id: string) => usePart<CaseTask>(id, 'tasks');
export const useHearings = (id: string) => usePart<Hearing>(id, 'hearings');
export const useJudgments = (id: string) => usePart<Judgment>(id, 'judgments');
export const useAppeals = (id: string) => usePart<Appeal>(id, 'appeals');
export const useShares = (id: string) => usePart<Share>(id, 'shares');

export function useCustody(id: string, evidenceId: string) {
  return useQuery({ queryKey: workKeys.custody(id, evidenceId), queryFn: () => api.get<Items<CustodyEvent>>(`/api/v1/cases/${id}/evidence/${evidenceId}/custody`), select: (r) => r.items });
}

export function useLinks(id: string, depth: 1 | 2) {
  return useQuery({ queryKey: workKeys.part(id, `links-${depth}`), queryFn: () => api.get<Graph>(`/api/v1/cases/${id}/links`, { depth }) });
}

export interface EvidenceUpload {
  filename: string;
  mimeType: string;
  type: string;
  source?: string;
  seizedOn?: string;
  description?: string;
  contentBase64: string;
}

const base = (id: string) => `/api/v1/cases/${id}`;
export const workApi = {
  upload: (id: string, body: EvidenceUpload) => api.post<{ id: string; sha256: string; size: number; deduplicated: boolean }>(`${base(id)}/evidence`, body),
  verify: (id: string, evidenceId: string) => api.get<{ ok: boolean; sha256: string }>(`${base(id)}/evidence/${evidenceId}/verify`),
  contentUrl: (id: string, evidenceId: string) => `${base(id)}/evidence/${evidenceId}/content`,
  addCustody: (id: string, evidenceId: string, body: { action: string; holder: string; on: string; reason: string }) => api.post<{ id: string }>(`${base(id)}/evidence/${evidenceId}/custody`, body),
  addDiary: (id: string, body: { on: string; note: string }) => api.post<{ id: string }>(`${base(id)}/diary`, body),
  addTask: (id: string, body: { title: string; due?: string }) => api.post<{ id: string }>(`${base(id)}/tasks`, body),
  setTaskDone: (id: string, taskId: string, body: { done: boolean; version: number }) => api.post<void>(`${base(id)}/tasks/${taskId}/done`, body),
  addHearing: (id: string, body: { court: string; judge?: string; on: string; purpose: string; outcome?: string; adjourned?: boolean; adjournmentReason?: string; nextDate?: string }) =>
    api.post<{ id: string }>(`${base(id)}/hearings`, body),
  addJudgment: (id: string, body: { chargeId: string; court: string; on: string; outcome: string; sentenceMonths?: number; fineRs?: number; compensationRs?: number }) => api.post<{ id: string }>(`${base(id)}/judgments`, body),
  addAppeal: (id: string, body: { filedOn: string; appellant: string; court: string; section?: string }) => api.post<{ id: string }>(`${base(id)}/appeals`, body),
  decideAppeal: (id: string, appealId: string, body: { outcome: string; decidedOn: string }) => api.post<void>(`${base(id)}/appeals/${appealId}/decision`, body),
  share: (id: string, body: { unitId: string; purpose: string }) => api.post<{ id: string }>(`${base(id)}/shares`, body),
  revokeShare: (id: string, shareId: string) => api.delete<void>(`${base(id)}/shares/${shareId}`),
  addEntity: (id: string, body: { kind: string; value: string; label?: string }) => api.post<{ id: string }>(`${base(id)}/entities`, body),
  removeEntity: (id: string, entityId: string) => api.delete<void>(`${base(id)}/entities/${entityId}`),
};

/** A file as base64 (without the data: prefix). */
export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const s = String(reader.result);
      resolve(s.slice(s.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}
