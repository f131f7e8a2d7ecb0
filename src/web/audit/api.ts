import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api, type Page } from '../lib/api';

export interface AuditEvent {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  unitId: string | null;
  action: string;
  recordType: string | null;
  recordId: string | null;
  fields: string[] | null;
  outcome: string;
  ip: string | null;
  userAgent: string | null;
  details: Record<string, unknown> | null;
  prevHash: string;
  hash: string;
}

export interface AuditFilters {
  actor?: string;
  action?: string;
  recordType?: string;
  recordId?: string;
  outcome?: string;
  from?: string;
  to?: string;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  brokenAt?: { seq: number; reason: string };
}

export function useAuditEvents(filters: AuditFilters, page: number, pageSize: number) {
  return useQuery({
    queryKey: ['audit', 'events', filters, page, pageSize],
    queryFn: () => api.get<Page<AuditEvent>>('/api/v1/audit/events', { ...filters, page, pageSize }),
    placeholderData: keepPreviousData,
  });
}

export function useVerifyChain() {
  return useMutation({ mutationFn: () => api.get<VerifyResult>('/api/v1/audit/verify') });
}
