/**
 * The Swedish message catalogue's core: what the first screen (login, lock, the list of ärenden,
 * the header) and every screen need. The sections of screens that load on first use live beside it
 * in sv-<area>.ts, each with its English twin en-<area>.ts typed by the Swedish one (a missing or
 * extra key fails the type check). Components never import these files: they read `t` from the
 * area's module (messages.ts for this core, casework.ts, handover.ts …), which serves the language
 * the user chose. Enum labels are typed by the domain's value lists, so a new value fails the type
 * check until it has a label in both languages.
 */
import type { STATUSAR } from '../../domain/arende';
import type { Lang } from './locale';
import { lock } from './sv-lock';
import { relogin } from './sv-lock-change';

/** Labels for every value of a domain value list: a new value fails the type check until it has one. */
export type Labels<T extends readonly string[]> = Record<T[number], string>;

// One formatter for every count, made on first use: toLocaleString builds a new one per call.
let svCount: Intl.NumberFormat | undefined;
/** A count as Swedes write it (1 000), for this catalogue and the feature catalogues beside it. */
export function count(n: number): string {
  svCount ??= new Intl.NumberFormat('sv-SE');
  return svCount.format(n);
}

export const sv = {
  app: {
    name: 'Fältsam',
    skipLink: 'Hoppa till innehållet',
    loading: 'Laddar …',
    pageLoadFailed: 'Sidan kunde inte laddas. Ladda om appen och försök igen.',
    updateReady: 'Ny version finns – uppdatera',
    updateButton: 'Uppdatera nu',
    titleSuffix: 'Fältsam',
    openFailed:
      'Fältsam kunde inte öppna lagringen på apparaten. Stäng andra flikar med Fältsam och försök igen.',
    /** The header's language switch: the other language, named in that language. */
    otherLanguage: { name: 'English', lang: 'en' as Lang },
    languageFailed: 'Språket kunde inte bytas. Försök igen.',
    /** The error boundary: a screen failed to render; nothing on the device is touched. */
    errorTitle: 'Något gick fel',
    errorText:
      'Sidan kunde inte visas. Ingenting har försvunnit: allt du har sparat finns kvar på apparaten.',
    errorHome: 'Till startsidan',
    notFoundTitle: 'Sidan finns inte',
    notFoundText:
      'Adressen leder inte till någon sida i Fältsam. Allt du har sparat finns kvar på apparaten.',
  },
  /** Replacing a one-time password at sign-in (issue 14). */
  firstLogin: {
    notice:
      'Du har fått ett tillfälligt lösenord. Välj ett eget lösenord innan du fortsätter. Det blir också din upplåsningskod på den här apparaten.',
    newPassword: 'Nytt lösenord',
    newPasswordHint: 'Minst 12 tecken.',
    repeat: 'Upprepa det nya lösenordet',
    submit: 'Byt lösenord och logga in',
    mismatch: 'Lösenorden är inte lika. Skriv samma nya lösenord två gånger.',
  },
  login: {
    title: 'Logga in',
    intro: 'Logga in med ditt konto i Fältsam. Första gången på en apparat behöver du vara uppkopplad.',
    username: 'Användarnamn',
    password: 'Lösenord',
    submit: 'Logga in',
    offline: 'Ingen anslutning – du behöver vara uppkopplad första gången du loggar in på den här apparaten',
    failed: 'Inloggningen misslyckades. Försök igen.',
    again: (name: string) =>
      `Logga in igen som ${name}. Det du har sparat på apparaten finns kvar och synkas när du har loggat in.`,
  },
  header: {
    navLabel: 'Huvudmeny',
    arenden: 'Ärenden',
    rounds: 'Halvårsenkäter',
    konsultation: 'Konsultationsteam',
    gallring: 'Gallring',
    admin: 'Administration',
    respondent: 'Halvårsenkät',
    results: 'Resultat',
    signedInAs: (name: string, forbund: string) => `Inloggad: ${name}, ${forbund}`,
    logout: 'Logga ut',
    logoutDialogTitle: 'Logga ut?',
    logoutUnsynced: (n: number) =>
      n === 1
        ? 'En ändring har inte kunnat synkas. Om du loggar ut nu raderas den från apparaten och går förlorad.'
        : `${count(n)} ändringar har inte kunnat synkas. Om du loggar ut nu raderas de från apparaten och går förlorade.`,
    logoutConfirm: 'Logga ut ändå',
    logoutCancel: 'Stanna kvar',
    loggedOut: 'Du är utloggad. Ärendena är borttagna från den här apparaten och finns kvar på servern.',
    logoutFailed: 'Utloggningen misslyckades. Försök igen.',
  },
  sync: {
    regionLabel: 'Synkning',
    pending: (n: number) => `Ej synkat: ${count(n)}`,
    lastSynced: 'Senast synkad:',
    neverSynced: 'Senast synkad: aldrig',
    conflicts: (n: number) => `Konflikter att lösa: ${count(n)}`,
    syncNow: 'Synka nu',
    syncing: 'Synkar …',
    done: 'Synkningen är klar.',
    errorByKind: {
      network: 'Ingen anslutning – sparat på apparaten, synkas när nätet är tillbaka',
      timeout: 'Servern svarade inte i tid – sparat på apparaten, synkas igen strax',
      server: 'Synkningen misslyckades. Ändringarna finns kvar på apparaten.',
      auth: 'Din inloggning gäller inte längre – den har gått ut eller avslutats av en administratör. Logga in igen för att synka.',
      storage:
        'Apparaten har inte plats att spara mer. Det som redan är sparat finns kvar – frigör utrymme och försök igen.',
    } satisfies Record<'network' | 'timeout' | 'server' | 'auth' | 'storage', string>,
    loginAgain: 'Logga in igen',
    keptOnDevice: (n: number) =>
      n === 0
        ? 'Allt du har sparat är redan synkat.'
        : n === 1
          ? 'En ändring som inte är synkad finns kvar på apparaten och synkas när du har loggat in.'
          : `${count(n)} ändringar som inte är synkade finns kvar på apparaten och synkas när du har loggat in.`,
    rejectedHeading: (n: number) => (n === 1 ? 'En ändring avvisades' : `${count(n)} ändringar avvisades`),
    rejectedLink: (code: string) => `Öppna ärende ${code}`,
    unknownRecord: 'okänt ärende',
    rejectedKonsultation: 'Öppna konsultationsmötet',
  },
  time: {
    justNow: 'nyss',
    today: 'i dag',
    yesterday: 'i går',
  },
  list: {
    title: 'Ärenden',
    newArende: 'Nytt ärende',
    filtersLabel: 'Sök och filtrera',
    search: 'Sök på kod',
    searchHint: 'Till exempel NOR-4K7P eller en del av koden.',
    status: 'Status',
    behovsgrupp: 'Behovsgrupp',
    /** A behovsgrupp the förbund no longer uses, still shown on the ärenden in it. */
    retiredGroup: (label: string) => `${label} (utgången)`,
    all: 'Alla',
    tableCaption: 'Ärenden på den här apparaten',
    colCode: 'Kod',
    colStatus: 'Status',
    colBehovsgrupp: 'Behovsgrupp',
    colLangvarighet: 'Långvarighet',
    colSync: 'Synk',
    showing: (shown: number, total: number) => `Visar ${count(shown)} av ${count(total)} ärenden`,
    showMore: 'Visa fler',
    empty: 'Inga ärenden ännu. Välj ”Nytt ärende” för att lägga upp det första.',
    noMatch: 'Inga ärenden matchar sökningen.',
    saved: (code: string) => `Ärende ${code} är sparat på apparaten.`,
    noBehovsgrupp: '–',
    unknownLangvarighet: 'Okänt',
    notLangvarigt: 'Nej',
    // Case work in the list (who is responsible, a link to the ärende's overview).
    vem: 'Visa',
    mina: 'Mina ärenden',
    alla: 'Alla på mina enheter',
    colAnsvarig: 'Ansvarig',
    colOverview: 'Ärendearbete',
    overviewLink: 'Översikt',
    you: 'Du',
  },
  /** Who a user id is (casework/names.ts), in the list and on the ärende's overview. */
  person: {
    you: (name: string) => `${name} (du)`,
    colleague: 'En kollega',
  },
  badge: {
    langvarigt: 'Långvarigt',
    mycketLangvarigt: 'Mycket långvarigt',
    syncState: {
      synkad: 'Synkad',
      ej_synkad: 'Ej synkad',
      avvisad: 'Avvisad',
    } satisfies Record<'synkad' | 'ej_synkad' | 'avvisad', string>,
  },
  enums: {
    status: { aktiv: 'Aktiv', avslutad: 'Avslutad' } satisfies Labels<typeof STATUSAR>,
  },
  /** The lock screen and the header's "Lås" (sv-lock.ts): part of the first screen. */
  lock,
  /** A login whose password no longer opens the store (sv-lock-change.ts): the login screen's. */
  relogin,
  /**
   * The messages of the device's own code (src/domain, src/db, src/sync) and of the API are
   * written in Swedish there; messages.ts localizeMessage shows them in English from
   * en-messages.ts and en-server-messages.ts.
   */
  sourceMessages: {} as Record<string, string>,
  sourceFragments: {} as Record<string, string>,
  /** Whole values put into a message's blanks (field labels, the API's record nouns, roles). */
  sourceValues: {} as Record<string, string>,
};

export type Messages = typeof sv;
