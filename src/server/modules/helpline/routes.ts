import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { closeLiveEvents, liveEvents } from '../../platform/events.js';
import { ErrorSchema, IdParams, originOf, PageQuery, requireActor, Uuid, type Deps } from '../../platform/http.js';
import { IsoDate } from '../cases/routes.js';
import { PersonBody } from '../persons/routes.js';
import { abuseLimits, issueChallenge } from './pow.js';
import * as service from './service.js';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema, 429: ErrorSchema };
const tags = ['helpline'];
const publicTags = ['helpline (public)'];
const Text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const Opt = (max: number) => z.string().trim().max(max).optional();
const Hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'write the time as HH:MM (Pakistan time)');
const Language = z.enum(['en', 'ur', 'other']);

const Pow = z.strictObject({ challenge: Text(200), nonce: Text(64) }).optional();
const ReporterContact = z.strictObject({
  method: z.enum(['none', 'phone', 'sms', 'whatsapp', 'email']),
  value: Opt(120),
  safeFrom: Hhmm.optional(),
  safeTo: Hhmm.optional(),
  codeWord: Opt(60),
});

/** Per address, in memory only (the rate limiter's default store): nothing about the sender is stored. */
const publicLimit = (per: () => number, window: string) => ({ rateLimit: { max: () => per(), timeWindow: window } });
const secretOf = (req: FastifyRequest) => {
  const h = req.headers['x-report-secret'];
  return typeof h === 'string' ? h : undefined;
};

const Reference = z.strictObject({ reference: z.string().regex(/^[RC]-[2-9A-Z]{10}$/, 'is not a report reference') });
const PublicStatus = z.object({
  reference: z.string(),
  kind: z.enum(['report', 'complaint']),
  status: z.string(),
  statusText: z.object({ en: z.string(), ur: z.string() }),
  submittedAt: z.date(),
  updatedAt: z.date(),
  messages: z.array(z.object({ from: z.enum(['reporter', 'staff']), at: z.date(), body: z.string() })),
});

const ContactFields = {
  language: Opt(20),
  callerType: z.enum(service.CALLER_TYPES).optional(),
  summary: z.string().trim().max(20_000).optional(),
  classification: z.array(z.enum(service.CLASSIFICATIONS)).max(10).optional(),
  urgency: z.enum(service.URGENCIES).optional(),
  province: Opt(60),
  district: Opt(60),
  safeToCall: z.boolean().nullable().optional(),
  safeFrom: Hhmm.or(z.literal('')).optional(),
  safeTo: Hhmm.or(z.literal('')).optional(),
  codeWord: Opt(60),
  callerPhone: Opt(30),
  disposition: z.enum(service.DISPOSITIONS).optional(),
  legalBasis: z.enum(service.LEGAL_BASES).optional(),
  legalBasisNote: Opt(1000),
};

