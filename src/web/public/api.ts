// The public calls (no sign-in, no cookies needed): send a report or complaint, read its status,
// add information. The secret travels in the x-report-secret header, never in the address.
import { ApiError } from '../lib/api';
import type { Pow } from './pow';

export type ContactMethod = 'none' | 'phone' | 'sms' | 'whatsapp' | 'email';
export interface ReporterContact {
  method: ContactMethod;
  value?: string;
  safeFrom?: string;
  safeTo?: string;
  codeWord?: string;
}
export interface ReportInput {
  whatHappened: string;
  where: { district?: string; province?: string; place?: string };
  when?: string;
  whoIsAtRisk?: string;
  reporterIs?: string;
  immediateDanger?: boolean;
  contact: ReporterContact;
  language: 'en' | 'ur' | 'other';
}
export interface ComplaintInput {
  agency: string;
  whatHappened: string;
  when?: string;
  district?: string;
  contact?: ReporterContact;
  language: 'en' | 'ur' | 'other';
}
export interface Receipt {
  reference: string;
  secret: string;
}
export interface PublicStatus {
  reference: string;
  kind: 'report' | 'complaint';
  status: string;
  statusText: { en: string; ur: string };
  submittedAt: string;
  updatedAt: string;
  messages: { from: 'reporter' | 'staff'; at: string; body: string }[];
}

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown, secret?: string): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (secret) headers['x-report-secret'] = secret;
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'omit', referrerPolicy: 'no-referrer' });
  } catch {
    throw new ApiError(0, 'network', 'The server cannot be reached. Check the connection and try again.', null);
  }
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (res.ok) return json as T;
  const err = (json as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
  throw new ApiError(res.status, err?.code ?? 'http_error', err?.message ?? `${res.status} ${res.statusText}`, err?.details ?? null);
}

export const sendReport = (input: ReportInput, pow: Pow) => call<Receipt>('POST', '/api/v1/helpline/reports', { ...input, pow });
export const sendComplaint = (input: ComplaintInput, pow: Pow) => call<Receipt>('POST', '/api/v1/helpline/complaints', { ...input, pow });
export const readStatus = (reference: string, secret: string) => call<PublicStatus>('GET', `/api/v1/helpline/reports/${encodeURIComponent(reference)}`, undefined, secret);
export const addInformation = (reference: string, secret: string, text: string, pow: Pow) =>
  call<{ ok: true }>('POST', `/api/v1/helpline/reports/${encodeURIComponent(reference)}/updates`, { text, pow }, secret);

/** Empty text → undefined, so optional fields are left out. */
export const opt = (s: string): string | undefined => (s.trim() ? s.trim() : undefined);
