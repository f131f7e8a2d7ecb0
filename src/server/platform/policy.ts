// Who may do what: the one place. `can(actor, action, subject)` answers from a table of pure
// rules, one per action, so the type system forces a rule for every action; anything not
// granted is denied. The same scopes are expressed as SQL for list queries (`unitScope`).
import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { IDENTITY_ROLES, type Role } from '../../domain/roles.js';
import { DeniedError } from './errors.js';

/** A signed-in person acting through the API. */
export interface UserActor {
  kind: 'user';
  userId: string;
  username: string;
  displayName: string;
  unitId: string;
  /** Materialised path of the actor's unit, e.g. "/<hq>/<zone>/<atu>/". */
  unitPath: string;
  roles: readonly Role[];
}

/** A scheduled job or the administration command. It has its own rules, never a bypass. */
export interface SystemActor {
  kind: 'system';
  name: 'cli' | 'seed' | 'scheduler';
}

export type Actor = UserActor | SystemActor;

export interface UnitRef {
  id: string;
  path: string;
}
export interface UserRef {
  id: string;
  unitPath: string;
}
/** A person in the registry: where they were registered, and whether their identity is protected. */
export interface PersonRef {
  id: string;
  unitPath: string;
  protected: boolean;
}
/** A case: the ATU that owns it and the units it is shared with (their paths). */
export interface CaseRef {
  id: string;
  unitPath: string;
  sharedWith: readonly string[];
}
export type Nothing = null;
/** A referral: the unit that sent it and the provider unit that receives it (their paths). */
export interface ReferralRef {
  id: string;
  unitPath: string;
  providerPath: string;
}

/** Each action with the kind of subject its rule looks at. */
export interface Subjects {
  'unit.read': UnitRef;
  'unit.create': UnitRef; // the parent unit
  'unit.update': UnitRef;
  'user.read': UserRef;
  'user.create': UnitRef; // the unit the user will belong to
  'user.update': UserRef;
  'audit.read': Nothing;
  'audit.verify': Nothing;
  'account.manageOwn': Nothing;
  'person.create': UnitRef; // the unit registering the person
  'person.read': PersonRef; // the record, identity masked unless person.readIdentity
  'person.readIdentity': PersonRef;
  'person.update': PersonRef;
  'person.merge': PersonRef; // asked of both records
  'person.reviewDuplicates': Nothing;
  'case.create': UnitRef; // the ATU that will own it
  'case.openInquiry': UnitRef; // another ATU: the helpline's hand-off opens an inquiry there
  'case.read': CaseRef; // facts; victims' identity only with case.readIdentity
  'case.readIdentity': CaseRef;
  'case.update': CaseRef; // stage, people, evidence, diary, tasks
  'case.recordCourt': CaseRef; // hearings, judgments, appeals
  'case.transfer': CaseRef; // to another ATU; sharing with another unit
  'cases.monitor': Nothing; // the Cell's nationwide register and dashboards (own scope for supervisors)
  'law.manage': Nothing;
  'cases.alertDeadlines': Nothing; // the scheduler's own rule
  // helpline (the public side needs no actor: it is not a policy decision but a secret and a proof of work)
  'helpline.work': Nothing; // the queue, contacts, callbacks, complaints: the national helpline's staff
  'helpline.readCallerIdentity': Nothing; // a caller's phone number and code word, unmasked
  'helpline.supervise': Nothing; // who handles what, transfers of others' contacts, choosing the ATU
  'helpline.handoff': Nothing; // turn a contact into an ATU referral
  'helpline.telephony': Nothing; // the telephone system's webhook (an API token of a helpline user)
  'helpline.readHandoff': UnitRef; // the ATU the contact was handed off to
  'helpline.acknowledge': UnitRef; // the ATU the contact was handed off to
  'helpline.stats': Nothing; // statistics (small counts suppressed unless helpline staff)
  'helpline.escalate': Nothing; // the scheduler's own rule
  // referrals
  'referral.directory': Nothing; // the service-provider directory (no addresses)
  'referral.updateProvider': UnitRef; // a provider's own details and capacity
  'referral.readProviderAddress': UnitRef; // a shelter's address: its own staff only
  'referral.consent': PersonRef; // record or withdraw a person's informed consent
  'referral.send': PersonRef; // refer a person (with consent, or a lawful exception)
  'referral.read': ReferralRef; // sender's side or receiving organisation's side
  'referral.respond': ReferralRef; // the receiving organisation: accept, decline, progress, complete
  'referral.withdraw': ReferralRef; // the sending side
  // screening (the Immigration Monitoring System)
  'screening.check': UnitRef; // the post (or counter) the traveller is screened at
  'screening.readEncounter': UnitRef; // the post where the encounter happened
  'screening.adjudicate': UnitRef; // decide a hit (false match / confirmed) at that post
  'screening.manifest': UnitRef; // screen a flight manifest for the actor's post
  'screening.sop': UnitRef; // record off-loadees and deportees at the post
  'screening.readSop': UnitRef; // read those records (the post's officers, headquarters)
  'screening.stats': Nothing; // headquarters dashboards (supervisors: their own posts)
  'watchlist.read': Nothing; // lists and entries
  'watchlist.manage': UnitRef; // the list's owner unit: create, edit, import, deactivate
  'screening.readReferral': ScreeningReferralRef; // the receiving ATU, or the post that referred
  'screening.acknowledgeReferral': UnitRef; // the receiving ATU
  'screening.feed': Nothing; // the scheduler's own rule: the automatic lists fed from cases
}

