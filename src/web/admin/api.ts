// Administration API: units and users, typed, through TanStack Query.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type Page } from '../lib/api';

export interface Unit {
  id: string;
  parentId: string | null;
  code: string;
  kind: string;
  name: string;
  nameUr: string | null;
  district: string | null;
  province: string | null;
  path: string;
  active: boolean;
  version: number;
}

export interface AdminUser {
  id: string;
  username: string;
  displayName: string;
  unit: { id: string; name: string };
  roles: string[];
  active: boolean;
  totpEnrolled: boolean;
  totpRequired: boolean;
  locked: boolean;
  failedLogins: number;
  createdAt: string;
  version: number;
}

export interface UserFilters {
  page: number;
  pageSize: number;
  q?: string;
  unitId?: string;
  role?: string;
}

export const adminKeys = {
  units: ['admin', 'units'] as const,
  roles: ['admin', 'roles'] as const,
  users: (f: UserFilters) => ['admin', 'users', f] as const,
  allUsers: ['admin', 'users'] as const,
};

export function useUnits() {
  return useQuery({ queryKey: adminKeys.units, queryFn: () => api.get<{ items: Unit[] }>('/api/v1/admin/units'), select: (r) => r.items });
}

export function useRoles() {
  return useQuery({ queryKey: adminKeys.roles, queryFn: () => api.get<{ items: string[] }>('/api/v1/admin/roles'), select: (r) => r.items, staleTime: Infinity });
}

export function useUsers(f: UserFilters) {
  return useQuery({
    queryKey: adminKeys.users(f),
    queryFn: () => api.get<Page<AdminUser>>('/api/v1/admin/users', { ...f }),
    placeholderData: keepPreviousData,
  });
}

export interface UnitCreate {
  parentId: string;
  code: string;
  kind: string;
  name: string;
  nameUr?: string | null;
  district?: string | null;
  province?: string | null;
}
export interface UnitPatch {
  version: number;
  name?: string;
  nameUr?: string | null;
  kind?: string;
  district?: string | null;
  province?: string | null;
  active?: boolean;
}
export interface UserCreate {
  username: string;
  displayName: string;
  unitId: string;
  roles: string[];
  password: string;
}
export interface UserPatch {
  version: number;
  displayName?: string;
  unitId?: string;
  roles?: string[];
  active?: boolean;
}

export const adminApi = {
  createUnit: (body: UnitCreate) => api.post<Unit>('/api/v1/admin/units', body),
  updateUnit: (id: string, body: UnitPatch) => api.patch<Unit>(`/api/v1/admin/units/${id}`, body),
  createUser: (body: UserCreate) => api.post<AdminUser>('/api/v1/admin/users', body),
  updateUser: (id: string, body: UserPatch) => api.patch<AdminUser>(`/api/v1/admin/users/${id}`, body),
  setPassword: (id: string, password: string) => api.post<void>(`/api/v1/admin/users/${id}/password`, { password }),
  resetTotp: (id: string) => api.post<void>(`/api/v1/admin/users/${id}/reset-totp`, {}),
  unlock: (id: string) => api.post<void>(`/api/v1/admin/users/${id}/unlock`, {}),
};

/** Units as a tree: children by parent id, and the roots (no parent, or a parent not listed). */
export function unitTree(units: Unit[]): { roots: Unit[]; children: Map<string, Unit[]> } {
  const ids = new Set(units.map((u) => u.id));
  const children = new Map<string, Unit[]>();
  const roots: Unit[] = [];
  for (const u of units) {
    if (u.parentId && ids.has(u.parentId)) {
      const list = children.get(u.parentId) ?? [];
      list.push(u);
      children.set(u.parentId, list);
    } else roots.push(u);
  }
  return { roots, children };
}

/** Depth of a unit from its materialised path ("/a/b/c/" → 2). */
export const depthOf = (u: Unit) => Math.max(0, u.path.split('/').filter(Boolean).length - 1);
