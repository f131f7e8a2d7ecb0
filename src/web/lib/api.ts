// The one API client: a typed fetch wrapper. Sends the CSRF token on writes, retries once after
// refreshing the session when the server says the token is stale, and tells the app when the
// session is gone (401) so it can show the sign-in screen.

export interface FieldError {
  location: string;
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /**
   * Problems keyed by field name: from a validation error (details = [{path, message}]) or a
   * rule the server checked (422 with details = {field}).
   */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    const d = this.details;
    if (Array.isArray(d)) {
      for (const item of d as unknown[]) {
        if (!item || typeof item !== 'object') continue;
        const { path, message } = item as Partial<FieldError>;
        const key = typeof path === 'string' ? (path.split('.')[0] ?? '') : '';
        if (key && message && !out[key]) out[key] = message;
      }
    } else if (d && typeof d === 'object' && 'field' in d && typeof d.field === 'string') {
      out[d.field] = this.message;
    }
    return out;
  }
}

type Listener = () => void;

let csrfToken: string | null = null;
const unauthorizedListeners = new Set<Listener>();

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called whenever the server answers 401: the session ended or never existed. */
export function onUnauthorized(listener: Listener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query: Query | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

async function parseError(res: Response): Promise<ApiError> {
  let code = 'http_error';
  let message = `${res.status} ${res.statusText}`;
  let details: unknown = null;
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string; details?: unknown } };
    if (body.error) {
      code = body.error.code ?? code;
      message = body.error.message ?? message;
      details = body.error.details ?? null;
    }
  } catch {
    // not JSON: keep the status line
  }
  return new ApiError(res.status, code, message, details);
}

async function refreshCsrf(): Promise<void> {
  const res = await fetch('/api/v1/auth/session', { credentials: 'same-origin', headers: { accept: 'application/json' } });
  if (res.ok) {
    const body = (await res.json()) as { csrfToken: string | null };
    csrfToken = body.csrfToken;
  }
}

interface RequestOptions {
  /** Do not announce a 401 to the app (the sign-in and session calls handle it themselves). */
  quiet401?: boolean;
}

async function request<T>(method: Method, path: string, body?: unknown, options: RequestOptions = {}, retried = false): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let payload: string | undefined;
  if (method !== 'GET') {
    headers['content-type'] = 'application/json';
    if (csrfToken) headers['x-csrf-token'] = csrfToken;
    payload = JSON.stringify(body ?? {});
  }
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', 'The server cannot be reached. Check the connection and try again.', null);
  }
  if (res.ok) {
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
  const error = await parseError(res);
  if (error.status === 403 && error.code === 'csrf' && !retried) {
    await refreshCsrf();
    return request<T>(method, path, body, options, true);
  }
  if (error.status === 401 && !options.quiet401) {
    for (const l of unauthorizedListeners) l();
  }
  throw error;
}

export const api = {
  get: <T>(path: string, query?: Query, options?: RequestOptions) => request<T>('GET', withQuery(path, query), undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, body, options),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
