// HTTP for the Immigration Monitoring System: checks at the counter, hits and decisions,
// watchlists, referrals to ATUs, off-loadees and deportees, manifests, dashboards.
//
// The counter never shows a false "clear": a check answers 200 with `result` clear | flagged |
// hit only when the traveller was actually screened against the index and the encounter was
// recorded. Bad input answers 4xx with the error shape; anything else (the database down, the
// index not loaded) is a 5xx, which the counter screen shows as "NOT CHECKED". The heartbeat
// lets the screen show connectivity before the next traveller.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorSchema, IdParams, originOf, PageQuery, requireActor, Uuid, type Deps } from '../../platform/http.js';
import { IsoDate } from '../cases/routes.js';
import * as imports from './import.js';
import * as manifests from './manifests.js';
import * as service from './service.js';
import * as sop from './sop.js';
import * as stats from './stats.js';
import { closeScreeningIndex, screeningIndex } from './watchlist-index.js';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 413: ErrorSchema, 422: ErrorSchema };
const tags = ['screening'];
const Text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const Opt = (max: number) => z.string().trim().max(max).optional();
const Sex = z.enum(['M', 'F'], { message: 'must be M or F' });
const YearOrDate = z.union([IsoDate, z.string().regex(/^\d{4}$/, 'write a date as YYYY-MM-DD or a year as YYYY')]);

const Flag = z.object({ code: z.string(), message: z.string() });
const Document = z.object({
  source: z.enum(['mrz', 'manual']),
  format: z.enum(['TD1', 'TD2', 'TD3']).nullable(),
  documentCode: z.string().nullable(),
  issuingState: z.string().nullable(),
  documentNumber: z.string().nullable(),
  surname: z.string().nullable(),
  givenNames: z.string().nullable(),
  name: z.string().nullable(),
  nationality: z.string().nullable(),
  dateOfBirth: z.string().nullable(),
  sex: z.enum(['M', 'F']).nullable(),
  expiryDate: z.string().nullable(),
  personalNumber: z.string().nullable(),
  cnic: z.string().nullable(),
  ageYears: z.number().nullable(),
  valid: z.boolean().describe('the zone passed every check (check digits, dates, codes); false with flags otherwise'),
  flags: z.array(Flag).describe('possible tampering or forgery, expiry, CNIC problems, a minor traveller …; never corrected silently'),
});
const ListRef = z.object({ id: z.string(), name: z.string(), kind: z.string(), instruction: z.string() });
const Hit = z.object({
  id: z.string().describe('the hit: decide it at POST /hits/{id}/decision'),
  entryId: z.string(),
  list: ListRef,
  score: z.number(),
  alert: z.boolean(),
  explanation: z.unknown(),
  matchedBy: z.enum(['document', 'cnic', 'name']),
});
const CheckResult = z.object({
  document: Document,
  hits: z.array(Hit).describe('exact document-number and CNIC hits first (score 1), then name hits'),
  encounterId: z.string(),
  result: z.enum(['clear', 'flagged', 'hit']).describe('only ever returned after a real check against every active list'),
  post: z.object({ id: z.string(), name: z.string() }),
  counterId: z.string().nullable(),
  checkedAt: z.string(),
});
const CheckBody = z.union([
  z.strictObject({ mrz: Text(200).describe('the zone as scanned: lines separated by \\n'), counterId: Uuid.optional() }),
  z.strictObject({
    name: Text(200),
    dateOfBirth: YearOrDate.optional(),
    nationality: Opt(60),
    documentNumber: Opt(30),
    sex: Sex.optional(),
    cnic: Opt(20),
    counterId: Uuid.optional(),
  }),
]);

