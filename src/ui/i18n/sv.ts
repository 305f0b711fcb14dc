/**
 * The Swedish message catalogue: every string the user sees. An English catalogue can follow by
 * implementing `Messages`; enum labels are typed by the domain's value lists, so a new value
 * fails the type check until it has a label.
 */
import type {
  ALDERSGRUPPER,
  AVSLUTSORSAKER,
  BARN_I_HUSHALLET,
  FORSORJNINGSHINDER,
  KON,
  PARTER,
  SGI,
  SJUKDOM_SITUATIONER,
  STATUSAR,
} from '../../domain/arende';
import { casework } from './sv-casework';

type Labels<T extends readonly string[]> = Record<T[number], string>;

const count = (n: number) => n.toLocaleString('sv-SE');

export const sv = {
  casework,
  app: {
    name: 'Fältsam',
    skipLink: 'Hoppa till innehållet',
    loading: 'Laddar …',
    pageLoadFailed: 'Sidan kunde inte laddas. Ladda om appen och försök igen.',
    updateReady: 'Ny version finns – uppdatera',
    updateButton: 'Uppdatera nu',
    titleSuffix: 'Fältsam',
    openFailed:
      'Fältsam kunde inte öppna lagringen på enheten. Stäng andra flikar med Fältsam och försök igen.',
  },
  login: {
    title: 'Logga in',
    intro: 'Logga in med ditt konto i Fältsam. Första gången på en enhet behöver du vara uppkopplad.',
    username: 'Användarnamn',
    password: 'Lösenord',
    submit: 'Logga in',
    offline: 'Ingen anslutning – du behöver vara uppkopplad första gången du loggar in på den här enheten',
    failed: 'Inloggningen misslyckades. Försök igen.',
  },
  header: {
    navLabel: 'Huvudmeny',
    arenden: 'Ärenden',
    signedInAs: (name: string, forbund: string) => `Inloggad: ${name}, ${forbund}`,
    logout: 'Logga ut',
    logoutDialogTitle: 'Logga ut?',
    logoutUnsynced: (n: number) =>
      n === 1
        ? 'En ändring har inte kunnat synkas. Om du loggar ut nu raderas den från enheten och går förlorad.'
        : `${count(n)} ändringar har inte kunnat synkas. Om du loggar ut nu raderas de från enheten och går förlorade.`,
    logoutConfirm: 'Logga ut ändå',
    logoutCancel: 'Stanna kvar',
    loggedOut: 'Du är utloggad. Ärendena är borttagna från den här enheten och finns kvar på servern.',
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
      network: 'Ingen anslutning – sparat på enheten, synkas när nätet är tillbaka',
      server: 'Synkningen misslyckades. Ändringarna finns kvar på enheten.',
      auth: 'Din inloggning har gått ut. Logga in igen för att synka – det du sparat finns kvar på enheten.',
      storage:
        'Enheten har inte plats att spara mer. Det som redan är sparat finns kvar – frigör utrymme och försök igen.',
    } satisfies Record<'network' | 'server' | 'auth' | 'storage', string>,
    loginAgain: 'Logga in igen',
    rejectedHeading: (n: number) => (n === 1 ? 'En ändring avvisades' : `${count(n)} ändringar avvisades`),
    rejectedLink: (code: string) => `Öppna ärende ${code}`,
    unknownRecord: 'okänt ärende',
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
    all: 'Alla',
    tableCaption: 'Ärenden på den här enheten',
    colCode: 'Kod',
    colStatus: 'Status',
    colBehovsgrupp: 'Behovsgrupp',
    colLangvarighet: 'Långvarighet',
    colSync: 'Synk',
    showing: (shown: number, total: number) => `Visar ${count(shown)} av ${count(total)} ärenden`,
    showMore: 'Visa fler',
    empty: 'Inga ärenden ännu. Välj ”Nytt ärende” för att lägga upp det första.',
    noMatch: 'Inga ärenden matchar sökningen.',
    saved: (code: string) => `Ärende ${code} är sparat på enheten.`,
    noBehovsgrupp: '–',
    unknownLangvarighet: 'Okänt',
    notLangvarigt: 'Nej',
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
  form: {
    titleNew: 'Nytt ärende',
    titleEdit: (code: string) => `Ärende ${code}`,
    notFound: 'Ärendet finns inte på den här enheten.',
    backToList: 'Tillbaka till ärenden',
    code: 'Kod',
    codeNew: 'Skapas när du sparar',
    codeHint: 'Skriv in koden i kommunens eget verksamhetssystem. Fältsam lagrar aldrig vem personen är.',
    basics: 'Grunduppgifter',
    enhet: 'Enhet',
    handlaggare: 'Ansvarig handläggare',
    handlaggareYou: (name: string) => `${name} (du)`,
    handlaggareOther: 'En annan handläggare',
    status: 'Status',
    startdatum: 'Startdatum',
    person: 'Om deltagaren',
    kon: 'Kön',
    aldersgrupp: 'Åldersgrupp',
    barnIHushallet: 'Barn i hushållet',
    notSpecified: 'Ej angivet',
    forsorjning: 'Försörjning',
    forsorjningshinder: 'Försörjningshinder',
    sjukdomSituationer: 'Situation vid sjukdom',
    sjukdomHint: 'Välj de som stämmer.',
    sgi: 'SGI (sjukpenninggrundande inkomst)',
    manaderAv12: 'Månader med försörjningsstöd av de senaste 12',
    manaderAv36: 'Månader med försörjningsstöd av de senaste 36',
    monthsHint: 'Lämna tomt om du inte vet.',
    computedHeading: 'Långvarighet',
    computedHint: 'Beräknas från antal månader',
    langvarigt: 'Långvarigt (minst 10 av 12 månader)',
    mycketLangvarigt: 'Mycket långvarigt (minst 27 av 36 månader)',
    yes: 'Ja',
    no: 'Nej',
    unknown: 'Okänt – ange antal månader',
    samverkan: 'Samverkan',
    behovsgrupp: 'Behovsgrupp',
    noBehovsgrupp: 'Ingen vald',
    parter: 'Parter som är involverade',
    avslut: 'Avslut',
    avslutsdatum: 'Avslutsdatum',
    avslutsorsak: 'Avslutsorsak',
    choose: 'Välj …',
    anteckningar: 'Anteckningar',
    anteckningarHint:
      'Skriv aldrig personnummer, samordningsnummer, namn, telefonnummer eller e-postadress här. Texten kontrolleras innan den sparas.',
    save: 'Spara',
    cancel: 'Avbryt',
    errorSummary: (n: number) =>
      n === 1 ? 'Rätta ett fel innan du sparar' : `Rätta ${count(n)} fel innan du sparar`,
    saveFailed: 'Ärendet kunde inte sparas på enheten. Försök igen.',
    rejected: 'Servern avvisade den senaste ändringen:',
    formLevelError: 'Uppgifterna hänger inte ihop',
  },
  conflict: {
    heading: (n: number) =>
      n === 1
        ? 'En av dina ändringar krockade med en annan ändring'
        : `${count(n)} av dina ändringar krockade med andra ändringar`,
    intro:
      'Samma uppgift ändrades på en annan dator eller surfplatta innan din ändring kom fram. Servern behöll den andra ändringen. Välj vilket värde som ska gälla.',
    fieldLabel: (field: string) =>
      ((sv.form as Record<string, unknown>)[field] as string | undefined) ?? field,
    yours: 'din ändring',
    server: 'den sparade',
    empty: 'tomt',
    keepServer: 'Behåll det sparade',
    useMine: 'Använd min ändring',
    failed: 'Ändringen kunde inte sparas på enheten. Försök igen.',
  },
  enums: {
    status: { aktiv: 'Aktiv', avslutad: 'Avslutad' } satisfies Labels<typeof STATUSAR>,
    kon: { kvinna: 'Kvinna', man: 'Man', annat: 'Annat', ej_angivet: 'Ej angivet' } satisfies Labels<
      typeof KON
    >,
    aldersgrupp: {
      '16-19': '16–19 år',
      '20-24': '20–24 år',
      '25-29': '25–29 år',
      '30-39': '30–39 år',
      '40-49': '40–49 år',
      '50-59': '50–59 år',
      '60-64': '60–64 år',
      '65+': '65 år eller äldre',
    } satisfies Labels<typeof ALDERSGRUPPER>,
    barnIHushallet: { ja: 'Ja', nej: 'Nej', okant: 'Okänt' } satisfies Labels<typeof BARN_I_HUSHALLET>,
    forsorjningshinder: {
      arbetsloshet: 'Arbetslöshet',
      sjukdom: 'Sjukdom',
      sociala_skal: 'Sociala skäl',
      spraksvarigheter: 'Språksvårigheter',
      foraldraledig: 'Föräldraledig',
      arbetar: 'Arbetar',
      annat: 'Annat eller utan försörjningshinder',
    } satisfies Labels<typeof FORSORJNINGSHINDER>,
    sjukdomSituation: {
      ingen_eller_lag_sjukpenning: 'Har ingen (nollplacerad) eller låg sjukpenning.',
      vantar_beslut_fk:
        'Väntar beslut från försäkringskassan på sökt ersättning (sjukpenning/sjuk- eller aktivitetsersättning).',
      arbetsformaga_utan_program:
        'Anses ha arbetsförmåga trots sin ohälsa men ingår inte i något program på arbetsförmedlingen.',
      program_lagt_aktivitetsstod:
        'Ingår i program på arbetsförmedlingen men har lågt aktivitetsstöd (hit hör de nyligen utförsäkrade).',
    } satisfies Labels<typeof SJUKDOM_SITUATIONER>,
    sgi: { har: 'Har SGI', nollplacerad: 'Nollplacerad', okant: 'Okänt' } satisfies Labels<typeof SGI>,
    part: {
      af: 'Arbetsförmedlingen',
      fk: 'Försäkringskassan',
      vardcentral: 'Vårdcentral',
      psykiatri: 'Psykiatri',
      ame: 'Arbetsmarknadsenheten (AME)',
      annan: 'Annan',
    } satisfies Labels<typeof PARTER>,
    avslutsorsak: {
      arbete: 'Arbete',
      studier: 'Studier',
      annan_offentlig_forsorjning: 'Annan offentlig försörjning',
      annan_insats: 'Annan insats',
      flyttat: 'Flyttat',
      avbrutet: 'Avbrutet',
      annat: 'Annat',
    } satisfies Labels<typeof AVSLUTSORSAKER>,
  },
  // Hand-over mode (PRODUCT.md §3): what the deltagare or a half-year respondent sees on the tablet.
  handover: {
    pageTitle: 'Enkät',
    settingsLabel: 'Visning och uppläsning',
    readAloud: 'Läs upp',
    textSmaller: 'Mindre text',
    textLarger: 'Större text',
    contrast: 'Hög kontrast',
    intro: (n: number, min: string, max: string) =>
      `Här kommer ${count(n)} ${n === 1 ? 'påstående' : 'påståenden'}, ett i taget. Svara hur väl varje påstående stämmer för dig, från 1 (${min}) till 5 (${max}). Du kan hoppa över ett påstående du inte vill svara på.`,
    answeredWithLegend: 'Hur svarar du?',
    answeredWith: { sjalv: 'Svarar själv', med_stod: 'Med stöd' } satisfies Record<
      'sjalv' | 'med_stod',
      string
    >,
    chooseAnsweredWith: 'Välj om du svarar själv eller med stöd.',
    start: 'Börja',
    progress: (i: number, n: number) => `Påstående ${count(i)} av ${count(n)}`,
    scaleSpoken: (min: string, max: string) => `Svara från 1, ${min}, till 5, ${max}.`,
    back: 'Tillbaka',
    next: 'Nästa',
    chooseOrSkip: 'Välj ett svar från 1 till 5, eller tryck ”Hoppa över”.',
    reviewTitle: 'Skicka dina svar',
    reviewSummary: (answered: number, n: number) =>
      `Du har svarat på ${count(answered)} av ${count(n)} påståenden.`,
    reviewHint: 'När du har skickat går svaren inte att ändra.',
    submit: 'Skicka',
    submitFailed: 'Svaren kunde inte sparas. Försök igen.',
    thanksTitle: 'Tack för dina svar!',
    thanksText: 'Dina svar är sparade. Lämna tillbaka surfplattan till handläggaren.',
    thanksTextRound: 'Dina svar är sparade. Lämna surfplattan vidare till nästa person.',
    nextRespondent: 'Nästa person svarar',
    idleTitle: 'Enkäten är stängd',
    idleText:
      'Ingen har svarat på en stund, så enkäten stängdes och det som var ifyllt raderades. Lämna tillbaka surfplattan till handläggaren.',
    unlockOpen: 'Lås upp (för handläggaren)',
    unlockTitle: 'Lås upp',
    unlockIntro: 'För handläggaren: skriv lösenordet som du loggar in i Fältsam med.',
    password: 'Lösenord',
    unlock: 'Lås upp',
    unlocking: 'Kontrollerar lösenordet …',
    cancel: 'Avbryt',
    unlockWrong: 'Fel lösenord. Försök igen.',
    unlockWait: (time: string) => `För många felaktiga försök. Du kan försöka igen klockan ${time}.`,
  },
  // Enkäter on the ärende page: counts only, never a deltagare's answers.
  surveys: {
    heading: 'Enkäter',
    sent: (n: number) => `Enkäter: ${count(n)} ${n === 1 ? 'skickad' : 'skickade'}`,
    staffSent: (n: number) => `Personalformulär: ${count(n)} ${n === 1 ? 'skickat' : 'skickade'}`,
    handoverLegend: 'Lämna över till deltagaren',
    handoverHint:
      'Surfplattan visar då bara enkäten, ett påstående i taget. Ingenting om ärendet syns. Du låser upp med ditt lösenord.',
    handover: 'Lämna över',
    chooseForm: 'Välj ett formulär.',
    noVerifier:
      'Surfplattan kan inte låsas upp utan nät ännu. Logga ut och in igen när du är uppkopplad, och försök sedan igen.',
    startFailed: 'Enkäten kunde inte startas. Försök igen.',
    staffHeading: 'Personalens formulär',
    staffHint:
      'Dina egna bedömningar av processen. Svaren skickas till servern och visas bara sammanräknade.',
  },
  staffForm: {
    forArende: (code: string) => `Ärende ${code}`,
    intro: (min: string, max: string) =>
      `Svara på skalan 1–5, från 1 (${min}) till 5 (${max}). Välj ”Hoppa över” för ett påstående du inte vill besvara.`,
    submit: 'Skicka',
    cancel: 'Avbryt',
    failed: 'Formuläret kunde inte sparas på enheten. Försök igen.',
    notFound: 'Formuläret eller ärendet finns inte på den här enheten.',
  },
  rounds: {
    title: 'Halvårsenkäter',
    nav: 'Halvårsenkäter',
    intro:
      'Lämna över surfplattan till den som ska svara. Svaren är anonyma: de sparas bara med omgång, enhet och grupp.',
    empty: 'Det finns inga öppna enkätomgångar på enheten. Synka för att hämta nya.',
    roundHeading: (period: string) => `Omgång ${period}`,
    enhet: 'Enhet',
    form: 'Formulär',
    handover: 'Lämna över',
    chooseBoth: 'Välj enhet och formulär.',
  },
};

export type Messages = typeof sv;

/** The active catalogue. One language today; a language switch would choose between catalogues here. */
export const t: Messages = sv;
