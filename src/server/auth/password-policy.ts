/**
 * The server's password policy: the device-side rules (domain/password-rules.ts) plus a list of
 * common passwords. The list is the one zxcvbn-ts ships in @zxcvbn-ts/language-common (MIT; about
 * 49,000 passwords from leaked-password corpora, most frequent first), loaded on the first check
 * only, so starting the server costs nothing.
 *
 * A password is refused when it is on the list, or when what is left after stripping leading and
 * trailing digits and punctuation is ("Password2024!" → "password"): the usual way of meeting a
 * length rule with a common word.
 */
import { PASSWORD_MESSAGES, passwordRuleIssue } from '../../domain/password-rules';

let common: Promise<ReadonlySet<string>> | undefined;

function commonPasswords(): Promise<ReadonlySet<string>> {
  common ??= import('@zxcvbn-ts/language-common').then(
    ({ dictionary }) => new Set(dictionary['passwords-common']),
  );
  return common;
}

/** Is the password, or its core without leading and trailing non-letters, a common one? */
export async function isCommonPassword(password: string): Promise<boolean> {
  const list = await commonPasswords();
  const lower = password.normalize('NFC').toLowerCase();
  if (list.has(lower)) return true;
  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  return core.length >= 4 && list.has(core);
}

/** The Swedish reason a new password is refused for, or null when it may be used. */
export async function passwordPolicyIssue(password: string, username: string): Promise<string | null> {
  return (
    passwordRuleIssue(password, username) ??
    ((await isCommonPassword(password)) ? PASSWORD_MESSAGES.common : null)
  );
}
