// The signed-in session, held in TanStack Query under ['session']. null means "not signed in".
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, ApiError, setCsrfToken } from './api';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  unit: { id: string; name: string; nameUr: string | null; kind: string };
  language: string;
  modules: string[];
  totpEnrolled: boolean;
  totpRequired: boolean;
}

export interface Session {
  user: SessionUser;
  csrfToken: string | null;
  mfaPending: boolean;
}

export const SESSION_KEY = ['session'] as const;

async function fetchSession(): Promise<Session | null> {
  try {
    const s = await api.get<Session>('/api/v1/auth/session', undefined, { quiet401: true });
    setCsrfToken(s.csrfToken);
    return s;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw e;
  }
}

export function useSession() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: 60_000, retry: 1 });
}

/** The session of a signed-in screen: only rendered below the sign-in gate, so it is present. */
export function useSignedIn(): Session {
  const { data } = useSession();
  if (!data) throw new Error('useSignedIn used outside a signed-in screen');
  return data;
}

/** Forget everything the signed-in user loaded and show the sign-in screen. */
export function signedOut(qc: QueryClient): void {
  setCsrfToken(null);
  qc.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
  qc.setQueryData(SESSION_KEY, null);
}

export interface LoginInput {
  username: string;
  password: string;
  totp?: string;
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginInput) => api.post<Session>('/api/v1/auth/login', input, { quiet401: true }),
    onSuccess: (s) => {
      setCsrfToken(s.csrfToken);
      qc.setQueryData(SESSION_KEY, s);
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/api/v1/auth/logout', {}, { quiet401: true }),
    onSettled: () => signedOut(qc),
  });
}

export function useLogoutEverywhere() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ sessionsEnded: number }>('/api/v1/auth/logout-all', {}, { quiet401: true }),
    onSuccess: () => signedOut(qc),
  });
}
