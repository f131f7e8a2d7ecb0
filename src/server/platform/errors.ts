// One error shape for every client: { error: { code, message, details } }.
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 503;

export class AppError extends Error {
  constructor(
    readonly status: ErrorStatus,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (message: string, details?: unknown) => new AppError(400, 'bad_request', message, details);
export const unauthorized = (message = 'Please sign in.', code = 'unauthenticated') => new AppError(401, code, message);
export const forbidden = (message = 'You are not allowed to do this.') => new AppError(403, 'forbidden', message);
export const notFound = (what = 'record') => new AppError(404, 'not_found', `No such ${what}, or it is outside your scope.`);
export const conflict = (message: string, details?: unknown) => new AppError(409, 'conflict', message, details);
export const unprocessable = (message: string, details?: unknown) => new AppError(422, 'unprocessable', message, details);
export const tooMany = (message: string, retryAfterSeconds: number) =>
  new AppError(429, 'too_many_requests', message, { retryAfterSeconds }, { 'retry-after': String(retryAfterSeconds) });

/** A part of the service is not ready or has failed for now (the client should retry shortly, never assume a result). */
export const unavailable = (message: string, retryAfterSeconds = 5) =>
  new AppError(503, 'unavailable', message, { retryAfterSeconds }, { 'retry-after': String(retryAfterSeconds) });

/** The optimistic-concurrency answer when a record changed since the client read it. */
export const staleVersion = (what: string, current: number) =>
  conflict(`This ${what} was changed by someone else since you opened it. Reload it and apply your change again.`, { currentVersion: current });

/**
 * A refusal by the policy. The HTTP layer audits it (in a transaction of its own, since the
 * refused work rolls back) and answers 404 for a record, so its existence does not leak, or 403.
 */
export class DeniedError extends AppError {
  constructor(
    readonly action: string,
    readonly record: { type: string; id?: string | undefined } | undefined,
    status: 403 | 404,
    message?: string,
  ) {
    super(
      status,
      status === 404 ? 'not_found' : 'forbidden',
      message ?? (status === 404 ? `No such ${record?.type ?? 'record'}, or it is outside your scope.` : 'You are not allowed to do this.'),
    );
    this.name = 'DeniedError';
  }
}
