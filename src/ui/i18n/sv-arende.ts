/**
 * Swedish texts of the ärende form (registering and editing an ärende, its conflicts) and the enum
 * labels it shows. Part of the one catalogue (sv.ts): the form's components import `t` from here;
 * the case-work and enkät catalogues build on this one, as their forms share its texts.
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
} from '../../domain/arende';
import { t as base, count, type Labels } from './sv';

/** Registering and editing an ärende. */
export const form = {
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
};

/** A change of this device that lost against another change of the same field. */
export const conflict = {
  heading: (n: number) =>
    n === 1
      ? 'En av dina ändringar krockade med en annan ändring'
      : `${count(n)} av dina ändringar krockade med andra ändringar`,
  intro:
    'Samma uppgift ändrades på en annan dator eller surfplatta innan din ändring kom fram. Servern behöll den andra ändringen. Välj vilket värde som ska gälla.',
  fieldLabel: (field: string) => ((form as Record<string, unknown>)[field] as string | undefined) ?? field,
  yours: 'din ändring',
  server: 'den sparade',
  empty: 'tomt',
  /** Until the pull after the push brings the server's value (push answers carry none). */
  serverPending: 'hämtas vid nästa synkning',
  keepServer: 'Behåll det sparade',
  useMine: 'Använd min ändring',
  failed: 'Ändringen kunde inte sparas på enheten. Försök igen.',
};

/** The list's status labels (sv.ts) and the labels of the form's other fields. */
export const enums = {
  ...base.enums,
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

export type ArendeFormMessages = { form: typeof form; conflict: typeof conflict; enums: typeof enums };

/** The catalogue with the ärende form's sections, for the form's components. */
export const t = { ...base, form, conflict, enums };
