// The database schema, one file, every table. Migrations are generated from it by drizzle-kit
// (`npm run db:generate`) and committed under ./migrations; they are applied on start.
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

/** Organisational units as a tree. `path` is the materialised path of ids ("/root/…/self/"). */
export const units = pgTable(
  'units',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    parentId: uuid('parent_id'),
    code: text('code').notNull(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    nameUr: text('name_ur'),
    district: text('district'),
    province: text('province'),
    path: text('path').notNull(),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('units_code_uq').on(t.code), index('units_path_idx').on(t.path), index('units_parent_idx').on(t.parentId)],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    roles: text('roles').array().notNull().default(sql`'{}'::text[]`),
    passwordHash: text('password_hash').notNull(),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
    /** TOTP secret, field-encrypted (users.totp_secret); null until enrolment is confirmed. */
    totpSecret: text('totp_secret'),
    /** Secret offered during enrolment, field-encrypted, until the first code confirms it. */
    totpPendingSecret: text('totp_pending_secret'),
    /** The last TOTP time step accepted, so a code cannot be replayed. */
    totpLastStep: integer('totp_last_step'),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    active: boolean('active').notNull().default(true),
    language: text('language').notNull().default('en'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('users_username_uq').on(sql`lower(${t.username})`), index('users_unit_idx').on(t.unitId)],
);

/** Server-side sessions. Only a SHA-256 of the cookie value is stored. */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    csrfToken: text('csrf_token').notNull(),
    /** false while a user whose role requires two-factor has not enrolled yet. */
    mfaSatisfied: boolean('mfa_satisfied').notNull(),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [uniqueIndex('sessions_token_uq').on(t.tokenHash), index('sessions_user_idx').on(t.userId)],
);

/** Revocable API tokens for integrations, bound to a user. Only a SHA-256 is stored. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    prefix: text('prefix').notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('api_tokens_hash_uq').on(t.tokenHash), index('api_tokens_user_idx').on(t.userId)],
);

/**
 * The audit chain. Append-only: a trigger (migration 0001) rejects UPDATE, DELETE and TRUNCATE.
 * `hash` = SHA-256 over the previous hash and this event's canonical content.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    unitId: uuid('unit_id'),
    action: text('action').notNull(),
    recordType: text('record_type'),
    recordId: text('record_id'),
    fields: text('fields').array(),
    outcome: text('outcome').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    details: jsonb('details').$type<Record<string, unknown>>(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_at_idx').on(t.at),
    index('audit_actor_idx').on(t.actorId),
    index('audit_record_idx').on(t.recordType, t.recordId),
    index('audit_action_idx').on(t.action),
  ],
);

// ---- persons: one person across every agency ---------------------------------------------------

/**
 * A person. Everything that identifies them (names, father's name, date of birth, CNIC,
 * passports, phones, addresses) is one field-encrypted JSON document (`identity`); exact
 * look-ups go through keyed blind indexes in person_identifiers. What stays in clear is what
 * statistics need and does not identify: sex, year of birth, nationality.
 */
export const persons = pgTable(
  'persons',
  {
    id: uuid('id').primaryKey(),
    /** A pseudonym shown wherever the name must not be. */
    ref: text('ref').notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    /** Identity visible only to roles that may see a victim's identity. */
    protected: boolean('protected').notNull().default(true),
    sex: text('sex'),
    birthYear: integer('birth_year'),
    nationality: text('nationality'),
    identity: text('identity').notNull(),
    mergedInto: uuid('merged_into'),
    createdBy: uuid('created_by'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('persons_ref_uq').on(t.ref), index('persons_unit_idx').on(t.unitId), index('persons_merged_idx').on(t.mergedInto)],
);

/** Keyed HMAC blind indexes of a person's CNIC, passport numbers and phone numbers. */
export const personIdentifiers = pgTable(
  'person_identifiers',
  {
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    kind: text('kind').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('person_identifiers_lookup_idx').on(t.kind, t.hash), index('person_identifiers_person_idx').on(t.personId)],
);

/** Suspected duplicates awaiting review, and the judgements made on them (remembered). */
export const personDuplicates = pgTable(
  'person_duplicates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personA: uuid('person_a')
      .notNull()
      .references(() => persons.id),
    personB: uuid('person_b')
      .notNull()
      .references(() => persons.id),
    score: integer('score_permille').notNull(),
    explanation: jsonb('explanation').$type<Record<string, unknown>>().notNull(),
    /** open | merged | distinct */
    status: text('status').notNull().default('open'),
    source: text('source').notNull(),
    reason: text('reason'),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('person_duplicates_pair_uq').on(t.personA, t.personB), index('person_duplicates_status_idx').on(t.status)],
);

/** Merges, kept forever; undoing one stamps it, never deletes it. */
export const personMerges = pgTable(
  'person_merges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sourceId: uuid('source_id')
      .notNull()
      .references(() => persons.id),
    targetId: uuid('target_id')
      .notNull()
      .references(() => persons.id),
    reason: text('reason').notNull(),
    mergedBy: uuid('merged_by').notNull(),
    mergedAt: timestamp('merged_at', { withTimezone: true }).notNull().defaultNow(),
    undoneBy: uuid('undone_by'),
    undoneAt: timestamp('undone_at', { withTimezone: true }),
    undoReason: text('undo_reason'),
  },
  (t) => [index('person_merges_source_idx').on(t.sourceId), index('person_merges_target_idx').on(t.targetId)],
);
