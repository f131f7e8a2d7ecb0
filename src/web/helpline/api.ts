// Helpline API: the live queue (and its event stream), contacts, callbacks, hand-offs,
// submissions from the public pages, supervision and statistics — typed after the zod schemas
// in src/server/modules/helpline/routes.ts.
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, type Page } from '../lib/api';

const BASE = '/api/v1/helpline';

export interface Callback {
  id: string;
  contactId: string;
  dueAt: string;
  status: string;
  checkBeforeCalling: boolean;
  reason: string;
  note: string | null;
  doneAt: string | null;
}
export interface Handoff {
  id: string;
  contactId: string;
  unit: { id: string; name: string };
  routedBy: string;
  overrideReason: string | null;
  urgency: string;
  personId: string | null;
  caseId: string | null;
  dueAt: string;
  acknowledgedAt: string | null;
  escalatedAt: string | null;
  overdue: boolean;
  createdAt: string;
}
export interface Contact {
  id: string;
  ref: string;
  channel: string;
  status: string;
  receivedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  language: string | null;
  callerType: string | null;
  summary: string;
  classification: string[];
  urgency: string;
  province: string | null;
  district: string | null;
  safeToCall: boolean | null;
  safeFrom: string | null;
  safeTo: string | null;
  hasCodeWord: boolean;
  codeWord: string | null;
  callerPhone: string | null;
  callerPhoneMasked: boolean;
  disposition: string | null;
  legalBasis: string | null;
  legalBasisNote: string | null;
  assignedTo: { id: string; name: string } | null;
  reportId: string | null;
  callId: string | null;
  queue: string | null;
  abandoned: boolean;
  personId: string | null;
  version: number;
  abilities: { claim: boolean; handoff: boolean; chooseAtu: boolean };
}
export type ContactDetail = Contact & { callbacks: Callback[]; handoffs: Handoff[] };
export interface ContactPatch {
  language?: string;
  callerType?: string;
  summary?: string;
  classification?: string[];
  urgency?: string;
  province?: string;
  district?: string;
  safeToCall?: boolean | null;
  safeFrom?: string;
  safeTo?: string;
  codeWord?: string;
  callerPhone?: string;
  disposition?: string;
  legalBasis?: string;
  legalBasisNote?: string;
}
export interface Submission {
  id: string;
  kind: 'report' | 'complaint';
  reference: string;
  status: string;
  agency: string | null;
  district: string | null;
  province: string | null;
  language: string;
  contactId: string | null;
  whatHappened: string;
  wantsContact: boolean;
  createdAt: string;
  answeredAt: string | null;
  version: number;
}
export type SubmissionDetail = Submission & { content: Record<string, unknown>; messages: { from: 'reporter' | 'staff'; at: string; body: string }[] };
export interface HandoffItem extends Handoff {
  contactRef: string;
  classification: string[];
  district: string | null;
  province: string | null;
  channel: string;
}
export interface HandoffDetail extends Handoff {
  contact: {
    ref: string;
    channel: string;
    receivedAt: string;
    language: string | null;
    callerType: string | null;
    summary: string;
    classification: string[];
    urgency: string;
    district: string | null;
    province: string | null;
    safeToCall: boolean | null;
    safeFrom: string | null;
    safeTo: string | null;
    codeWord: string | null;
    callerPhone: string | null;
    legalBasis: string | null;
    legalBasisNote: string | null;
  };
  abilities: { acknowledge: boolean };
}
export interface Supervision {
  operators: { id: string; name: string; username: string; contacts: Contact[] }[];
  waiting: Contact[];
  pendingCallbacks: number;
  unacknowledgedHandoffs: number;
  overdueHandoffs: number;
}
export interface Cell {
  key: string;
  count: number | null;
}
export interface Quantiles {
  median: number | null;
  p90: number | null;
}
export interface Stats {
  from: string;
  to: string;
  suppressed: boolean;
  smallCellThreshold: number;
  total: number | null;
  byChannel: Cell[];
  byClassification: Cell[];
  byProvince: Cell[];
  byHour: Cell[];
  answerSeconds: Quantiles;
  responseSeconds: Quantiles;
  abandonedCalls: number | null;
  handoffs: { total: number | null; acknowledged: number | null; overdue: number | null; acknowledgeSeconds: Quantiles };
}

export const helplineKeys = {
  all: ['helpline'] as const,
  queue: (mine: boolean) => ['helpline', 'queue', mine] as const,
  contact: (id: string) => ['helpline', 'contact', id] as const,
  contacts: (f: object) => ['helpline', 'contacts', f] as const,
  callbacks: (status: string) => ['helpline', 'callbacks', status] as const,
  submissions: (f: object) => ['helpline', 'submissions', f] as const,
  submission: (id: string) => ['helpline', 'submission', id] as const,
  supervision: ['helpline', 'supervision'] as const,
  handoffs: (open: boolean) => ['helpline', 'handoffs', open] as const,
  handoff: (id: string) => ['helpline', 'handoff', id] as const,
  stats: (from: string, to: string) => ['helpline', 'stats', from, to] as const,
};

