/**
 * The rules a new password must meet that the device can check too (the admin form shows them
 * before sending): at least 12 characters (admin.ts), not one repeated character, not containing
 * the user name. The server also refuses the most common passwords (server/auth/password-policy.ts:
 * that list is large and stays on the server).
 */

export const PASSWORD_MESSAGES = {
  repeated: 'Lösenordet får inte bestå av ett och samma tecken.',
  username: 'Lösenordet får inte innehålla användarnamnet.',
  common:
    'Lösenordet är för vanligt – det finns bland de lösenord som prövas först vid intrång. Välj ett annat.',
} as const;

/** The Swedish reason the password is refused for, or null. `username` when known. */
export function passwordRuleIssue(password: string, username?: string): string | null {
  if (new Set(password).size <= 1) return PASSWORD_MESSAGES.repeated;
  const name = username?.trim().toLowerCase();
  if (name && password.toLowerCase().includes(name)) return PASSWORD_MESSAGES.username;
  return null;
}
