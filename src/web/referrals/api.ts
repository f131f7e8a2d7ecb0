// Referrals API: the directory, consents, referrals (sent and received) and their workflow —
// typed after src/server/modules/referrals/routes.ts.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../lib/api';

const BASE = '/api/v1/referrals';

export interface Provider {
  unitId: string;
  code: string;
  kind: string;
  name: string;
  nameUr: string | null;
  district: string | null;
  province: string | null;
  services: string[];
  languages: string[];
  districts: string[];
  hours: string | null;
  capacity: number | null;
  available: number | null;
  phone: string | null;
  version: number;
  updatedAt: string | null;
}
export interface Consent {
  id: string;
  personId: string;
  providerUnitId: string;
  fields: string[];
  purpose: string;
  validUntil: string;
  form: string;
  recordedAt: string;
  withdrawnAt: string | null;
  active: boolean;
}
export interface Referral {
  id: string;
  ref: string;
  personId: string | null;
  from: { id: string; name: string };
  provider: { id: string; name: string };
  sourceModule: string;
  sourceId: string | null;
  service: string;
  purpose: string;
  urgency: string;
  basis: 'consent' | 'exception';
  exception: string | null;
  fields: string[];
  status: string;
  declineReason: string | null;
  feedback: string | null;
  respondBy: string;
  overdue: boolean;
  respondedAt: string | null;
  completedAt: string | null;
  version: number;
  createdAt: string;
  abilities: { respond: boolean; withdraw: boolean };
}
export type ReferralDetail = Referral & { shared: Record<string, unknown> };
export interface SendInput {
  personId: string;
  providerUnitId: string;
  service: string;
  purpose: string;
  urgency: string;
  sourceModule: string;
  sourceId?: string;
  fields: string[];
  note?: string;
  consentId?: string;
  exception?: string;
  justification?: string;
}

export const SERVICES = ['shelter', 'medical', 'psychosocial', 'legal-aid', 'translation', 'ngo-support', 'repatriation'] as const;
export const SHAREABLE_FIELDS = ['name', 'nameUrdu', 'aliases', 'fatherName', 'dob', 'age', 'sex', 'nationality', 'cnic', 'passports', 'phones', 'addresses'] as const;
export const SOURCE_MODULES = ['cases', 'helpline', 'protection', 'screening', 'persons'] as const;

export const referralKeys = {
  providers: (f: object) => ['referrals', 'providers', f] as const,
  list: (box: string, status: string | undefined, page: number) => ['referrals', 'list', box, status, page] as const,
  one: (id: string) => ['referrals', 'one', id] as const,
  consents: (personId: string) => ['referrals', 'consents', personId] as const,
};

export const useProviders = (f: { service?: string; district?: string; language?: string }) =>
  useQuery({ queryKey: referralKeys.providers(f), queryFn: () => api.get<{ items: Provider[] }>(`${BASE}/providers`, { ...f }), placeholderData: keepPreviousData });
export const useReferrals = (box: 'sent' | 'received', status: string | undefined, page: number, pageSize: number) =>
  useQuery({ queryKey: referralKeys.list(box, status, page), queryFn: () => api.get<{ items: Referral[]; page: number; pageSize: number }>(BASE, { box, status, page, pageSize }), placeholderData: keepPreviousData });
export const useReferral = (id: string) => useQuery({ queryKey: referralKeys.one(id), queryFn: () => api.get<ReferralDetail>(`${BASE}/${id}`) });
export const useConsents = (personId: string | null) =>
  useQuery({ enabled: !!personId, queryKey: referralKeys.consents(personId ?? ''), queryFn: () => api.get<{ items: Consent[] }>(`${BASE}/consents`, { personId: personId ?? '' }) });

export const referralsApi = {
  recordConsent: (body: { personId: string; providerUnitId: string; fields: string[]; purpose: string; validUntil: string; form: string }) => api.post<Consent>(`${BASE}/consents`, body),
  send: (body: SendInput) => api.post<ReferralDetail>(BASE, body),
  move: (id: string, step: 'accept' | 'decline' | 'start' | 'complete' | 'withdraw', body: { version: number; reason?: string; feedback?: string }) => api.post<Referral>(`${BASE}/${id}/${step}`, body),
};
