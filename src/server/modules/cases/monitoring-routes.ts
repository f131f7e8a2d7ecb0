// HTTP for the Coordination & Monitoring Cell (dashboard, lists, monthly worksheet) and for
// files in and out of the register (export, import of legacy registers, the import template).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorSchema, originOf, PageQuery, requireActor, type Deps } from '../../platform/http.js';
import * as monitoring from './monitoring.js';
import { errors, RegisterFilters } from './routes.js';
import * as files from './transfer-files.js';

const tags = ['cases: monitoring'];
const { mine: _mine, ...Filters } = RegisterFilters;
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'write the month as YYYY-MM');
const Rate = z.number().nullable();
const Outcomes = { convicted: z.number(), acquitted: z.number(), discharged: z.number(), judgments: z.number(), rate: Rate };

const Dashboard = z.object({
  asOf: z.string(),
  total: z.number(),
  byStage: z.array(z.object({ stage: z.string(), count: z.number() })),
  ageingByStage: z.array(z.object({ stage: z.string(), buckets: z.array(z.object({ bucket: z.string(), count: z.number() })) })),
  byAtu: z.array(z.object({ unitId: z.string(), unitName: z.string(), cases: z.number(), trafficking: z.number(), smuggling: z.number(), both: z.number(), other: z.number() })),
  byCategory: z.object({ trafficking: z.number(), smuggling: z.number(), both: z.number(), other: z.number() }),
  conviction: z.object({
    overall: z.object(Outcomes),
    byAtu: z.array(z.object({ unitId: z.string(), unitName: z.string(), ...Outcomes })),
    byCourt: z.array(z.object({ court: z.string(), ...Outcomes })),
    byStatute: z.array(z.object({ statute: z.string(), cases: z.number(), ...Outcomes })),
  }),
  adjournments: z.object({
    byCourt: z.array(z.object({ court: z.string(), hearings: z.number(), adjourned: z.number(), rate: Rate })),
    mostAdjourned: z.array(z.object({ caseId: z.string(), ref: z.string(), unitName: z.string(), stage: z.string(), court: z.string().nullable(), adjournments: z.number() })),
  }),
  overdueDeadlines: z.object({ total: z.number(), byKind: z.array(z.object({ kind: z.string(), count: z.number() })) }),
  monthly: z.array(z.object({ month: z.string(), newCases: z.number(), firs: z.number() })),
});

const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });

const RowError = z.object({ row: z.number(), column: z.string().nullable(), message: z.string() });
const ImportResult = z.object({
  committed: z.boolean(),
  rows: z.array(
    z.object({
      row: z.number(),
      ok: z.boolean(),
      errors: z.array(RowError),
      case: z
        .object({
          legacyRef: z.string().nullable(),
          title: z.string(),
          statute: z.string(),
          stage: z.string(),
          receivedOn: z.string(),
          firNumber: z.string().nullable(),
          firDate: z.string().nullable(),
          policeStation: z.string().nullable(),
          victim: z.object({ name: z.string(), sex: z.string().nullable(), ageYears: z.number().nullable() }).nullable(),
          accused: z.array(z.object({ name: z.string(), charges: z.array(z.string()) })),
        })
        .nullable(),
    }),
  ),
  ok: z.number(),
  withErrors: z.number(),
  errors: z.array(RowError),
  created: z.array(z.object({ row: z.number(), id: z.string(), ref: z.string() })),
});

/** A file (xlsx, pdf, csv: sent as bytes, never serialised) or, for the worksheet, JSON. */
const FileOrJson = z.unknown();

const attachment = (name: string) => `attachment; filename="${name}"`;