/** A referral from a counter: the ATU that receives it and the post that sent it (their paths). */
export interface ScreeningReferralRef {
  id: string;
  atuPath: string;
  fromPath: string;
}

export type Action = keyof Subjects;

type Rule<S> = (actor: Actor, subject: S) => boolean;

const has = (actor: Actor, ...roles: Role[]): actor is UserActor =>
  actor.kind === 'user' && actor.roles.some((r) => roles.includes(r));

/** The subject lies in the actor's unit or below it. */
const within = (actor: UserActor, path: string): boolean => path.startsWith(actor.unitPath);

/** The administration command and the seeder, run by whoever holds the server's data folder or database. */
const isCli = (actor: Actor): boolean => actor.kind === 'system' && (actor.name === 'cli' || actor.name === 'seed');

/** Roles that register people they meet: victims, callers, residents, travellers, accused. */
export const REGISTRAR_ROLES: readonly Role[] = [
  'atu-investigator',
  'atu-supervisor',
  'helpline-operator',
  'helpline-supervisor',
  'shelter-staff',
  'ngo-caseworker',
  'immigration-officer',
  'immigration-supervisor',
];
/** Roles that see every person nationwide, identity masked: monitoring, not casework. */
const NATIONAL_VIEW_ROLES: readonly Role[] = ['monitoring-cell-analyst', 'national-coordinator'];
/** Roles that decide whether two records are one person. */
const MERGE_ROLES: readonly Role[] = ['atu-supervisor', 'helpline-supervisor', 'immigration-supervisor'];

const ATU_ROLES: readonly Role[] = ['atu-investigator', 'atu-supervisor'];
const HELPLINE_ROLES: readonly Role[] = ['helpline-operator', 'helpline-supervisor'];
/** Roles that refer people to service providers (from a case, the helpline, a shelter, a counter). */
export const REFERRER_ROLES: readonly Role[] = [...ATU_ROLES, ...HELPLINE_ROLES, 'shelter-staff', 'ngo-caseworker', 'immigration-officer', 'immigration-supervisor'];
/** Roles of the receiving organisations (shelters, NGOs, hospitals) in the referral mechanism. */
export const PROVIDER_ROLES: readonly Role[] = ['shelter-staff', 'ngo-caseworker'];
const IMMIGRATION_ROLES: readonly Role[] = ['immigration-officer', 'immigration-supervisor'];
/** An immigration post seen by its staff: the post is in the actor's subtree, or the actor works at a counter inside it. */
const atPost = (actor: UserActor, postPath: string): boolean => within(actor, postPath) || actor.unitPath.startsWith(postPath);
/** The case belongs to the actor's part of the tree, or is shared with the actor's unit (or a unit above it). */
const caseInScope = (actor: UserActor, c: CaseRef): boolean => within(actor, c.unitPath) || c.sharedWith.some((p) => actor.unitPath.startsWith(p));

