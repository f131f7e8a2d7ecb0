// Kinds of organisational unit. The tree itself is reference data (seeded, then edited by
// administrators); these kinds are what the code relies on.
export const UNIT_KINDS = [
  'headquarters',
  'directorate',
  'monitoring-cell',
  'region',
  'zone',
  'atu',
  'circle',
  'passport-cell',
  'immigration-post',
  'counter',
  'helpline',
  'shelter',
  'ngo',
  'hospital',
  'ministry',
  'office',
  'prosecution',
] as const;

export type UnitKind = (typeof UNIT_KINDS)[number];

export const PROVINCES = ['Punjab', 'Sindh', 'Khyber Pakhtunkhwa', 'Balochistan', 'Islamabad Capital Territory', 'Gilgit-Baltistan', 'Azad Jammu and Kashmir'] as const;