export const useQueue = (mine: boolean) => useQuery({ queryKey: helplineKeys.queue(mine), queryFn: () => api.get<{ items: Contact[] }>(`${BASE}/queue`, { mine: mine || undefined }) });
export const useContact = (id: string) => useQuery({ queryKey: helplineKeys.contact(id), queryFn: () => api.get<ContactDetail>(`${BASE}/contacts/${id}`) });
export interface ContactFilters {
  status?: string;
  channel?: string;
  phone?: string;
  page: number;
  pageSize: number;
}
export const useContacts = (f: ContactFilters) =>
  useQuery({ queryKey: helplineKeys.contacts(f), queryFn: () => api.get<Page<Contact>>(`${BASE}/contacts`, { ...f }), placeholderData: keepPreviousData });
export const useCallbacks = (status: string) =>
  useQuery({ queryKey: helplineKeys.callbacks(status), queryFn: () => api.get<{ items: (Callback & { contact: Contact })[] }>(`${BASE}/callbacks`, { status }) });
export interface SubmissionFilters {
  kind?: string;
  status?: string;
  page: number;
  pageSize: number;
}
export const useSubmissions = (f: SubmissionFilters) =>
  useQuery({ queryKey: helplineKeys.submissions(f), queryFn: () => api.get<Page<Submission>>(`${BASE}/submissions`, { ...f }), placeholderData: keepPreviousData });
export const useSubmission = (id: string) => useQuery({ queryKey: helplineKeys.submission(id), queryFn: () => api.get<SubmissionDetail>(`${BASE}/submissions/${id}`) });
export const useSupervision = (enabled = true) => useQuery({ enabled, queryKey: helplineKeys.supervision, queryFn: () => api.get<Supervision>(`${BASE}/supervision`) });
export const useHandoffs = (open: boolean) => useQuery({ queryKey: helplineKeys.handoffs(open), queryFn: () => api.get<{ items: HandoffItem[] }>(`${BASE}/handoffs`, { open: open || undefined }) });
export const useHandoff = (id: string) => useQuery({ queryKey: helplineKeys.handoff(id), queryFn: () => api.get<HandoffDetail>(`${BASE}/handoffs/${id}`) });
export const useStats = (from: string, to: string) => useQuery({ queryKey: helplineKeys.stats(from, to), queryFn: () => api.get<Stats>(`${BASE}/stats`, { from, to }), placeholderData: keepPreviousData });

export const helplineApi = {
  claim: (id: string) => api.post<ContactDetail>(`${BASE}/contacts/${id}/claim`),
  release: (id: string) => api.post<ContactDetail>(`${BASE}/contacts/${id}/release`),
  transfer: (id: string, toUserId: string) => api.post<ContactDetail>(`${BASE}/contacts/${id}/transfer`, { toUserId }),
  update: (id: string, version: number, patch: ContactPatch) => api.patch<ContactDetail>(`${BASE}/contacts/${id}`, { version, ...patch }),
  create: (body: ContactPatch & { channel: string }) => api.post<ContactDetail>(`${BASE}/contacts`, body),
  end: (id: string, version: number, disposition: string) => api.post<ContactDetail>(`${BASE}/contacts/${id}/end`, { version, disposition }),
  scheduleCallback: (id: string, dueAt: string, reason: string) => api.post<Callback>(`${BASE}/contacts/${id}/callbacks`, { dueAt, reason }),
  completeCallback: (id: string, outcome: 'done' | 'cancelled') => api.post<Callback>(`${BASE}/callbacks/${id}/complete`, { outcome }),
  handoff: (id: string, body: { version: number; victim?: unknown; atuUnitId?: string; overrideReason?: string }) => api.post<Handoff>(`${BASE}/contacts/${id}/handoff`, body),
  acknowledge: (id: string) => api.post<HandoffDetail & { caseRef: string }>(`${BASE}/handoffs/${id}/acknowledge`, {}),
  reply: (id: string, version: number, body: string, status?: string) => api.post<SubmissionDetail>(`${BASE}/submissions/${id}/replies`, { version, body, status }),
};

export type StreamState = 'connecting' | 'live' | 'reconnecting';

/**
 * Subscribes to the queue's Server-Sent Events while mounted: every event refetches the queue
 * (and the contact it names, and the supervision view), so the lists never poll. The state says
 * whether the browser is connected.
 */
export function useQueueStream(): StreamState {
  const qc = useQueryClient();
  const [state, setState] = useState<StreamState>('connecting');
  useEffect(() => {
    const es = new EventSource(`${BASE}/queue/stream`);
    const onEvent = (e: MessageEvent<string>) => {
      let contactId: string | undefined;
      try {
        contactId = (JSON.parse(e.data) as { contactId?: string }).contactId;
      } catch {
        contactId = undefined;
      }
      void qc.invalidateQueries({ queryKey: ['helpline', 'queue'] });
      void qc.invalidateQueries({ queryKey: helplineKeys.supervision });
      if (contactId) void qc.invalidateQueries({ queryKey: helplineKeys.contact(contactId) });
    };
    const types = ['contact.queued', 'contact.assigned', 'contact.updated', 'contact.released', 'contact.ended', 'contact.handed-off'];
    for (const type of types) es.addEventListener(type, onEvent);
    es.addEventListener('ready', () => {
      setState('live');
      // Anything missed while disconnected.
      void qc.invalidateQueries({ queryKey: ['helpline', 'queue'] });
    });
    es.onopen = () => setState('live');
    es.onerror = () => setState('reconnecting');
    return () => es.close();
  }, [qc]);
  return state;
}
