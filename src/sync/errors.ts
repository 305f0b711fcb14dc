/**
 * How a request to the server failed: NetworkError (no answer) or ApiError (an answer with a
 * status and the server's Swedish message). Apart from the REST client, so a screen that only
 * tells them apart (the login) does not load the client and its schemas.
 */
import type { ErrorBody } from '../domain/sync-protocol';

export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('Ingen anslutning till servern.', { cause });
    this.name = 'NetworkError';
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