const personVisible = (actor: Actor, p: PersonRef): boolean =>
  has(actor, ...NATIONAL_VIEW_ROLES) || (has(actor, ...REGISTRAR_ROLES, 'prosecutor') && within(actor, p.unitPath));
const identityVisible = (actor: Actor, p: PersonRef): boolean =>
  actor.kind === 'user' && within(actor, p.unitPath) && (p.protected ? has(actor, ...IDENTITY_ROLES) : has(actor, ...REGISTRAR_ROLES, 'prosecutor'));

const rules: { [A in Action]: Rule<Subjects[A]> } = {
  'unit.read': (actor) => actor.kind === 'user',
  'unit.create': (actor, parent) => isCli(actor) || (has(actor, 'administrator') && within(actor, parent.path)),
  'unit.update': (actor, unit) => has(actor, 'administrator') && within(actor, unit.path) && unit.path !== actor.unitPath,
  'user.read': (actor, user) => has(actor, 'administrator') && within(actor, user.unitPath),
  'user.create': (actor, unit) => isCli(actor) || (has(actor, 'administrator') && within(actor, unit.path)),
  'user.update': (actor, user) => has(actor, 'administrator') && within(actor, user.unitPath) && user.id !== actor.userId,
  'audit.read': (actor) => has(actor, 'auditor'),
  'audit.verify': (actor) => has(actor, 'auditor', 'administrator'),
  'account.manageOwn': (actor) => actor.kind === 'user',
  'person.create': (actor, unit) => has(actor, ...REGISTRAR_ROLES) && within(actor, unit.path),
  'person.read': personVisible,
  'person.readIdentity': identityVisible,
  'person.update': (actor, p) => has(actor, ...REGISTRAR_ROLES) && identityVisible(actor, p),
  'person.merge': (actor, p) => has(actor, ...MERGE_ROLES) && identityVisible(actor, p),
  'person.reviewDuplicates': (actor) => has(actor, ...MERGE_ROLES),
  'case.create': (actor, unit) => has(actor, ...ATU_ROLES) && within(actor, unit.path),
  'case.openInquiry': (actor) => has(actor, 'helpline-operator', 'helpline-supervisor', ...IMMIGRATION_ROLES),
  'case.read': (actor, c) => has(actor, ...NATIONAL_VIEW_ROLES) || (has(actor, ...ATU_ROLES, 'prosecutor') && caseInScope(actor, c)),
  'case.readIdentity': (actor, c) => has(actor, ...ATU_ROLES, 'prosecutor') && caseInScope(actor, c),
  'case.update': (actor, c) => has(actor, ...ATU_ROLES) && caseInScope(actor, c),
  'case.recordCourt': (actor, c) => has(actor, ...ATU_ROLES, 'prosecutor') && caseInScope(actor, c),
  'case.transfer': (actor, c) => has(actor, 'atu-supervisor') && within(actor, c.unitPath),
  'cases.monitor': (actor) => has(actor, ...NATIONAL_VIEW_ROLES, 'atu-supervisor'),
  'law.manage': (actor) => has(actor, 'administrator'),
  'cases.alertDeadlines': (actor) => actor.kind === 'system' && actor.name === 'scheduler',
  'helpline.work': (actor) => has(actor, ...HELPLINE_ROLES),
  'helpline.readCallerIdentity': (actor) => has(actor, ...HELPLINE_ROLES) && has(actor, ...IDENTITY_ROLES),
  'helpline.supervise': (actor) => has(actor, 'helpline-supervisor'),
  'helpline.handoff': (actor) => has(actor, ...HELPLINE_ROLES),
  'helpline.telephony': (actor) => has(actor, ...HELPLINE_ROLES),
  'helpline.readHandoff': (actor, atu) => has(actor, ...HELPLINE_ROLES) || (has(actor, ...ATU_ROLES) && within(actor, atu.path)),
  'helpline.acknowledge': (actor, atu) => has(actor, ...ATU_ROLES) && within(actor, atu.path),
  'helpline.stats': (actor) => has(actor, ...HELPLINE_ROLES, ...NATIONAL_VIEW_ROLES),
  'helpline.escalate': (actor) => actor.kind === 'system' && actor.name === 'scheduler',
  'referral.directory': (actor) => actor.kind === 'user',
  'referral.updateProvider': (actor, unit) => (has(actor, ...PROVIDER_ROLES) || has(actor, 'administrator')) && within(actor, unit.path),
  'referral.readProviderAddress': (actor, unit) => has(actor, ...PROVIDER_ROLES) && within(actor, unit.path),
  'referral.consent': (actor, p) => has(actor, ...REFERRER_ROLES) && identityVisible(actor, p),
  'referral.send': (actor, p) => has(actor, ...REFERRER_ROLES) && identityVisible(actor, p),
  'referral.read': (actor, r) => (has(actor, ...REFERRER_ROLES) && within(actor, r.unitPath)) || (has(actor, ...PROVIDER_ROLES) && within(actor, r.providerPath)),
  'referral.respond': (actor, r) => has(actor, ...PROVIDER_ROLES) && within(actor, r.providerPath),
  'referral.withdraw': (actor, r) => has(actor, ...REFERRER_ROLES) && within(actor, r.unitPath),
  'screening.check': (actor, post) => has(actor, ...IMMIGRATION_ROLES) && atPost(actor, post.path),
  'screening.readEncounter': (actor, post) => has(actor, ...NATIONAL_VIEW_ROLES) || (has(actor, ...IMMIGRATION_ROLES) && atPost(actor, post.path)),
  'screening.adjudicate': (actor, post) => has(actor, ...IMMIGRATION_ROLES) && atPost(actor, post.path),
  'screening.manifest': (actor, unit) => has(actor, ...IMMIGRATION_ROLES) && atPost(actor, unit.path),
  'screening.sop': (actor, post) => has(actor, ...IMMIGRATION_ROLES) && atPost(actor, post.path),
  'screening.readSop': (actor, post) => has(actor, ...NATIONAL_VIEW_ROLES) || (has(actor, ...IMMIGRATION_ROLES) && atPost(actor, post.path)),
  'screening.stats': (actor) => has(actor, ...NATIONAL_VIEW_ROLES, 'immigration-supervisor'),
  'watchlist.read': (actor) => has(actor, ...IMMIGRATION_ROLES, ...NATIONAL_VIEW_ROLES),
  'watchlist.manage': (actor, owner) => isCli(actor) || (has(actor, 'immigration-supervisor') && within(actor, owner.path)),
  'screening.readReferral': (actor, r) => (has(actor, ...ATU_ROLES) && within(actor, r.atuPath)) || (has(actor, ...IMMIGRATION_ROLES) && atPost(actor, r.fromPath)),
  'screening.acknowledgeReferral': (actor, atu) => has(actor, ...ATU_ROLES) && within(actor, atu.path),
  'screening.feed': (actor) => actor.kind === 'system' && (actor.name === 'scheduler' || actor.name === 'seed'),
};