const Watchlist = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  instruction: z.string(),
  ownerUnitId: z.string(),
  ownerName: z.string(),
  legalBasis: z.string(),
  expiresOn: z.string().nullable(),
  active: z.boolean(),
  automatic: z.boolean(),
  version: z.number(),
  entries: z.number().nullable(),
  canManage: z.boolean(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
const EntryBody = {
  names: z.array(Text(200)).min(1, 'give at least one name').max(30),
  fatherName: Opt(200),
  dateOfBirth: YearOrDate.optional(),
  nationality: Opt(60),
  sex: Sex.optional(),
  documentNumbers: z.array(Text(30)).max(20).optional(),
  cnic: Opt(20),
  notes: Opt(2000),
  expiresOn: IsoDate.nullable().optional(),
};
const Entry = z.object({
  id: z.string(),
  watchlistId: z.string(),
  names: z.array(z.string()),
  fatherName: z.string().nullable(),
  dateOfBirth: z.string().nullable(),
  nationality: z.string().nullable(),
  sex: z.string().nullable(),
  documentNumbers: z.array(z.string()),
  cnic: z.string().nullable(),
  notes: z.string().nullable(),
  expiresOn: z.string().nullable(),
  active: z.boolean(),
  source: z.string(),
  caseId: z.string().nullable(),
  version: z.number(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
const EntryDetail = Entry.extend({ versions: z.array(z.object({ version: z.number(), change: z.string(), changedBy: z.string().nullable(), changedAt: z.date() })) });
const Referral = z.object({
  id: z.string(),
  status: z.string(),
  source: z.string(),
  atu: z.object({ id: z.string(), name: z.string() }),
  from: z.object({ id: z.string(), name: z.string() }),
  hitId: z.string().nullable(),
  deporteeId: z.string().nullable(),
  encounterId: z.string().nullable(),
  caseId: z.string().nullable(),
  caseRef: z.string().nullable(),
  summary: z.string(),
  traveller: z.object({ name: z.string().nullable(), documentNumber: z.string().nullable(), dateOfBirth: z.string().nullable(), nationality: z.string().nullable(), sex: z.string().nullable(), cnic: z.string().nullable() }).nullable(),
  createdAt: z.date(),
  acknowledgedAt: z.date().nullable(),
  version: z.number(),
});
const Traveller = z.strictObject({ name: Text(200), fatherName: Opt(200), dateOfBirth: IsoDate.optional(), documentNumber: Opt(30), cnic: Opt(20), phone: Opt(30) });
const SopQuery = z.strictObject({ from: IsoDate.optional(), to: IsoDate.optional(), postId: Uuid.optional(), ...PageQuery });
const Passenger = z.strictObject({ name: z.string().max(200), dateOfBirth: YearOrDate.optional(), nationality: Opt(60), documentNumber: Opt(30), sex: Sex.optional() });
const Count = z.object({ key: z.string(), n: z.number() });
const StatsQuery = z.strictObject({ from: IsoDate.optional(), to: IsoDate.optional(), postId: Uuid.optional() });
const attachment = (name: string) => `attachment; filename="${name}"`;

export const screeningRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    // The index starts loading now (a million entries take longer than a plugin may take to
    // register); checks wait for it, the heartbeat says "starting" until it is ready.
    void screeningIndex(deps).catch((err: unknown) => app.log.error({ err }, 'screening index failed to load'));
    app.addHook('onClose', () => closeScreeningIndex(deps));
    await manifests.failAbandonedManifests(deps.db);

    app.get(
      '/heartbeat',
      {
        schema: {
          tags,
          summary: 'Connectivity for the counter screen: the server, the database and the watchlist index answer',
          response: { 200: z.object({ status: z.enum(['ok', 'starting']).describe('starting: the watchlists are still loading; checks wait for them'), entries: z.number(), indexLoadedAt: z.string().nullable(), serverTime: z.string() }), 401: ErrorSchema, 403: ErrorSchema },
        },
      },
      async (req) => {
        requireActor(req);
        return service.heartbeat(deps);
      },
    );

    app.post(
      '/checks',
      {
        schema: {
          tags,
          summary: 'Screen a traveller: a machine readable zone, or typed details, against every active watchlist',
          description:
            'Answers 200 only after a real check (result clear | flagged | hit) and the encounter is recorded. 4xx: bad input (e.g. not a readable zone). 5xx: the check could not be made — the counter must show NOT CHECKED, never clear.',
          body: CheckBody,
          response: { 200: CheckResult, ...errors },
        },
      },
      async (req) => service.check(deps, requireActor(req), req.body, originOf(req)),
    );

    app.get(
      '/encounters/:id',
      { schema: { tags, summary: 'An encounter: the document as read, the hits and their decisions', params: IdParams, response: { 200: z.object({ id: z.string(), post: z.object({ id: z.string(), name: z.string() }), counterId: z.string().nullable(), officerId: z.string(), at: z.date(), result: z.string(), documentValid: z.boolean(), flags: z.array(z.string()), document: Document.nullable(), hits: z.array(Hit.extend({ explanation: z.unknown(), decision: z.string(), reason: z.string().nullable(), decidedAt: z.date().nullable() })) }), ...errors } } },
      async (req) => service.getEncounter(deps, requireActor(req), req.params.id, originOf(req)),
    );

    app.post(
      '/hits/:id/decision',
      {
        schema: {
          tags,
          summary: "The officer's decision on a hit; a confirmed hit is referred to the responsible ATU",
          params: IdParams,
          body: z.strictObject({ decision: z.enum(['false-match', 'confirmed']), reason: Text(1000) }),
          response: { 200: z.object({ id: z.string(), decision: z.string(), reason: z.string(), referral: z.object({ id: z.string(), atuId: z.string(), atuName: z.string(), caseRef: z.string().nullable() }).nullable() }), ...errors },
        },
      },
      async (req) => service.decideHit(deps, requireActor(req), req.params.id, req.body, originOf(req)),
    );

    // ---- watchlists --------------------------------------------------------------------------
    app.get('/watchlists', { schema: { tags, summary: 'Every watchlist, with its owner, legal basis, expiry, instruction and size', response: { 200: z.array(Watchlist), ...errors } } }, async (req) =>
      service.listWatchlists(deps, requireActor(req)),
    );
    app.post(
      '/watchlists',
      {
        schema: {
          tags,
          summary: 'Create a watchlist (immigration supervisors)',
          body: z.strictObject({ name: Text(200), kind: z.enum(service.LIST_KINDS), instruction: z.enum(service.INSTRUCTIONS), legalBasis: Text(500), expiresOn: IsoDate.nullable().optional(), ownerUnitId: Uuid.optional() }),
          response: { 201: Watchlist, ...errors },
        },
      },
      async (req, reply) => reply.status(201).send(await service.createWatchlist(deps, requireActor(req), req.body, originOf(req))),
    );
    app.get('/watchlists/:id', { schema: { tags, summary: 'One watchlist', params: IdParams, response: { 200: Watchlist, ...errors } } }, async (req) => service.getWatchlist(deps, requireActor(req), req.params.id));
    app.patch(
      '/watchlists/:id',
      {
        schema: {
          tags,
          summary: 'Change a watchlist (name, instruction, legal basis, expiry, active)',
          params: IdParams,
          body: z.strictObject({ version: z.number().int().min(1), name: Text(200).optional(), instruction: z.enum(service.INSTRUCTIONS).optional(), legalBasis: Text(500).optional(), expiresOn: IsoDate.nullable().optional(), active: z.boolean().optional() }),
          response: { 200: Watchlist, ...errors },
        },
      },
      async (req) => service.updateWatchlist(deps, requireActor(req), req.params.id, req.body, originOf(req)),
    );
    app.get(
      '/watchlists/:id/entries',
      { schema: { tags, summary: 'Entries of a list (identity read: audited)', params: IdParams, querystring: z.strictObject(PageQuery), response: { 200: z.object({ items: z.array(Entry), total: z.number(), page: z.number(), pageSize: z.number() }), ...errors } } },
      async (req) => service.listEntries(deps, requireActor(req), req.params.id, req.query.page, req.query.pageSize, originOf(req)),
    );
    app.post(
      '/watchlists/:id/entries',
      { schema: { tags, summary: 'Add an entry: live at every counter as soon as it is saved', params: IdParams, body: z.strictObject(EntryBody), response: { 201: EntryDetail, ...errors } } },
      async (req, reply) => reply.status(201).send(await service.createEntry(deps, requireActor(req), req.params.id, req.body, originOf(req))),
    );
    app.post(
      '/watchlists/:id/import',
      {
        bodyLimit: 64 * 1024 * 1024,
        schema: {
          tags,
          summary: 'Bulk import (CSV, XLSX as base64, JSONL): commit=false previews with per-row errors; commit=true writes all rows or none',
          params: IdParams,
          body: z.strictObject({ filename: Text(200), content: z.string().min(1, 'the file is empty').max(60_000_000), commit: z.boolean() }),
          response: {
            200: z.object({
              committed: z.boolean(),
              rows: z.number(),
              ok: z.number(),
              withErrors: z.number(),
              errors: z.array(z.object({ row: z.number(), field: z.string().nullable(), message: z.string() })),
              preview: z.array(z.object({ row: z.number(), ok: z.boolean(), names: z.array(z.string()), dateOfBirth: z.string().nullable(), documentNumbers: z.array(z.string()) })),
              created: z.number(),
            }),
            ...errors,
          },
        },
      },
      async (req) => imports.importEntries(deps, requireActor(req), req.params.id, req.body, originOf(req)),
    );
    app.get('/entries/:id', { schema: { tags, summary: 'One entry with its versions', params: IdParams, response: { 200: EntryDetail, ...errors } } }, async (req) => service.getEntry(deps, requireActor(req), req.params.id));
    app.patch(
      '/entries/:id',
      {
        schema: { tags, summary: 'Change or deactivate an entry (a new version; live at once)', params: IdParams, body: z.strictObject({ version: z.number().int().min(1), active: z.boolean().optional(), ...EntryBody, names: EntryBody.names.optional() }), response: { 200: EntryDetail, ...errors } },
      },
      async (req) => service.updateEntry(deps, requireActor(req), req.params.id, req.body, originOf(req)),
    );

    // ---- referrals to ATUs -------------------------------------------------------------------
    app.get(
      '/referrals',
      { schema: { tags, summary: "Referrals to the actor's ATU (or sent by the actor's post)", querystring: z.strictObject({ status: z.enum(['open', 'acknowledged']).optional(), ...PageQuery }), response: { 200: z.object({ items: z.array(Referral), total: z.number(), page: z.number(), pageSize: z.number() }), ...errors } } },
      async (req) => service.listReferrals(deps, requireActor(req), req.query, originOf(req)),
    );
    app.post(
      '/referrals/:id/acknowledge',
      { schema: { tags, summary: 'The receiving ATU acknowledges a referral', params: IdParams, body: z.strictObject({ version: z.number().int().min(1) }), response: { 200: Referral, ...errors } } },
      async (req) => service.acknowledgeReferral(deps, requireActor(req), req.params.id, req.body.version, originOf(req)),
    );

    // ---- off-loadees and deportees (the SOP) ---------------------------------------------------
    app.post(
      '/offloadees',
      {
        schema: {
          tags,
          summary: 'Record an off-loading decision with its SOP grounds',
          body: z.strictObject({
            counterId: Uuid.optional(),
            encounterId: Uuid.optional(),
            on: IsoDate.optional(),
            traveller: Traveller,
            sex: z.enum(['M', 'F', 'X']).optional(),
            nationality: Opt(60),
            grounds: z.array(z.enum(sop.OFFLOAD_GROUNDS)).min(1, 'give at least one SOP ground').max(8),
            destination: Text(100),
            route: Opt(200),
            purpose: Opt(200),
            sponsor: Opt(200),
            agency: Opt(200),
            note: Opt(2000),
          }),
          response: { 201: z.object({ id: z.string(), postId: z.string(), postName: z.string(), on: z.string(), grounds: z.array(z.string()), destination: z.string(), agency: z.string().nullable(), sponsor: z.string().nullable() }), ...errors },
        },
      },
      async (req, reply) => reply.status(201).send(await sop.recordOffloadee(deps, requireActor(req), req.body, originOf(req))),
    );
    app.get('/offloadees', { schema: { tags, summary: 'Off-loadees (identity for the post’s officers only)', querystring: SopQuery, response: { 200: z.object({ items: z.array(z.record(z.string(), z.unknown())), total: z.number(), page: z.number(), pageSize: z.number() }), ...errors } } }, async (req) =>
      sop.listOffloadees(deps, requireActor(req), req.query, originOf(req)),
    );
    app.post(
      '/deportees',
      {
        schema: {
          tags,
          summary: 'Receive a deportee: the structured interview can refer a suspected victim or smuggled migrant to the ATU (an inquiry is opened there)',
          body: z.strictObject({
            counterId: Uuid.optional(),
            on: IsoDate.optional(),
            traveller: Traveller,
            sex: z.enum(['M', 'F', 'X']).optional(),
            nationality: Opt(60),
            deportingCountry: Text(60),
            reason: Text(200),
            travelHistory: z.array(z.strictObject({ country: Text(60), from: IsoDate.optional(), to: IsoDate.optional() })).max(30),
            interview: z.strictObject({ arrangedBy: Opt(500), amountPaidRs: z.number().int().min(0).max(100_000_000).optional(), paidTo: Opt(500), route: Opt(1000), whatHappened: Opt(5000) }).optional(),
            assessment: z.enum(sop.DEPORTEE_ASSESSMENTS),
            referToAtu: z.boolean().optional(),
          }),
          response: {
            201: z.object({
              id: z.string(),
              postId: z.string(),
              postName: z.string(),
              on: z.string(),
              deportingCountry: z.string(),
              reason: z.string(),
              assessment: z.string(),
              caseId: z.string().nullable(),
              caseRef: z.string().nullable(),
              referralId: z.string().nullable(),
              atu: z.object({ id: z.string(), name: z.string() }).nullable(),
            }),
            ...errors,
          },
        },
      },
      async (req, reply) => reply.status(201).send(await sop.recordDeportee(deps, requireActor(req), req.body, originOf(req))),
    );
    app.get('/deportees', { schema: { tags, summary: 'Deportees (identity and interview for the post’s officers only)', querystring: SopQuery, response: { 200: z.object({ items: z.array(z.record(z.string(), z.unknown())), total: z.number(), page: z.number(), pageSize: z.number() }), ...errors } } }, async (req) =>
      sop.listDeportees(deps, requireActor(req), req.query, originOf(req)),
    );

    // ---- manifests -----------------------------------------------------------------------------
    app.post(
      '/manifests',
      {
        bodyLimit: 48 * 1024 * 1024,
        schema: {
          tags,
          summary: 'Screen a flight manifest in the background (JSON passengers or CSV text, up to 100,000 rows)',
          body: z.union([
            z.strictObject({ flight: Opt(30), passengers: z.array(Passenger).min(1).max(manifests.MANIFEST_MAX_ROWS) }),
            z.strictObject({ flight: Opt(30), csv: z.string().min(1).max(40_000_000) }),
          ]),
          response: { 202: z.object({ id: z.string(), status: z.string(), total: z.number() }), ...errors },
        },
      },
      async (req, reply) => reply.status(202).send(await manifests.submitManifest(deps, requireActor(req), req.body, originOf(req))),
    );
    app.get(
      '/manifests/:id',
      {
        schema: {
          tags,
          summary: "A manifest's progress and its hits (only hits)",
          params: IdParams,
          response: {
            200: z.object({
              id: z.string(),
              flight: z.string().nullable(),
              status: z.string(),
              total: z.number(),
              done: z.number(),
              hitCount: z.number(),
              error: z.string().nullable(),
              createdAt: z.date(),
              finishedAt: z.date().nullable(),
              hits: z.array(z.object({ row: z.number(), passenger: z.object({ name: z.string(), dateOfBirth: z.string().optional(), nationality: z.string().optional(), documentNumber: z.string().optional(), sex: z.string().optional() }), entryId: z.string(), list: ListRef, score: z.number(), alert: z.boolean(), matchedBy: z.string(), explanation: z.unknown() })),
            }),
            ...errors,
          },
        },
      },
      async (req) => manifests.getManifest(deps, requireActor(req), req.params.id, originOf(req)),
    );

    // ---- headquarters --------------------------------------------------------------------------
    app.get(
      '/stats',
      {
        schema: {
          tags,
          summary: 'Dashboards: encounters and hits per post per day, adjudication times, off-loadees by ground/destination/agency/route, deportees by country/reason',
          querystring: StatsQuery,
          response: {
            200: z.object({
              filters: z.object({ from: z.string().optional(), to: z.string().optional(), postId: z.string().optional() }),
              encounters: z.array(z.object({ postId: z.string(), postName: z.string(), day: z.string(), encounters: z.number(), hits: z.number(), flagged: z.number(), confirmed: z.number() })),
              adjudication: z.object({ decided: z.number(), pending: z.number(), confirmed: z.number(), falseMatch: z.number(), medianSeconds: z.number().nullable(), p90Seconds: z.number().nullable() }),
              offloadees: z.object({ byGround: z.array(Count), byDestination: z.array(Count), byAgency: z.array(Count), byRoute: z.array(Count), byPost: z.array(Count) }),
              deportees: z.object({ byCountry: z.array(Count), byReason: z.array(Count), byAssessment: z.array(Count), byPost: z.array(Count) }),
            }),
            ...errors,
          },
        },
      },
      async (req) => stats.screeningStats(deps, requireActor(req), req.query),
    );
    app.get(
      '/stats/export',
      { schema: { tags, summary: 'The dashboards as CSV or XLSX', querystring: StatsQuery.extend({ format: z.enum(['csv', 'xlsx']).default('xlsx') }), response: { 200: z.any().describe('the file'), ...errors } } },
      async (req, reply) => {
        const { format, ...q } = req.query;
        const out = await stats.exportStats(deps, requireActor(req), q, format, originOf(req));
        return reply.header('content-type', out.contentType).header('content-disposition', attachment(out.filename)).send(out.body);
      },
    );
  };
