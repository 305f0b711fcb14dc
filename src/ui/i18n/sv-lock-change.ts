/**
 * Swedish texts for changing the unlock code and for a login whose password no longer opens the
 * store (en-lock-change.ts is the English twin); loaded with those screens, not with the first one.
 */

export const change = {
  title: 'Byt upplåsningskod',
  intro:
    'Upplåsningskoden låser upp uppgifterna på den här apparaten och avslutar överlämningsläget. Att byta den går utan nät och påverkar inte ditt lösenord för inloggning.',
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
    'Lösenordet öppnar inte uppgifterna på den här apparaten, troligen för att det har bytts. Skriv din upplåsningskod (oftast ditt förra lösenord) så låses de upp.',
  secret: 'Upplåsningskod',
  startFresh: 'Rensa apparaten och börja om',
  startFreshHint:
    'Allt på apparaten är synkat. Du kan i stället rensa apparaten – ärendena hämtas igen från servern.',
  unsyncedHint: (n: number) =>
    n === 1
      ? 'En ändring på apparaten är inte synkad, så apparaten kan inte rensas. Skriv upplåsningskoden.'
      : `${n} ändringar på apparaten är inte synkade, så apparaten kan inte rensas. Skriv upplåsningskoden.`,
  wrongSecret: 'Fel upplåsningskod. Försök igen.',
};