export const ACTIONS = Object.keys(rules) as Action[];

export function can<A extends Action>(actor: Actor, action: A, subject: Subjects[A]): boolean {
  const rule = rules[action] as Rule<Subjects[A]> | undefined;
  if (!rule) return false;
  try {
    return rule(actor, subject);
  } catch {
    return false;
  }
}

/**
 * Throws a DeniedError unless the policy allows. With a record named, the refusal answers 404
 * (unless `status` says 403: the record is visible but this action on it is not allowed).
 */
export function assertCan<A extends Action>(
  actor: Actor,
  action: A,
  subject: Subjects[A],
  record?: { type: string; id?: string | undefined },
  opts: { status?: 403 | 404; message?: string } = {},
): void {
  if (can(actor, action, subject)) return;
  throw new DeniedError(action, record, opts.status ?? (record?.id ? 404 : 403), opts.message);
}

/**
 * SQL twin of `within`: restricts a query to rows whose unit lies in the actor's unit subtree.
 * `pathColumn` is a units.path column joined into the query.
 */
export function unitScope(actor: Actor, pathColumn: AnyPgColumn): SQL {
  if (actor.kind !== 'user') return sql`false`;
  return sql`starts_with(${pathColumn}, ${actor.unitPath})`;
}

/** SQL twin of personVisible, over a joined units.path column. */
export function personScope(actor: Actor, pathColumn: AnyPgColumn): SQL {
  if (actor.kind !== 'user') return sql`false`;
  if (actor.roles.some((r) => NATIONAL_VIEW_ROLES.includes(r))) return sql`true`;
  if (!actor.roles.some((r) => [...REGISTRAR_ROLES, 'prosecutor'].includes(r))) return sql`false`;
  return unitScope(actor, pathColumn);
}

