/**
 * Signing in with a one-time password (set by `faltsam forbund create` or `faltsam admin
 * reset-password`): the server gives no session for it. It answers 403 `losenord_maste_bytas`, and
 * the same sign-in sent again with `newPassword` sets the user's own password and signs in.
 */
import type { z } from 'zod';
import { LoginRequest } from './account';
import { Password } from './admin';

export { MUST_CHANGE_PASSWORD } from './first-login-code';

export const FirstLoginRequest = LoginRequest.extend({ newPassword: Password.optional() });
export type FirstLoginRequest = z.infer<typeof FirstLoginRequest>;
