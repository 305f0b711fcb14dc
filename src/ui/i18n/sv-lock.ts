/** Swedish texts of the lock: the unlock screen, the "Lås" button and changing the unlock secret. */
export const lock = {
  title: 'Fältsam är låst',
  intro: (name: string) =>
    `Uppgifterna på enheten är krypterade. ${name}, skriv din upplåsningskod för att fortsätta. Det går utan nät.`,
  introNoUser:
    'Uppgifterna på enheten är krypterade. Skriv upplåsningskoden för att fortsätta. Det går utan nät.',
  hint: 'Upplåsningskoden är lösenordet du loggade in med första gången på den här enheten, om du inte har bytt den.',
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
    'Fältsam krypterar nu uppgifterna på enheten. Logga in en gång till så skyddas de med ditt lösenord.',
};

export const t = { lock };