const Callback = z.object({ id: z.string(), contactId: z.string(), dueAt: z.date(), status: z.string(), checkBeforeCalling: z.boolean(), reason: z.string(), note: z.string().nullable(), doneAt: z.date().nullable() });
const Handoff = z.object({
  id: z.string(),
  contactId: z.string(),
  unit: z.object({ id: z.string(), name: z.string() }),
  routedBy: z.string(),
  overrideReason: z.string().nullable(),
  urgency: z.string(),
  personId: z.string().nullable(),
  caseId: z.string().nullable(),
  dueAt: z.date(),
  acknowledgedAt: z.date().nullable(),
  escalatedAt: z.date().nullable(),
  overdue: z.boolean(),
  createdAt: z.date(),
});
const Contact = z.object({
  id: z.string(),
  ref: z.string(),
  channel: z.string(),
  status: z.string(),
  receivedAt: z.date(),
  answeredAt: z.date().nullable(),
  endedAt: z.date().nullable(),
  language: z.string().nullable(),
  callerType: z.string().nullable(),
  summary: z.string().describe('in the queue and lists: the first 160 characters'),
  classification: z.array(z.string()),
  urgency: z.string(),
  province: z.string().nullable(),
  district: z.string().nullable(),
  safeToCall: z.boolean().nullable().describe('null: not known whether calling back is safe'),
  safeFrom: z.string().nullable(),
  safeTo: z.string().nullable(),
  hasCodeWord: z.boolean(),
  codeWord: z.string().nullable(),
  callerPhone: z.string().nullable().describe('masked (0300-*****67) in lists and for roles that may not see identifiers'),
  callerPhoneMasked: z.boolean(),
  disposition: z.string().nullable(),
  legalBasis: z.string().nullable(),
  legalBasisNote: z.string().nullable(),
  assignedTo: z.object({ id: z.string(), name: z.string() }).nullable(),
  reportId: z.string().nullable(),
  callId: z.string().nullable(),
  queue: z.string().nullable(),
  abandoned: z.boolean(),
  personId: z.string().nullable(),
  version: z.number(),
  abilities: z.object({ claim: z.boolean(), handoff: z.boolean(), chooseAtu: z.boolean() }),
});
const ContactDetail = Contact.extend({ callbacks: z.array(Callback), handoffs: z.array(Handoff) });
const Submission = z.object({
  id: z.string(),
  kind: z.enum(['report', 'complaint']),
  reference: z.string(),
  status: z.string(),
  agency: z.string().nullable(),
  district: z.string().nullable(),
  province: z.string().nullable(),
  language: z.string(),
  contactId: z.string().nullable(),
  whatHappened: z.string(),
  wantsContact: z.boolean(),
  createdAt: z.date(),
  answeredAt: z.date().nullable(),
  version: z.number(),
});
const SubmissionDetail = Submission.extend({ content: z.record(z.string(), z.unknown()), messages: z.array(z.object({ from: z.enum(['reporter', 'staff']), at: z.date(), body: z.string() })) });
const Cell = z.object({ key: z.string(), count: z.number().nullable().describe('null: fewer than 11, suppressed') });
const Quantiles = z.object({ median: z.number().nullable(), p90: z.number().nullable() });

const TELEPHONY_DOC = `Called by the telephone system (a PBX such as Asterisk) on each call event. Authenticate with an API token (\`Authorization: Bearer hzt_…\`) whose user holds a helpline role (\`npm run --silent admin -- create-token --username pbx-bridge\`).

Fields: \`event\` ring | answer | hangup; \`callId\` the PBX's unique id for the call (Asterisk: \${UNIQUEID}); \`callerId\` the caller's number (\${CALLERID(num)}), omitted when withheld; \`queue\` the queue name; \`agent\` the username of the answering operator (answer only); \`at\` when it happened (ISO 8601 with offset); \`duration\` seconds (hangup).

ring opens a contact on the live queue; answer gives it to the operator and pushes it to their screen; hangup ends it. A call that rang and hung up unanswered is abandoned and becomes a callback — only when calling back is safe; when safety is not known, the callback is flagged "check before calling". Each (callId, event) is applied once: repeats answer \`duplicate: true\`.

Asterisk dialplan (AGI via System()/CURL, or an ARI bridge doing the same):
\`\`\`
exten => _X.,n,System(curl -s -m 3 -X POST https://hifazat.example/api/v1/helpline/telephony/events -H "Authorization: Bearer \${HZ_TOKEN}" -H "content-type: application/json" -d '{"event":"ring","callId":"\${UNIQUEID}","callerId":"\${CALLERID(num)}","queue":"helpline","at":"\${STRFTIME(\${EPOCH},,%Y-%m-%dT%H:%M:%S%z)}"}')
; on AgentConnect (queue member answered): {"event":"answer","callId":"\${UNIQUEID}","agent":"\${MEMBERNAME}","at":"…"}
; in the h extension: {"event":"hangup","callId":"\${UNIQUEID}","duration":\${CDR(billsec)},"at":"…"}
\`\`\``;