/** Reads every case in the country (identity masked): the Monitoring Cell and the National Coordinator. */
export function nationalCaseView(actor: Actor): boolean {
  return actor.kind === 'user' && actor.roles.some((r) => NATIONAL_VIEW_ROLES.includes(r));
}

/**
 * SQL twin of case.read over the cases table. Written as `= ANY(ARRAY(subquery))` so the planner
 * resolves the actor's units and shared cases once and then uses the indexes on cases.unit_id
 * and cases.id, instead of testing a path and a share for every row.
 */
export function caseScope(actor: Actor, unitIdColumn: AnyPgColumn, caseIdColumn: AnyPgColumn): SQL {
  if (actor.kind !== 'user') return sql`false`;
  if (nationalCaseView(actor)) return sql`true`;
  if (!actor.roles.some((r) => [...ATU_ROLES, 'prosecutor'].includes(r))) return sql`false`;
  return sql`(${unitIdColumn} = ANY(ARRAY(SELECT id FROM units WHERE starts_with(path, ${actor.unitPath})))
    OR ${caseIdColumn} = ANY(ARRAY(SELECT s.case_id FROM case_shares s JOIN units su ON su.id = s.unit_id
      WHERE s.revoked_at IS NULL AND starts_with(${actor.unitPath}, su.path))))`;
}

/** What the navigation offers: each module the actor may use at all. */
export function modulesFor(actor: UserActor): string[] {
  const modules: string[] = [];
  if (has(actor, ...NATIONAL_VIEW_ROLES, ...REGISTRAR_ROLES, 'prosecutor')) modules.push('persons');
  if (has(actor, ...NATIONAL_VIEW_ROLES, ...ATU_ROLES, 'prosecutor')) modules.push('cases');
  if (has(actor, ...NATIONAL_VIEW_ROLES, 'atu-supervisor')) modules.push('monitoring');
  if (has(actor, 'administrator')) modules.push('admin');
  if (has(actor, 'auditor')) modules.push('audit');
  if (has(actor, ...HELPLINE_ROLES)) modules.push('helpline');
  if (has(actor, ...REFERRER_ROLES, ...PROVIDER_ROLES)) modules.push('referrals');
  if (has(actor, ...IMMIGRATION_ROLES, ...NATIONAL_VIEW_ROLES, ...ATU_ROLES)) modules.push('screening');
  return modules;
}
