/**
 * The one shape of every error the API returns, with a message fit to show a user. Apart from the
 * sync wire format (sync-protocol.ts) so that what the first screen loads stays small.
 */
import { z } from './zod';

export const ErrorBody = z.object({
  code: z.string(),
  message: z.string(),
  /** Field name → Swedish message, where the error is about particular fields. */
  fields: z.record(z.string(), z.string()).optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** Every error the API returns has this one shape, with a message fit to show a user. */
export const ApiErrorResponse = z.object({ error: ErrorBody });
export type ApiErrorResponse = z.infer<typeof ApiErrorResponse>;
