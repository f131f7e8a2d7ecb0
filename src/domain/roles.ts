// The roles a user may hold. Identifiers are stable: they appear in the database, the API and
// the administration command.
export const ROLES = [
  'administrator',
  'national-coordinator',
  'monitoring-cell-analyst',
  'atu-investigator',
  'atu-supervisor',
  'prosecutor',
  'helpline-operator',
  'helpline-supervisor',
  'shelter-staff',
  'ngo-caseworker',
  'immigration-officer',
  'immigration-supervisor',
  'ministry-focal-point',
  'gazette-editor',
  'auditor',
] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/**
 * Roles whose work needs a victim's, witness's or caller's identity. They may see it where the
 * policy allows, and so must sign in with two factors.
 */
export const IDENTITY_ROLES: readonly Role[] = [
  'atu-investigator',
  'atu-supervisor',
  'prosecutor',
  'helpline-operator',
  'helpline-supervisor',
  'shelter-staff',
  'ngo-caseworker',
];

/** Two-factor sign-in is required for these: identity roles and those who can grant roles. */
export const TOTP_REQUIRED_ROLES: readonly Role[] = [...IDENTITY_ROLES, 'administrator'];

export function requiresTotp(roles: readonly string[]): boolean {
  return roles.some((r) => (TOTP_REQUIRED_ROLES as readonly string[]).includes(r));
}
