/**
 * Swedish texts of the ärende form (registering and editing an ärende, its conflicts) and the enum
 * labels it shows; en-arende.ts is its English twin. Components read them through arende.ts; the
 * case-work and enkät catalogues build on this one, as their forms share its texts.
 */
import type {
  ALDERSGRUPPER,
  ArendeField,
  AVSLUTSORSAKER,
  BARN_I_HUSHALLET,
  FORSORJNINGSHINDER,
  KON,
  PARTER,
  SGI,
  SJUKDOM_SITUATIONER,
} from '../../domain/arende';
import { count, type Labels, sv } from './sv';

/** Registering and editing an ärende. */
export const form = {
  titleNew: 'Nytt ärende',
  titleEdit: (code: string) => `Ärende ${code}`,
  notFound: 'Ärendet finns inte på den här apparaten.',
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
  saveFailed: 'Ärendet kunde inte sparas på apparaten. Försök igen.',
  rejected: 'Servern avvisade den senaste ändringen:',
  formLevelError: 'Uppgifterna hänger inte ihop',
};

/** An ärende the server took away (moved, access lost) that is kept for its unsynced changes. */
export const removed = {
  heading: 'Ärendet finns inte längre hos dig',
  text: 'Ärendet har flyttats till en annan enhet, eller så har din behörighet ändrats. Det du har ändrat här har inte nått servern och finns bara på den här apparaten. Skriv av det du behöver – ta sedan bort ärendet från apparaten.',
  forget: 'Ta bort ärendet från apparaten',
  forgotten: (code: string) => `Ärende ${code} är borttaget från apparaten.`,
  failed: 'Ärendet kunde inte tas bort från apparaten. Försök igen.',
};

/** A change of this device that lost against another change of the same field. */
export const conflict = {
  heading: (n: number) =>
    n === 1
      ? 'En av dina ändringar krockade med en annan ändring'
      : `${count(n)} av dina ändringar krockade med andra ändringar`,
  intro:
    'Samma uppgift ändrades på en annan dator eller surfplatta innan din ändring kom fram. Servern behöll den andra ändringen. Välj vilket värde som ska gälla.',
  /** Every field of an ärende by its label: a new field fails the type check until it has one. */
  fields: {
    enhetId: form.enhet,
    handlaggareId: form.handlaggare,
    status: form.status,
    startdatum: form.startdatum,
    kon: form.kon,
    aldersgrupp: form.aldersgrupp,
    barnIHushallet: form.barnIHushallet,
    forsorjningshinder: form.forsorjningshinder,
    sjukdomSituationer: form.sjukdomSituationer,
    sgi: form.sgi,
    manaderAv12: form.manaderAv12,
    manaderAv36: form.manaderAv36,
    behovsgrupp: form.behovsgrupp,
    parter: form.parter,
    avslutsdatum: form.avslutsdatum,
    avslutsorsak: form.avslutsorsak,
    anteckningar: form.anteckningar,
  } satisfies Record<ArendeField, string>,
  unknownPerson: 'en handläggare som inte är känd på apparaten',
  values: (yours: string, server: string) => `din ändring ”${yours}”, den sparade ”${server}”.`,
  /** Until the pull after the push brings the server's value (push answers carry none). */
  valuesPending: (yours: string) => `din ändring ”${yours}”, den sparade hämtas vid nästa synkning.`,
  empty: 'tomt',
  keepServer: 'Behåll det sparade',
  useMine: 'Använd min ändring',
  failed: 'Ändringen kunde inte sparas på apparaten. Försök igen.',
};

/** The list's status labels (sv.ts) and the labels of the form's other fields. */
export const enums = {
  ...sv.enums,
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
};

export type ArendeFormMessages = {
  form: typeof form;
  conflict: typeof conflict;
  removed: typeof removed;
  enums: typeof enums;
};
