// The database schema, one file, every table. Migrations are generated from it by drizzle-kit
// (`npm run db:generate`) and committed under ./migrations; they are applied on start.
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  customType,
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
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

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

// ---- cases: the ATU investigation database and the Case Monitoring System -----------------------

/** Statutes and offences a case can be registered under: reference data, editable by administrators. */
export const statutes = pgTable('statutes', {
  code: text('code').primaryKey(),
  title: text('title').notNull(),
  titleUr: text('title_ur').notNull(),
  shortTitle: text('short_title').notNull(),
  year: integer('year').notNull(),
  effectiveFrom: text('effective_from').notNull(),
  repealedOn: text('repealed_on'),
  repealedBy: text('repealed_by'),
  note: text('note'),
  version: integer('version').notNull().default(1),
});

export const offences = pgTable(
  'offences',
  {
    code: text('code').primaryKey(),
    statute: text('statute')
      .notNull()
      .references(() => statutes.code),
    section: text('section').notNull(),
    title: text('title').notNull(),
    titleUr: text('title_ur').notNull(),
    /** trafficking | smuggling | emigration | related — trafficking and smuggling are counted apart. */
    category: text('category').notNull(),
    minYears: integer('min_years'),
    maxYears: integer('max_years'),
    maxFineRs: integer('max_fine_rs'),
    fineOnlyAllowed: boolean('fine_only_allowed').notNull(),
    cognisable: boolean('cognisable').notNull(),
    bailable: boolean('bailable').notNull(),
    compoundable: boolean('compoundable').notNull(),
    effectiveFrom: text('effective_from').notNull(),
    effectiveTo: text('effective_to'),
    investigatingAgency: text('investigating_agency'),
    note: text('note'),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('offences_statute_idx').on(t.statute), index('offences_category_idx').on(t.category)],
);

export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey(),
    /** ATU-LHR/2026/000123 */
    ref: text('ref').notNull(),
    /** The ATU that owns the case. */
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    title: text('title').notNull(),
    narrative: text('narrative').notNull().default(''),
    /** complaint | inquiry | fir | investigation | challan | trial | judgment | appeal | transferred | closed */
    stage: text('stage').notNull(),
    stageSince: text('stage_since').notNull(),
    closureReason: text('closure_reason'),
    /** The statute the case is registered under; a case keeps its statute. */
    statute: text('statute')
      .notNull()
      .references(() => statutes.code),
    /** trafficking | smuggling | both | other — derived from the charges, kept for counting. */
    category: text('category').notNull(),
    source: text('source').notNull(),
    receivedOn: text('received_on').notNull(),
    firNumber: text('fir_number'),
    firDate: text('fir_date'),
    policeStation: text('police_station'),
    challanDate: text('challan_date'),
    court: text('court'),
    officerId: uuid('officer_id').references(() => users.id),
    prosecutorId: uuid('prosecutor_id').references(() => users.id),
    nextHearing: text('next_hearing'),
    createdBy: uuid('created_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /** The words of the case's diary notes, added by a trigger on diary_entries (migration 0009). */
    notesSearch: tsvector('notes_search').notNull().default(sql`''`),
    /** What the register's full-text search matches: title, narrative and diary notes. */
    search: tsvector('search').generatedAlwaysAs(sql`to_tsvector('simple', "title" || ' ' || "narrative") || "notes_search"`),
  },
  (t) => [
    uniqueIndex('cases_ref_uq').on(t.ref),
    index('cases_unit_stage_idx').on(t.unitId, t.stage),
    index('cases_stage_idx').on(t.stage, t.stageSince),
    index('cases_statute_idx').on(t.statute),
    index('cases_received_idx').on(t.receivedOn, t.id),
    index('cases_unit_received_idx').on(t.unitId, t.receivedOn, t.id),
    index('cases_updated_idx').on(t.updatedAt, t.id),
    index('cases_fir_date_idx').on(t.firDate),
    index('cases_challan_date_idx').on(t.challanDate),
    index('cases_ref_trgm_idx').using('gin', sql`${t.ref} gin_trgm_ops`),
    index('cases_officer_idx').on(t.officerId),
    index('cases_search_idx').using('gin', t.search),
  ],
);

