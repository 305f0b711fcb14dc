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

export const change = {
  title: 'Byt upplåsningskod',
  intro:
    'Upplåsningskoden låser upp uppgifterna på den här enheten och avslutar överlämningsläget. Att byta den går utan nät och påverkar inte ditt lösenord för inloggning.',
  current: 'Nuvarande upplåsningskod',
  next: 'Ny upplåsningskod',
  nextHint: 'Minst 8 tecken.',
  repeat: 'Upprepa den nya upplåsningskoden',
  submit: 'Byt upplåsningskod',
  saving: 'Byter …',
  tooShort: 'Den nya upplåsningskoden behöver vara minst 8 tecken.',
  mismatch: 'Koderna är inte lika. Skriv samma nya kod två gånger.',
  wrongCurrent: 'Den nuvarande upplåsningskoden stämmer inte.',
  emptyCurrent: 'Skriv din nuvarande upplåsningskod.',
  failed: 'Upplåsningskoden kunde inte bytas. Försök igen.',
  done: 'Upplåsningskoden är bytt. Använd den nya koden nästa gång du låser upp.',
  errorSummary: (n: number) => (n === 1 ? 'Rätta ett fel' : `Rätta ${n} fel`),
};

export const relogin = {
  secretNeeded:
    'Lösenordet öppnar inte uppgifterna på den här enheten, troligen för att det har bytts. Skriv din upplåsningskod (oftast ditt förra lösenord) så låses de upp.',
  secret: 'Upplåsningskod',
  startFresh: 'Rensa enheten och börja om',
  startFreshHint:
    'Allt på enheten är synkat. Du kan i stället rensa enheten – ärendena hämtas igen från servern.',
  unsyncedHint: (n: number) =>
    n === 1
      ? 'En ändring på enheten är inte synkad, så enheten kan inte rensas. Skriv upplåsningskoden.'
      : `${n} ändringar på enheten är inte synkade, så enheten kan inte rensas. Skriv upplåsningskoden.`,
  wrongSecret: 'Fel upplåsningskod. Försök igen.',
};

export const t = { lock, change, relogin };