export const caseMonitoringRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/monitoring/dashboard',
      { schema: { tags, summary: 'The Cell’s dashboard over the filtered register in your scope: stages, ageing, ATUs, trafficking vs smuggling, conviction rates, adjournments, overdue deadlines, monthly intake', querystring: z.strictObject(Filters), response: { 200: Dashboard, ...errors } } },
      async (req) => monitoring.dashboard(deps, requireActor(req), req.query),
    );

    app.get(
      '/monitoring/overdue',
      {
        schema: {
          tags,
          summary: 'Overdue deadlines, oldest first: case, ATU, kind, due date, days overdue and the legal basis',
          querystring: z.strictObject({ ...PageQuery, ...Filters, kind: z.enum(['s173-report', 's173-interim-report', 'remand-expiry', 'next-hearing', 'proclamation-appearance']).optional() }),
          response: {
            200: page(z.object({ caseId: z.string(), ref: z.string(), unitId: z.string(), unitName: z.string(), stage: z.string(), kind: z.string(), due: z.string(), daysOverdue: z.number(), basis: z.string(), basisUr: z.string() })),
            ...errors,
          },
        },
      },
      async (req) => monitoring.overdueList(deps, requireActor(req), req.query),
    );

    app.get(
      '/monitoring/proclaimed-offenders',
      {
        schema: {
          tags,
          summary: 'Accused declared proclaimed offenders or absconding, with case, ATU, proclamation date and charges',
          querystring: z.strictObject({ ...PageQuery, ...Filters }),
          response: {
            200: page(
              z.object({
                partyId: z.string(),
                personId: z.string(),
                personRef: z.string().nullable(),
                name: z.string().nullable(),
                caseId: z.string(),
                ref: z.string(),
                unitId: z.string(),
                unitName: z.string(),
                stage: z.string(),
                proclaimedOffender: z.boolean(),
                absconding: z.boolean(),
                proclamationPublishedOn: z.string().nullable(),
                proclamationPeriodDays: z.number().nullable(),
                arrestedOn: z.string().nullable(),
                charges: z.array(z.object({ offence: z.string(), title: z.string() })),
              }),
            ),
            ...errors,
          },
        },
      },
      async (req) => monitoring.proclaimedOffenders(deps, requireActor(req), req.query),
    );

    app.get(
      '/monitoring/adjournments',
      {
        schema: {
          tags,
          summary: 'Adjournments per court: hearings, adjourned, rate and the most frequent reasons',
          querystring: z.strictObject(Filters),
          response: { 200: z.object({ items: z.array(z.object({ court: z.string(), hearings: z.number(), adjourned: z.number(), cases: z.number(), rate: Rate, topReasons: z.array(z.object({ reason: z.string(), count: z.number() })) })) }), ...errors },
        },
      },
      async (req) => monitoring.adjournmentsByCourt(deps, requireActor(req), req.query),
    );

    app.get(
      '/monitoring/worksheet',
      {
        schema: {
          tags,
          summary: 'The monthly review worksheet per ATU, with the cases needing review (JSON, Excel or PDF)',
          querystring: z.strictObject({ month: Month, format: z.enum(['json', 'xlsx', 'pdf']).default('json'), ...Filters }),
          response: { 200: FileOrJson, ...errors },
        },
      },
      async (req, reply) => {
        const actor = requireActor(req);
        const { month, format, ...f } = req.query;
        const w = await monitoring.worksheet(deps, actor, month, f);
        if (format === 'json') return w;
        const body = format === 'xlsx' ? await monitoring.worksheetXlsx(w) : await monitoring.worksheetPdf(w);
        await monitoring.auditWorksheet(deps, actor, originOf(req), month, format, f);
        return reply
          .header('content-type', format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'application/pdf')
          .header('content-disposition', attachment(`hifazat-review-${month}.${format}`))
          .send(body);
      },
    );

    app.get(
      '/export',
      {
        schema: {
          tags,
          summary: `The whole filtered register as CSV (UTF-8 with BOM) or Excel, at most ${files.EXPORT_CAP.toLocaleString('en')} rows (422 beyond); audited`,
          querystring: z.strictObject({ format: z.enum(['csv', 'xlsx']).default('csv'), ...RegisterFilters }),
          response: { 200: FileOrJson, ...errors },
        },
      },
      async (req, reply) => {
        const { format, ...f } = req.query;
        const out = await files.exportRegister(deps, requireActor(req), f, format, originOf(req));
        return reply.header('content-type', out.contentType).header('content-disposition', attachment(out.filename)).header('x-row-count', String(out.rows)).send(out.body);
      },
    );

    app.get(
      '/import/template',
      { schema: { tags, summary: 'The template for importing a legacy register (Excel with a "How to fill" sheet, or CSV headers)', querystring: z.strictObject({ format: z.enum(['xlsx', 'csv']).default('xlsx') }), response: { 200: FileOrJson, ...errors } } },
      async (req, reply) => {
        requireActor(req);
        const format = req.query.format;
        const body = await files.importTemplate(format);
        return reply
          .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', attachment(`hifazat-case-import-template.${format}`))
          .send(body);
      },
    );

    app.post(
      '/import',
      {
        bodyLimit: 16 * 1024 * 1024,
        schema: {
          tags,
          summary: `Import a legacy register (xlsx or csv, at most ${files.IMPORT_MAX_ROWS} rows): commit=false previews each row; commit=true registers every row in one transaction, or nothing when any row has an error`,
          body: z.strictObject({
            filename: z.string().trim().min(1).max(200).regex(/\.(xlsx|csv)$/i, 'must end in .xlsx or .csv'),
            contentBase64: z.string().min(1, 'the file is empty').max(22_000_000).regex(/^[A-Za-z0-9+/=\r\n]*$/, 'must be base64'),
            commit: z.boolean(),
          }),
          response: { 200: ImportResult, 201: ImportResult, 413: ErrorSchema, ...errors },
        },
      },
      async (req, reply) => {
        const out = await files.importCases(deps, requireActor(req), req.body, originOf(req));
        return reply.status(out.committed ? 201 : 200).send(out);
      },
    );
  };