/** Every stage change: dated, attributed, kept. */
export const caseStageEvents = pgTable(
  'case_stage_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    fromStage: text('from_stage'),
    toStage: text('to_stage').notNull(),
    on: text('on_date').notNull(),
    note: text('note'),
    details: jsonb('details').$type<Record<string, unknown>>(),
    recordedBy: uuid('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('case_stage_events_case_idx').on(t.caseId)],
);

/** The people in a case: each one a person in the registry, never a copy. */
export const caseParties = pgTable(
  'case_parties',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    /** victim | suspected-victim | accused | witness | complainant | informant */
    role: text('role').notNull(),
    // victims
    ageYears: integer('age_years'),
    minor: boolean('minor'),
    districtOfOrigin: text('district_of_origin'),
    exploitation: text('exploitation').array(),
    meansOfControl: text('means_of_control').array(),
    recruiterRelation: text('recruiter_relation'),
    route: jsonb('route').$type<Array<{ country: string; city?: string; leg: 'origin' | 'transit' | 'destination' }>>(),
    identifiedOn: text('identified_on'),
    // accused
    accusedRoles: text('accused_roles').array(),
    arrestedOn: text('arrested_on'),
    remandUntil: text('remand_until'),
    bailStatus: text('bail_status'),
    proclaimedOffender: boolean('proclaimed_offender').notNull().default(false),
    proclamationPublishedOn: text('proclamation_published_on'),
    proclamationPeriodDays: integer('proclamation_period_days'),
    absconding: boolean('absconding').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [index('case_parties_case_idx').on(t.caseId), index('case_parties_person_idx').on(t.personId), index('case_parties_po_idx').on(t.proclaimedOffender)],
);

/** Charges against an accused under the catalogue. */
export const caseCharges = pgTable(
  'case_charges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    partyId: uuid('party_id')
      .notNull()
      .references(() => caseParties.id),
    offence: text('offence')
      .notNull()
      .references(() => offences.code),
    createdAt: createdAt(),
  },
  (t) => [index('case_charges_case_idx').on(t.caseId), index('case_charges_offence_idx').on(t.offence, t.caseId), uniqueIndex('case_charges_uq').on(t.partyId, t.offence)],
);

/** Evidence and documents, stored by SHA-256 content address. */
export const evidenceBlobs = pgTable('evidence_blobs', {
  sha256: text('sha256').primaryKey(),
  size: integer('size').notNull(),
  /** Field-encrypted bytes (base64 inside the envelope). */
  content: text('content').notNull(),
});

export const evidence = pgTable(
  'evidence',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    sha256: text('sha256')
      .notNull()
      .references(() => evidenceBlobs.sha256),
    filename: text('filename').notNull(),
    mimeType: text('mime_type').notNull(),
    type: text('type').notNull(),
    source: text('source'),
    seizedOn: text('seized_on'),
    description: text('description'),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('evidence_case_idx').on(t.caseId)],
);