export const helplineRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const bus = liveEvents(deps);
    await bus.start();
    /** Open event streams, ended before the server closes (it waits for open connections). */
    const streams = new Set<() => void>();
    app.addHook('preClose', async () => {
      for (const end of [...streams]) end();
    });
    app.addHook('onClose', async () => closeLiveEvents(deps));

    // ---- the public side (no sign-in) ----------------------------------------------------------

    app.get(
      '/challenge',
      {
        config: publicLimit(() => abuseLimits.challengesPerAddressPerMinute, '1 minute'),
        schema: {
          tags: publicTags,
          security: [],
          summary: 'An anti-flood challenge: find a nonce so that sha256(challenge + nonce) starts with `difficulty` zero bits; valid 10 minutes, once',
          response: { 200: z.object({ challenge: z.string(), difficulty: z.number(), expiresAt: z.string() }), ...errors },
        },
      },
      async () => issueChallenge(deps.cipher),
    );

    app.post(
      '/reports',
      {
        config: publicLimit(() => abuseLimits.perAddressPer10Minutes, '10 minutes'),
        schema: {
          tags: publicTags,
          security: [],
          summary: 'Report anonymously (no sign-in; no IP address or device identifier is stored). Keep the reference and secret to see the status later',
          body: z.strictObject({
            whatHappened: Text(10_000),
            where: z.strictObject({ district: Opt(60), province: Opt(60), place: Opt(300) }),
            when: Opt(200),
            whoIsAtRisk: Opt(1000),
            reporterIs: z.enum(service.CALLER_TYPES).optional(),
            immediateDanger: z.boolean().optional(),
            contact: ReporterContact,
            language: Language,
            pow: Pow,
          }),
          response: { 201: z.object({ reference: z.string(), secret: z.string() }), ...errors },
        },
      },
      async (req, reply) => {
        const { pow, ...input } = req.body;
        return reply.status(201).send(await service.submitReport(deps, input, pow));
      },
    );

    app.post(
      '/complaints',
      {
        config: publicLimit(() => abuseLimits.perAddressPer10Minutes, '10 minutes'),
        schema: {
          tags: publicTags,
          security: [],
          summary: 'Complain about how an agency treated you or someone else (no sign-in); tracked until answered',
          body: z.strictObject({ agency: Text(200), whatHappened: Text(10_000), when: Opt(200), district: Opt(60), contact: ReporterContact.optional(), language: Language, pow: Pow }),
          response: { 201: z.object({ reference: z.string(), secret: z.string() }), ...errors },
        },
      },
      async (req, reply) => {
        const { pow, ...input } = req.body;
        return reply.status(201).send(await service.submitComplaint(deps, input, pow));
      },
    );

    app.get(
      '/reports/:reference',
      {
        config: publicLimit(() => abuseLimits.challengesPerAddressPerMinute, '1 minute'),
        schema: {
          tags: publicTags,
          security: [],
          summary: 'The status of a report or complaint, and replies from the helpline (secret in the x-report-secret header; a wrong secret answers 404)',
          params: Reference,
          headers: z.object({ 'x-report-secret': z.string().max(100).optional() }),
          response: { 200: PublicStatus, ...errors },
        },
      },
      async (req) => service.publicStatus(deps, req.params.reference, secretOf(req)),
    );

    app.post(
      '/reports/:reference/updates',
      {
        config: publicLimit(() => abuseLimits.perAddressPer10Minutes, '10 minutes'),
        schema: {
          tags: publicTags,
          security: [],
          summary: 'Add information to a report or complaint (secret in the x-report-secret header, and a solved challenge)',
          params: Reference,
          body: z.strictObject({ text: Text(10_000), pow: Pow }),
          response: { 201: z.object({ ok: z.literal(true) }), ...errors },
        },
      },
      async (req, reply) => reply.status(201).send(await service.addPublicUpdate(deps, req.params.reference, secretOf(req), req.body.text, req.body.pow)),
    );

    // ---- the operator console --------------------------------------------------------------------

    app.get(
      '/queue',
      {
        schema: { tags, summary: 'The live queue: contacts waiting or being handled, most urgent and oldest first (phones masked)', querystring: z.strictObject({ mine: z.stringbool().optional() }), response: { 200: z.object({ items: z.array(Contact) }), ...errors } },
      },
      async (req) => service.listQueue(deps, requireActor(req), req.query),
    );

    app.get(
      '/queue/stream',
      {
        schema: {
          tags,
          summary: 'Server-Sent Events: every change to the queue (contact.queued, contact.assigned, contact.updated, contact.released, contact.ended, contact.handed-off), with a heartbeat every 15 s. Events carry ids and states, never identity; fetch the contact for details',
          produces: ['text/event-stream'],
        },
      },
      async (req, reply) => {
        const actor = requireActor(req);
        const write = (chunk: string) => {
          if (!reply.raw.writableEnded) reply.raw.write(chunk);
        };
        const unsubscribe = service.subscribeQueue(deps, actor, (e) => write(`event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`));
        reply.hijack();
        reply.raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
        write(`retry: 3000\nevent: ready\ndata: ${JSON.stringify({ type: 'ready', at: new Date().toISOString() })}\n\n`);
        const heartbeat = setInterval(() => write(`: heartbeat ${Date.now()}\n\n`), 15_000);
        const stop = () => {
          clearInterval(heartbeat);
          unsubscribe();
        };
        const end = () => {
          stop();
          streams.delete(end);
          reply.raw.end();
        };
        streams.add(end);
        req.raw.on('close', () => {
          stop();
          streams.delete(end);
        });
      },
    );

    app.get(
      '/contacts',
      {
        schema: {
          tags,
          summary: 'Contacts, newest first; `phone` finds earlier contacts from the same number (exact, through a blind index)',
          querystring: z.strictObject({ ...PageQuery, status: z.enum(service.CONTACT_STATUSES).optional(), channel: z.enum(service.CHANNELS).optional(), phone: Opt(30) }),
          response: { 200: z.object({ items: z.array(Contact), total: z.number(), page: z.number(), pageSize: z.number() }), ...errors },
        },
      },
      async (req) => service.listContacts(deps, requireActor(req), req.query),
    );

    app.post(
      '/contacts',
      {
        schema: { tags, summary: 'Log a contact by hand (walk-in, e-mail, a call outside the telephone system); it is yours', body: z.strictObject({ channel: z.enum(service.CHANNELS), receivedAt: z.iso.datetime({ offset: true }).optional(), ...ContactFields }), response: { 201: ContactDetail, ...errors } },
      },
      async (req, reply) => reply.status(201).send(await service.createContact(deps, requireActor(req), req.body, originOf(req))),
    );

    app.get('/contacts/:id', { schema: { tags, summary: "A contact, with the caller's number and code word for those who may see identifiers (audited)", params: IdParams, response: { 200: ContactDetail, ...errors } } }, async (req) =>
      service.getContact(deps, requireActor(req), req.params.id, originOf(req)),
    );

    app.patch(
      '/contacts/:id',
      { schema: { tags, summary: 'Record what the caller said, the classification, urgency, location, safety notes, disposition and legal basis', params: IdParams, body: z.strictObject({ version: z.number().int().min(1), ...ContactFields }), response: { 200: ContactDetail, ...errors } } },
      async (req) => service.updateContact(deps, requireActor(req), req.params.id, req.body, originOf(req)),
    );

    app.post('/contacts/:id/claim', { schema: { tags, summary: 'Take a contact from the queue (409 if another operator has it)', params: IdParams, response: { 200: ContactDetail, ...errors } } }, async (req) =>
      service.claimContact(deps, requireActor(req), req.params.id, originOf(req)),
    );
    app.post('/contacts/:id/release', { schema: { tags, summary: 'Put a contact back on the queue', params: IdParams, response: { 200: ContactDetail, ...errors } } }, async (req) =>
      service.releaseContact(deps, requireActor(req), req.params.id, originOf(req)),
    );
    app.post(
      '/contacts/:id/transfer',
      { schema: { tags, summary: 'Give a contact to another operator (its holder or a supervisor)', params: IdParams, body: z.strictObject({ toUserId: Uuid }), response: { 200: ContactDetail, ...errors } } },
      async (req) => service.transferContact(deps, requireActor(req), req.params.id, req.body.toUserId, originOf(req)),
    );
    app.post(
      '/contacts/:id/end',
      { schema: { tags, summary: 'End a contact with its disposition', params: IdParams, body: z.strictObject({ version: z.number().int().min(1), disposition: z.enum(service.DISPOSITIONS) }), response: { 200: ContactDetail, ...errors } } },
      async (req) => service.endContact(deps, requireActor(req), req.params.id, req.body, originOf(req)),
    );
    app.post(
      '/contacts/:id/callbacks',
      {
        schema: {
          tags,
          summary: "Schedule a callback; refused (422, with the reason) when the caller said calling back is unsafe or the time is outside their safe window",
          params: IdParams,
          body: z.strictObject({ dueAt: z.iso.datetime({ offset: true }), reason: Text(500) }),
          response: { 201: Callback, ...errors },
        },
      },
      async (req, reply) => reply.status(201).send(await service.scheduleCallback(deps, requireActor(req), req.params.id, req.body, originOf(req))),
    );
    app.post(
      '/contacts/:id/handoff',
      {
        schema: {
          tags,
          summary:
            'Hand the contact off to the ATU responsible for its district (rule: the ATU of the district, else the nearest zone, else the province), register the victim in the registry, start the acknowledgement clock (immediate danger 30 min and supervisors told at once, within 24 h 1 h, routine 4 h). A supervisor may choose the ATU (atuUnitId + overrideReason)',
          params: IdParams,
          body: z
            .strictObject({ version: z.number().int().min(1), personId: Uuid.optional(), victim: z.strictObject(PersonBody).optional(), atuUnitId: Uuid.optional(), overrideReason: Opt(1000) })
            .refine((b) => !(b.personId && b.victim), { message: 'give either personId or victim, not both', path: ['personId'] }),
          response: { 201: Handoff, ...errors },
        },
      },
      async (req, reply) => reply.status(201).send(await service.handOff(deps, requireActor(req), req.params.id, req.body, originOf(req))),
    );

    app.get('/supervision', { schema: { tags, summary: 'Supervisor view: who handles what, what waits, pending callbacks, unacknowledged hand-offs', response: { 200: z.object({ operators: z.array(z.object({ id: z.string(), name: z.string(), username: z.string(), contacts: z.array(Contact) })), waiting: z.array(Contact), pendingCallbacks: z.number(), unacknowledgedHandoffs: z.number(), overdueHandoffs: z.number() }), ...errors } } }, async (req) =>
      service.supervision(deps, requireActor(req)),
    );

    app.get(
      '/callbacks',
      { schema: { tags, summary: 'Callbacks to make (abandoned calls and follow-ups), soonest first', querystring: z.strictObject({ status: z.enum(['pending', 'done', 'cancelled']).default('pending') }), response: { 200: z.object({ items: z.array(Callback.extend({ contact: Contact })) }), ...errors } } },
      async (req) => service.listCallbacks(deps, requireActor(req), req.query),
    );
    app.post(
      '/callbacks/:id/complete',
      { schema: { tags, summary: 'Mark a callback made (done) or no longer needed (cancelled)', params: IdParams, body: z.strictObject({ outcome: z.enum(['done', 'cancelled']), note: Opt(1000) }), response: { 200: Callback, ...errors } } },
      async (req) => service.completeCallback(deps, requireActor(req), req.params.id, req.body, originOf(req)),
    );

    app.get(
      '/submissions',
      { schema: { tags, summary: 'Reports and complaints from the public page', querystring: z.strictObject({ ...PageQuery, kind: z.enum(['report', 'complaint']).optional(), status: z.enum(['received', 'in-review', 'referred', 'answered', 'closed']).optional() }), response: { 200: z.object({ items: z.array(Submission), total: z.number(), page: z.number(), pageSize: z.number() }), ...errors } } },
      async (req) => service.listSubmissions(deps, requireActor(req), req.query),
    );
    app.get('/submissions/:id', { schema: { tags, summary: 'A report or complaint in full, with its messages (audited)', params: IdParams, response: { 200: SubmissionDetail, ...errors } } }, async (req) =>
      service.getSubmission(deps, requireActor(req), req.params.id, originOf(req)),
    );
    app.post(
      '/submissions/:id/replies',
      { schema: { tags, summary: 'Reply to the reporter or complainant (they read it with their secret); status answered closes a complaint', params: IdParams, body: z.strictObject({ version: z.number().int().min(1), body: Text(5000), status: z.enum(['in-review', 'answered', 'closed']).optional() }), response: { 200: SubmissionDetail, ...errors } } },
      async (req) => service.replyToSubmission(deps, requireActor(req), req.params.id, req.body, originOf(req)),
    );

    // ---- hand-offs (helpline and ATUs) -----------------------------------------------------------

    app.get('/handoffs', { schema: { tags, summary: "Hand-offs: an ATU sees those to its part of the tree, the helpline all; `open` only unacknowledged", querystring: z.strictObject({ open: z.stringbool().optional() }), response: { 200: z.object({ items: z.array(Handoff.extend({ contactRef: z.string(), classification: z.array(z.string()), district: z.string().nullable(), province: z.string().nullable(), channel: z.string() })) }), ...errors } } }, async (req) =>
      service.listHandoffs(deps, requireActor(req), req.query),
    );
    const HandoffDetail = Handoff.extend({
      contact: z.object({
        ref: z.string(),
        channel: z.string(),
        receivedAt: z.date(),
        language: z.string().nullable(),
        callerType: z.string().nullable(),
        summary: z.string(),
        classification: z.array(z.string()),
        urgency: z.string(),
        district: z.string().nullable(),
        province: z.string().nullable(),
        safeToCall: z.boolean().nullable(),
        safeFrom: z.string().nullable(),
        safeTo: z.string().nullable(),
        codeWord: z.string().nullable(),
        callerPhone: z.string().nullable(),
        legalBasis: z.string().nullable(),
        legalBasisNote: z.string().nullable(),
      }),
      abilities: z.object({ acknowledge: z.boolean() }),
    });
    app.get('/handoffs/:id', { schema: { tags, summary: "A hand-off with the contact's facts and safety notes (audited)", params: IdParams, response: { 200: HandoffDetail, ...errors } } }, async (req) =>
      service.getHandoff(deps, requireActor(req), req.params.id, originOf(req)),
    );
    app.post(
      '/handoffs/:id/acknowledge',
      {
        schema: {
          tags,
          summary: 'The ATU acknowledges the hand-off: the clock stops. (The inquiry case, source helpline, was opened in the ATU by the hand-off itself; its id is caseId.)',
          params: IdParams,
          body: z.strictObject({}),
          response: { 200: HandoffDetail.extend({ caseRef: z.string().nullable() }), ...errors },
        },
      },
      async (req) => service.acknowledgeHandoff(deps, requireActor(req), req.params.id, originOf(req)),
    );

    // ---- integrations ----------------------------------------------------------------------------

    app.post(
      '/telephony/events',
      {
        schema: {
          tags,
          summary: 'Telephone system webhook: ring, answer, hangup (API token of a helpline user)',
          description: TELEPHONY_DOC,
          security: [{ token: [] }],
          body: z.strictObject({
            event: z.enum(['ring', 'answer', 'hangup']),
            callId: Text(120),
            callerId: Opt(30),
            queue: Opt(60),
            agent: Opt(100),
            at: z.iso.datetime({ offset: true }),
            duration: z.number().int().min(0).max(86_400).optional(),
          }),
          response: { 200: z.object({ contactId: z.string().nullable(), duplicate: z.boolean(), callbackId: z.string().nullable() }), ...errors },
        },
      },
      async (req) => service.telephonyEvent(deps, requireActor(req), req.body, originOf(req)),
    );

    app.post(
      '/inbound/messages',
      {
        schema: {
          tags,
          summary: "SMS/WhatsApp gateway webhook (API token of a helpline user): a message opens a contact, or is added to the sender's open one",
          security: [{ token: [] }],
          body: z.strictObject({ channel: z.enum(['sms', 'whatsapp']), from: Text(30), text: Text(5000), at: z.iso.datetime({ offset: true }).optional(), language: Opt(20) }),
          response: { 201: z.object({ contactId: z.string() }), ...errors },
        },
      },
      async (req, reply) => reply.status(201).send(await service.inboundMessage(deps, requireActor(req), req.body, originOf(req))),
    );

    app.get(
      '/stats',
      {
        schema: {
          tags,
          summary: 'Contacts by channel, classification, province and hour; answer/response times (median, p90, seconds); abandoned calls; hand-offs and acknowledgement times. Counts below 11 are suppressed except for helpline staff',
          querystring: z.strictObject({ from: IsoDate, to: IsoDate }),
          response: {
            200: z.object({
              from: z.string(),
              to: z.string(),
              suppressed: z.boolean(),
              smallCellThreshold: z.number(),
              total: z.number().nullable(),
              byChannel: z.array(Cell),
              byClassification: z.array(Cell),
              byProvince: z.array(Cell),
              byHour: z.array(Cell),
              answerSeconds: Quantiles,
              responseSeconds: Quantiles,
              abandonedCalls: z.number().nullable(),
              handoffs: z.object({ total: z.number().nullable(), acknowledged: z.number().nullable(), overdue: z.number().nullable(), acknowledgeSeconds: Quantiles }),
            }),
            ...errors,
          },
        },
      },
      async (req) => service.helplineStats(deps, requireActor(req), req.query),
    );
  };
