/**
 * How a request to the server failed: NetworkError (no answer) or ApiError (an answer with a
 * status and the server's Swedish message). Apart from the REST client, so a screen that only
 * tells them apart (the login) does not load the client and its schemas.
 */
import type { ErrorBody } from '../domain/api-error';

export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('Ingen anslutning till servern.', { cause });
    this.name = 'NetworkError';
  }
}

/** No whole answer within the deadline; the request was aborted. A kind of NetworkError. */
export class DeadlineError extends NetworkError {
  readonly ms: number;
  constructor(ms: number) {
    super(new Error(`no answer within ${ms} ms`));
    this.name = 'DeadlineError';
    const s = Math.max(1, Math.round(ms / 1000));
    this.message =
      s === 1 ? 'Servern svarade inte inom 1 sekund.' : `Servern svarade inte inom ${s} sekunder.`;
    this.ms = ms;
  }
}

export class ApiError extends Error {
  readonly status: number;
  readonly body: ErrorBody;
  constructor(status: number, body: ErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.body = body;
  }
}