export const custodyEvents = pgTable(
  'custody_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    evidenceId: uuid('evidence_id')
      .notNull()
      .references(() => evidence.id),
    action: text('action').notNull(),
    holder: text('holder').notNull(),
    on: text('on_date').notNull(),
    reason: text('reason').notNull(),
    recordedBy: uuid('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('custody_events_evidence_idx').on(t.evidenceId)],
);

/** The case diary: dated investigation notes by officer. */
export const diaryEntries = pgTable(
  'diary_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    on: text('on_date').notNull(),
    note: text('note').notNull(),
    officerId: uuid('officer_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('diary_case_idx').on(t.caseId)],
);

export const caseTasks = pgTable(
  'case_tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    title: text('title').notNull(),
    ownerId: uuid('owner_id').references(() => users.id),
    due: text('due'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    createdBy: uuid('created_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [index('case_tasks_case_idx').on(t.caseId), index('case_tasks_owner_idx').on(t.ownerId)],
);

/** Deadlines computed from the law and procedure; recomputed whenever the case changes. */
export const caseDeadlines = pgTable(
  'case_deadlines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    kind: text('kind').notNull(),
    partyKey: text('party_key'),
    due: text('due').notNull(),
    basis: text('basis').notNull(),
    basisUr: text('basis_ur').notNull(),
    /** When the scheduler alerted the officer and supervisor that it was overdue. */
    alertedAt: timestamp('alerted_at', { withTimezone: true }),
  },
  (t) => [index('case_deadlines_case_idx').on(t.caseId, t.due), index('case_deadlines_due_idx').on(t.due)],
);

export const hearings = pgTable(
  'hearings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    court: text('court').notNull(),
    judge: text('judge'),
    on: text('on_date').notNull(),
    purpose: text('purpose').notNull(),
    outcome: text('outcome'),
    adjourned: boolean('adjourned').notNull().default(false),
    adjournmentReason: text('adjournment_reason'),
    nextDate: text('next_date'),
    recordedBy: uuid('recorded_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('hearings_case_idx').on(t.caseId), index('hearings_court_idx').on(t.court), index('hearings_adjourned_idx').on(t.caseId).where(sql`${t.adjourned}`)],
);

/** Judgment per accused per charge. */
export const judgments = pgTable(
  'judgments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    chargeId: uuid('charge_id')
      .notNull()
      .references(() => caseCharges.id),
    court: text('court').notNull(),
    on: text('on_date').notNull(),
    outcome: text('outcome').notNull(),
    sentenceMonths: integer('sentence_months'),
    fineRs: integer('fine_rs'),
    compensationRs: integer('compensation_rs'),
    recordedBy: uuid('recorded_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('judgments_case_idx').on(t.caseId), uniqueIndex('judgments_charge_court_uq').on(t.chargeId, t.court, t.on)],
);

export const appeals = pgTable(
  'appeals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    filedOn: text('filed_on').notNull(),
    appellant: text('appellant').notNull(),
    court: text('court').notNull(),
    section: text('section'),
    outcome: text('outcome'),
    decidedOn: text('decided_on'),
    recordedBy: uuid('recorded_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('appeals_case_idx').on(t.caseId)],
);

/** A case shared with another unit (an ATU, prosecution), through the policy. */
export const caseShares = pgTable(
  'case_shares',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    purpose: text('purpose').notNull(),
    sharedBy: uuid('shared_by').notNull(),
    sharedAt: timestamp('shared_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('case_shares_case_idx').on(t.caseId), index('case_shares_unit_idx').on(t.unitId)],
);

/** Phone numbers, recruitment agencies, bank accounts and vehicles seen in a case: the links between cases. */
export const caseEntities = pgTable(
  'case_entities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    /** phone | agency | bank-account | vehicle */
    kind: text('kind').notNull(),
    /** Normalised value the links are made on. */
    value: text('value').notNull(),
    label: text('label'),
    partyId: uuid('party_id'),
    createdAt: createdAt(),
  },
  (t) => [index('case_entities_value_idx').on(t.kind, t.value), index('case_entities_case_idx').on(t.caseId)],
);

/** Alerts for a user (overdue deadlines, referrals, hand-offs). */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind').notNull(),
    recordType: text('record_type'),
    recordId: text('record_id'),
    message: text('message').notNull(),
    messageUr: text('message_ur'),
    createdAt: createdAt(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.readAt)],
);

/** The last case number given per ATU and year (case references are ATU/YEAR/NNNNNN). */
export const caseRefCounters = pgTable(
  'case_ref_counters',
  {
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    year: text('year').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [uniqueIndex('case_ref_counters_uq').on(t.unitId, t.year)],
);

// ---- helpline: the 24/7 line, the public report page, complaints ------------------------------

/**
 * A contact with the helpline: a call, an SMS/WhatsApp message, a web report or one logged by
 * hand. What the caller said, their phone and the code word are field-encrypted (the record id
 * is the context); `caller_phone_hash` is a keyed blind index for "has this number called before".
 */
export const helplineContacts = pgTable(
  'helpline_contacts',
  {
    id: uuid('id').primaryKey(),
    /** HL-2026-ABCD2345 */
    ref: text('ref').notNull(),
    /** phone | sms | whatsapp | web | walk-in | email */
    channel: text('channel').notNull(),
    /** queued | active | ended | handed-off | closed */
    status: text('status').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    language: text('language'),
    /** victim | family | witness | community | other-agency | anonymous */
    callerType: text('caller_type'),
    /** Field-encrypted: what is reported, in the caller's words. */
    summary: text('summary'),
    classification: text('classification').array().notNull().default(sql`'{}'::text[]`),
    /** immediate | within-24h | routine */
    urgency: text('urgency').notNull().default('routine'),
    province: text('province'),
    district: text('district'),
    /** null: not known whether calling back is safe. */
    safeToCall: boolean('safe_to_call'),
    /** Safe window for calling back, local time HH:MM–HH:MM (Asia/Karachi). */
    safeFrom: text('safe_from'),
    safeTo: text('safe_to'),
    /** Field-encrypted. */
    codeWord: text('code_word'),
    /** Field-encrypted. */
    callerPhone: text('caller_phone'),
    callerPhoneHash: text('caller_phone_hash'),
    disposition: text('disposition'),
    /** consent | minor | immediate-danger | legal-duty | none */
    legalBasis: text('legal_basis'),
    legalBasisNote: text('legal_basis_note'),
    assignedTo: uuid('assigned_to').references(() => users.id),
    reportId: uuid('report_id'),
    callId: text('call_id'),
    queue: text('queue'),
    abandoned: boolean('abandoned').notNull().default(false),
    personId: uuid('person_id').references(() => persons.id),
    createdBy: uuid('created_by'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('helpline_contacts_ref_uq').on(t.ref),
    index('helpline_contacts_status_idx').on(t.status, t.receivedAt),
    index('helpline_contacts_assigned_idx').on(t.assignedTo),
    index('helpline_contacts_phone_idx').on(t.callerPhoneHash),
    index('helpline_contacts_received_idx').on(t.receivedAt),
    uniqueIndex('helpline_contacts_call_uq').on(t.callId),
  ],
);

/**
 * A report or complaint from the public page. No IP address or device identifier is stored;
 * only a SHA-256 of the reporter's secret. The content is one field-encrypted JSON document.
 */
export const helplineReports = pgTable(
  'helpline_reports',
  {
    id: uuid('id').primaryKey(),
    /** report | complaint */
    kind: text('kind').notNull(),
    reference: text('reference').notNull(),
    secretHash: text('secret_hash').notNull(),
    /** received | in-review | referred | answered | closed */
    status: text('status').notNull(),
    content: text('content').notNull(),
    language: text('language').notNull(),
    district: text('district'),
    province: text('province'),
    /** complaints: the agency complained about */
    agency: text('agency'),
    contactId: uuid('contact_id'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('helpline_reports_reference_uq').on(t.reference), index('helpline_reports_kind_idx').on(t.kind, t.status)],
);

/** Messages on a report: the reporter's additions and staff's public replies (field-encrypted). */
export const helplineReportMessages = pgTable(
  'helpline_report_messages',
  {
    id: uuid('id').primaryKey(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => helplineReports.id),
    /** reporter | staff */
    author: text('author').notNull(),
    authorId: uuid('author_id'),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('helpline_report_messages_report_idx').on(t.reportId)],
);

/** Proof-of-work challenges already spent (single use across app instances); purged after expiry. */
export const helplineSpentChallenges = pgTable('helpline_spent_challenges', {
  id: text('id').primaryKey(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

/** Callbacks to make: follow-ups and abandoned calls, within the caller's safe window. */
export const helplineCallbacks = pgTable(
  'helpline_callbacks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => helplineContacts.id),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    /** pending | done | cancelled */
    status: text('status').notNull().default('pending'),
    /** Safety not known: the operator checks the notes before dialling. */
    checkBeforeCalling: boolean('check_before_calling').notNull().default(false),
    reason: text('reason').notNull(),
    note: text('note'),
    createdBy: uuid('created_by'),
    doneBy: uuid('done_by'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    /** When the scheduler told the operators it was due. */
    alertedAt: timestamp('alerted_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('helpline_callbacks_due_idx').on(t.status, t.dueAt), index('helpline_callbacks_contact_idx').on(t.contactId)],
);

/** A contact handed off to an ATU, with its acknowledgement clock. */
export const helplineHandoffs = pgTable(
  'helpline_handoffs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => helplineContacts.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    /** district | province | national | override */
    routedBy: text('routed_by').notNull(),
    overrideReason: text('override_reason'),
    urgency: text('urgency').notNull(),
    personId: uuid('person_id').references(() => persons.id),
    caseId: uuid('case_id').references(() => cases.id),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    acknowledgedBy: uuid('acknowledged_by'),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('helpline_handoffs_unit_idx').on(t.unitId, t.acknowledgedAt), index('helpline_handoffs_contact_idx').on(t.contactId), index('helpline_handoffs_due_idx').on(t.dueAt)],
);

/** What the telephone system told us, once per (call, event). */
export const telephonyEvents = pgTable(
  'telephony_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    callId: text('call_id').notNull(),
    event: text('event').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    contactId: uuid('contact_id'),
    details: jsonb('details').$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('telephony_events_uq').on(t.callId, t.event)],
);

// ---- referrals: the service directory and consented referrals ----------------------------------

/** A service provider's directory entry: a unit in the tree (shelter, NGO, hospital) and its details. */
export const referralProviders = pgTable('referral_providers', {
  unitId: uuid('unit_id')
    .primaryKey()
    .references(() => units.id),
  /** shelter | medical | psychosocial | legal-aid | translation | ngo-support | repatriation */
  services: text('services').array().notNull().default(sql`'{}'::text[]`),
  languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
  districts: text('districts').array().notNull().default(sql`'{}'::text[]`),
  hours: text('hours'),
  capacity: integer('capacity'),
  available: integer('available'),
  /** Field-encrypted; never in lists or exports (shelter locations). */
  address: text('address'),
  phone: text('phone'),
  version: integer('version').notNull().default(1),
  updatedAt: updatedAt(),
});

/** A person's recorded informed consent to share named fields with one provider for a purpose, until a date. */
export const referralConsents = pgTable(
  'referral_consents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    providerUnitId: uuid('provider_unit_id')
      .notNull()
      .references(() => units.id),
    fields: text('fields').array().notNull(),
    purpose: text('purpose').notNull(),
    validUntil: text('valid_until').notNull(),
    /** verbal | written | thumbprint */
    form: text('form').notNull(),
    recordedBy: uuid('recorded_by').notNull(),
    recordedUnitId: uuid('recorded_unit_id').notNull(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnBy: uuid('withdrawn_by'),
    createdAt: createdAt(),
  },
  (t) => [index('referral_consents_person_idx').on(t.personId, t.providerUnitId)],
);

/**
 * A referral to a provider. `shared` is a field-encrypted snapshot of exactly the fields the
 * consent (or the lawful exception) allowed; the receiving organisation sees only that.
 */
export const referrals = pgTable(
  'referrals',
  {
    id: uuid('id').primaryKey(),
    ref: text('ref').notNull(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    fromUnitId: uuid('from_unit_id')
      .notNull()
      .references(() => units.id),
    providerUnitId: uuid('provider_unit_id')
      .notNull()
      .references(() => units.id),
    /** cases | helpline | protection | screening | persons */
    sourceModule: text('source_module').notNull(),
    sourceId: text('source_id'),
    service: text('service').notNull(),
    purpose: text('purpose').notNull(),
    urgency: text('urgency').notNull(),
    consentId: uuid('consent_id').references(() => referralConsents.id),
    /** minor | immediate-danger, when sent without consent */
    exception: text('exception'),
    exceptionJustification: text('exception_justification'),
    fields: text('fields').array().notNull(),
    shared: text('shared').notNull(),
    /** sent | accepted | declined | in-progress | completed | withdrawn */
    status: text('status').notNull(),
    declineReason: text('decline_reason'),
    feedback: text('feedback'),
    respondBy: timestamp('respond_by', { withTimezone: true }).notNull(),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    createdBy: uuid('created_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('referrals_ref_uq').on(t.ref),
    index('referrals_provider_idx').on(t.providerUnitId, t.status),
    index('referrals_from_idx').on(t.fromUnitId, t.status),
    index('referrals_person_idx').on(t.personId),
  ],
);

// ---- screening: the Immigration Monitoring System -----------------------------------------------

/**
 * A watchlist: who owns it, under what law, until when, and what the counter does on a hit.
 * `automatic` lists are fed by the system (proclaimed offenders and accused in open cases,
 * persons at risk from cases); nobody edits them by hand.
 */
export const screeningWatchlists = pgTable(
  'screening_watchlists',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** exit-control | passport-control | visa-control | lost-stolen-documents | interpol | intelligence | persons-at-risk | proclaimed-offenders-and-accused */
    kind: text('kind').notNull(),
    /** stop | refer-to-atu | inform | allow */
    instruction: text('instruction').notNull(),
    ownerUnitId: uuid('owner_unit_id')
      .notNull()
      .references(() => units.id),
    legalBasis: text('legal_basis').notNull(),
    expiresOn: text('expires_on'),
    active: boolean('active').notNull().default(true),
    automatic: boolean('automatic').notNull().default(false),
    createdBy: uuid('created_by'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('screening_watchlists_owner_idx').on(t.ownerUnitId), uniqueIndex('screening_watchlists_automatic_uq').on(t.kind).where(sql`${t.automatic}`)],
);

/**
 * An entry on a watchlist. Names, date of birth, documents, CNIC and notes are one
 * field-encrypted JSON document (`identity`); document numbers and CNICs also get blind indexes
 * (screening_entry_identifiers). `source_ref` ties a system-fed entry to its origin
 * (case party), so the feed updates instead of duplicating.
 */
export const screeningEntries = pgTable(
  'screening_entries',
  {
    id: uuid('id').primaryKey(),
    watchlistId: uuid('watchlist_id')
      .notNull()
      .references(() => screeningWatchlists.id),
    identity: text('identity').notNull(),
    expiresOn: text('expires_on'),
    active: boolean('active').notNull().default(true),
    /** manual | import | cases */
    source: text('source').notNull(),
    sourceRef: text('source_ref'),
    /** For a system-fed entry: a digest of what it was built from (versions), so the feed rewrites only what changed. */
    sourceFingerprint: text('source_fingerprint'),
    /** The case a case-fed entry comes from (its ATU receives the referral). */
    caseId: uuid('case_id').references(() => cases.id),
    createdBy: uuid('created_by'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('screening_entries_list_idx').on(t.watchlistId),
    uniqueIndex('screening_entries_source_uq').on(t.watchlistId, t.sourceRef),
    index('screening_entries_updated_idx').on(t.updatedAt),
  ],
);

/** Keyed HMAC blind indexes of an entry's document numbers and CNIC. */
export const screeningEntryIdentifiers = pgTable(
  'screening_entry_identifiers',
  {
    entryId: uuid('entry_id')
      .notNull()
      .references(() => screeningEntries.id),
    /** document | cnic */
    kind: text('kind').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('screening_entry_identifiers_lookup_idx').on(t.kind, t.hash), index('screening_entry_identifiers_entry_idx').on(t.entryId)],
);

/** Every version of an entry (field-encrypted snapshot), kept. */
export const screeningEntryVersions = pgTable(
  'screening_entry_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => screeningEntries.id),
    version: integer('version').notNull(),
    /** created | updated | deactivated */
    change: text('change').notNull(),
    snapshot: text('snapshot').notNull(),
    changedBy: uuid('changed_by'),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('screening_entry_versions_uq').on(t.entryId, t.version)],
);

/** One traveller at one counter: who checked, when, what document (field-encrypted summary), the result. */
export const screeningEncounters = pgTable(
  'screening_encounters',
  {
    id: uuid('id').primaryKey(),
    postId: uuid('post_id')
      .notNull()
      .references(() => units.id),
    counterId: uuid('counter_id').references(() => units.id),
    officerId: uuid('officer_id')
      .notNull()
      .references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** mrz | manual */
    mode: text('mode').notNull(),
    document: text('document').notNull(),
    documentValid: boolean('document_valid').notNull(),
    flags: text('flags').array().notNull().default(sql`'{}'::text[]`),
    nationality: text('nationality'),
    hitCount: integer('hit_count').notNull().default(0),
    /** clear | flagged | hit */
    result: text('result').notNull(),
  },
  (t) => [index('screening_encounters_post_at_idx').on(t.postId, t.at), index('screening_encounters_at_idx').on(t.at)],
);

/** A watchlist hit at a counter and the officer's decision on it. The explanation names names: field-encrypted. */
export const screeningHits = pgTable(
  'screening_hits',
  {
    id: uuid('id').primaryKey(),
    encounterId: uuid('encounter_id')
      .notNull()
      .references(() => screeningEncounters.id),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => screeningEntries.id),
    watchlistId: uuid('watchlist_id')
      .notNull()
      .references(() => screeningWatchlists.id),
    scorePermille: integer('score_permille').notNull(),
    alert: boolean('alert').notNull(),
    /** document | cnic | name */
    matchedBy: text('matched_by').notNull(),
    explanation: text('explanation').notNull(),
    /** pending | false-match | confirmed */
    decision: text('decision').notNull().default('pending'),
    reason: text('reason'),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('screening_hits_encounter_idx').on(t.encounterId), index('screening_hits_decision_idx').on(t.decision, t.createdAt)],
);

/** A referral from a counter (a confirmed hit, a deportee's interview) to the responsible ATU. */
export const screeningReferrals = pgTable(
  'screening_referrals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    atuId: uuid('atu_id')
      .notNull()
      .references(() => units.id),
    fromUnitId: uuid('from_unit_id')
      .notNull()
      .references(() => units.id),
    /** hit | deportee | offloadee */
    source: text('source').notNull(),
    hitId: uuid('hit_id').references(() => screeningHits.id),
    deporteeId: uuid('deportee_id'),
    caseId: uuid('case_id').references(() => cases.id),
    /** What the ATU needs to act: list, instruction, reason (no identity beyond the hit's). */
    summary: text('summary').notNull(),
    /** open | acknowledged */
    status: text('status').notNull().default('open'),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
    acknowledgedBy: uuid('acknowledged_by'),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('screening_referrals_atu_idx').on(t.atuId, t.status), index('screening_referrals_hit_idx').on(t.hitId)],
);

/**
 * An off-loading decision under the SOP. The traveller's identity is field-encrypted; the
 * grounds, destination, route, sponsor/agent and recruitment agency stay in clear for statistics.
 */
export const screeningOffloadees = pgTable(
  'screening_offloadees',
  {
    id: uuid('id').primaryKey(),
    postId: uuid('post_id')
      .notNull()
      .references(() => units.id),
    officerId: uuid('officer_id')
      .notNull()
      .references(() => users.id),
    encounterId: uuid('encounter_id').references(() => screeningEncounters.id),
    on: text('on_date').notNull(),
    traveller: text('traveller').notNull(),
    sex: text('sex'),
    ageYears: integer('age_years'),
    nationality: text('nationality'),
    grounds: text('grounds').array().notNull(),
    destination: text('destination').notNull(),
    route: text('route'),
    purpose: text('purpose'),
    sponsor: text('sponsor'),
    agency: text('agency'),
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [index('screening_offloadees_post_idx').on(t.postId, t.on), index('screening_offloadees_on_idx').on(t.on)],
);

/**
 * A deportee received from abroad. Identity and the interview's answers are field-encrypted;
 * deporting country, reason, amount paid and the outcome flag stay in clear for statistics.
 */
export const screeningDeportees = pgTable(
  'screening_deportees',
  {
    id: uuid('id').primaryKey(),
    postId: uuid('post_id')
      .notNull()
      .references(() => units.id),
    officerId: uuid('officer_id')
      .notNull()
      .references(() => users.id),
    on: text('on_date').notNull(),
    traveller: text('traveller').notNull(),
    sex: text('sex'),
    ageYears: integer('age_years'),
    deportingCountry: text('deporting_country').notNull(),
    reason: text('reason').notNull(),
    travelHistory: jsonb('travel_history').$type<Array<{ country: string; from?: string; to?: string }>>().notNull(),
    interview: text('interview'),
    amountPaidRs: integer('amount_paid_rs'),
    /** suspected-victim | smuggled-migrant | none */
    assessment: text('assessment').notNull().default('none'),
    personId: uuid('person_id').references(() => persons.id),
    caseId: uuid('case_id').references(() => cases.id),
    referralId: uuid('referral_id'),
    createdAt: createdAt(),
  },
  (t) => [index('screening_deportees_post_idx').on(t.postId, t.on), index('screening_deportees_on_idx').on(t.on)],
);

/** A flight manifest screened in the background, with its progress. */
export const screeningManifests = pgTable(
  'screening_manifests',
  {
    id: uuid('id').primaryKey(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    flight: text('flight'),
    /** queued | running | done | failed */
    status: text('status').notNull(),
    total: integer('total').notNull(),
    done: integer('done').notNull().default(0),
    hitCount: integer('hit_count').notNull().default(0),
    error: text('error'),
    createdAt: createdAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('screening_manifests_unit_idx').on(t.unitId, t.createdAt)],
);

/** A manifest passenger who hit a watchlist. Passenger and explanation are field-encrypted. */
export const screeningManifestHits = pgTable(
  'screening_manifest_hits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    manifestId: uuid('manifest_id')
      .notNull()
      .references(() => screeningManifests.id),
    row: integer('row').notNull(),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => screeningEntries.id),
    watchlistId: uuid('watchlist_id')
      .notNull()
      .references(() => screeningWatchlists.id),
    scorePermille: integer('score_permille').notNull(),
    matchedBy: text('matched_by').notNull(),
    detail: text('detail').notNull(),
  },
  (t) => [index('screening_manifest_hits_manifest_idx').on(t.manifestId, t.row)],
);
