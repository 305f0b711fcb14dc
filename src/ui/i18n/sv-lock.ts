/**
 * Swedish texts of the lock: the unlock screen and the header's "Lås" and "Byt upplåsningskod".
 * The secret that opens the device is called "upplåsningskod" everywhere (lock screen, hand-over
 * mode, changing it, a re-login), never "lösenord", which is only the login's password.
 */
export const lock = {
  title: 'Fältsam är låst',
  intro: (name: string) =>
    `Uppgifterna på apparaten är krypterade. ${name}, skriv din upplåsningskod för att fortsätta. Det går utan nät.`,
  introNoUser:
    'Uppgifterna på apparaten är krypterade. Skriv upplåsningskoden för att fortsätta. Det går utan nät.',
  hint: 'Upplåsningskoden är lösenordet du loggade in med första gången på den här apparaten, om du inte har bytt den.',
  secret: 'Upplåsningskod',
  submit: 'Lås upp',
  unlocking: 'Låser upp …',
  wrong: 'Fel upplåsningskod. Försök igen – uppgifterna finns kvar.',
  empty: 'Skriv din upplåsningskod.',
  failed: 'Det gick inte att låsa upp. Försök igen.',
  lockButton: 'Lås',
  lockButtonLabel: 'Lås Fältsam nu',
  changeLink: 'Byt upplåsningskod',
  legacyNotice:
    'Fältsam krypterar nu uppgifterna på apparaten. Logga in en gång till så skyddas de med ditt lösenord.',
};
