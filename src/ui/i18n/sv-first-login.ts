/** Swedish texts for replacing a one-time password at sign-in (loaded with the login screen). */
export const firstLogin = {
  notice:
    'Du har fått ett tillfälligt lösenord. Välj ett eget lösenord innan du fortsätter. Det blir också din upplåsningskod på den här enheten.',
  newPassword: 'Nytt lösenord',
  newPasswordHint: 'Minst 12 tecken.',
  repeat: 'Upprepa det nya lösenordet',
  submit: 'Byt lösenord och logga in',
  mismatch: 'Lösenorden är inte lika. Skriv samma nya lösenord två gånger.',
};
