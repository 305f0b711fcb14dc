/**
 * Swedish texts of the coordinator's views (resultat och statistik); en-koordinator.ts is the
 * English twin. The views read them through koordinator.ts.
 */
import type { SIP_DAY_BANDS } from '../../domain/aggregation/report';
import type { MOTESTYPER } from '../../domain/mote';
import type { SIP_STATUSAR } from '../../domain/sip';
import type { Labels } from './sv';
import { enums } from './sv-arende';

const relative = new Intl.RelativeTimeFormat('sv', { numeric: 'always' });
const dateTime = new Intl.DateTimeFormat('sv-SE', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** "för 3 timmar sedan": minutes for the first hour, hours for two days, then days. */
export function ageOf(iso: string, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - new Date(iso).getTime()) / 60_000));
  if (minutes < 1) return 'alldeles nyss';
  if (minutes < 60) return relative.format(-minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return relative.format(-hours, 'hour');
  return relative.format(-Math.floor(hours / 24), 'day');
}

export const koordinator = {
  title: 'Resultat och statistik',
  intro:
    'Förbundets resultat publiceras för avslutade perioder: kartläggningen per månadsskifte, allt annat per halvår. En publicering görs en gång och ändras sedan inte.',
  areasLabel: 'Områden',
  areas: {
    karnindikatorer: 'Kärnindikatorer',
    kartlaggning: 'Kartläggning',
    progression: 'Stegförflyttning',
    sip: 'SIP',
    moten: 'Möten',
  },
  fetchedAt: (iso: string, now: Date) =>
    `Uppgifterna hämtades ${dateTime.format(new Date(iso))} (${ageOf(iso, now)}).`,
  fetchedFor: (period: string, date: string) => `Halvår ${period}, kartläggning per ${date}.`,
  publishedAt: (iso: string) => `Publicerad ${dateTime.format(new Date(iso))}.`,
  nothingYet:
    'Inga uppgifter har hämtats till den här apparaten ännu. Anslut till nätet och välj "Hämta uppgifter".',
  fetching: 'Hämtar uppgifter …',
  fetched: 'Uppgifterna är hämtade.',
  filtersHeading: 'Urval',
  period: 'Halvår',
  date: 'Kartläggning per månadsskifte',
  enhet: 'Enhet',
  allEnheter: 'Hela förbundet',
  fetch: 'Hämta uppgifter',
  print: 'Skriv ut',
  csv: 'Ladda ner CSV',
  csvFor: (caption: string) => `Ladda ner CSV: ${caption}`,
  suppressed: 'för få för att visas',
  withheld: 'skyddad',
  /** One line, under every view and at the end of every CSV. */
  legend:
    'Antal är skyddade med ett litet slumpmässigt fel (högst ±3, samma varje gång); "för få för att visas" = färre än 5 personer; "skyddad" = dold för att den annars kunde avslöja en enskild person.',
  chartFailed: 'Diagrammet kunde inte visas. Samma siffror finns i tabellen.',
  chartAllHidden:
    'Diagrammet visas inte: alla siffror i det är för få för att visas eller skyddade. Se tabellen.',
  chartSomeHidden: 'Staplar eller punkter saknas där siffran är för få för att visas eller skyddad.',
  noData: 'Inga svar under perioden.',
  // Kärnindikatorer
  ki: {
    caseHeading: 'Deltagare och personal',
    caseCaption: (scope: string) => `Kärnindikatorer per mätpunkt och svarsgrupp – ${scope}`,
    enhetCaption: (enhet: string) => `Kärnindikatorer per mätpunkt – ${enhet}`,
    chartLabel: 'Stapeldiagram: andel som svarar 4–5 per mätpunkt.',
    compareHeading: 'Under jämfört med vid avslut',
    compareCaption: (scope: string) => `Svar under rehabiliteringsprocessen och vid avslut – ${scope}`,
    compareEnhetHeading: 'Under jämfört med vid avslut per enhet',
    compareEnhetCaption: 'Svar under rehabiliteringsprocessen och vid avslut, per enhet',
    respondentsHeading: 'Deltagare jämfört med personal',
    respondentsCaption: (scope: string) => `Samma påstående besvarat av deltagare och personal – ${scope}`,
    halvarHeading: 'Halvårsenkäter',
    halvarCaption: (period: string) => `Halvårsenkäter ${period} per mätpunkt och svarsgrupp`,
    halvarEnhetCaption: (period: string, enhet: string) => `Halvårsenkäter ${period} – ${enhet}`,
    slot: 'Mätpunkt',
    group: 'Svarsgrupp',
    indicator: 'Indikator',
    n: 'Antal svar',
    mean: 'Medelvärde',
    share: 'Andel 4–5 (%)',
    answer: (k: number) => `Svar ${k}`,
    pairLabel: (indicator: number | string, slots: string, who: string) =>
      `Ind ${indicator}: ${slots} (${who.toLowerCase()})`,
    under: 'Under',
    vidAvslut: 'Vid avslut',
    deltagare: 'Deltagare',
    personal: 'Personal',
    all: 'Alla svarande',
  },
  groupLabel: {
    'deltagare|under': 'Deltagare – under',
    'deltagare|vid_avslut': 'Deltagare – vid avslut',
    'deltagare|intervall': 'Deltagare – per 1–3 mån',
    'personal|under': 'Personal – under',
    'personal|vid_avslut': 'Personal – vid avslut',
    'personal|intervall': 'Personal – per 1–3 mån',
    insatspersonal: 'Insatspersonal',
    forbundschef: 'Förbundschef',
    styrelse: 'Styrelse',
    parternas_chefsgrupp: 'Parternas chefsgrupp',
  } as Record<string, string>,
  // Kartläggning
  kl: {
    perEnhetHeading: 'Aktiva ärenden per enhet',
    enhetCaption: (date: string) => `Aktiva ärenden per enhet ${date}`,
    caption: (dimension: string, scope: string, date: string) =>
      `Aktiva ärenden per ${dimension} – ${scope}, ${date}`,
    chartLabel: (dimension: string) => `Stapeldiagram: aktiva ärenden per ${dimension}.`,
    category: 'Kategori',
    count: 'Antal ärenden',
    total: 'Totalt',
    dimensions: {
      behovsgrupp: 'behovsgrupp',
      forsorjningshinder: 'försörjningshinder',
      langvarigt: 'långvarigt bistånd (minst 10 av 12 månader)',
      mycketLangvarigt: 'mycket långvarigt bistånd (minst 27 av 36 månader)',
      kon: 'kön',
      aldersgrupp: 'åldersgrupp',
    } as Record<string, string>,
    headings: {
      behovsgrupp: 'Behovsgrupp',
      forsorjningshinder: 'Försörjningshinder',
      langvarigt: 'Långvarigt',
      mycketLangvarigt: 'Mycket långvarigt',
      kon: 'Kön',
      aldersgrupp: 'Åldersgrupp',
    } as Record<string, string>,
    /** Category labels per dimension (the same code, e.g. "annat", means different things). */
    categories: {
      kon: enums.kon,
      aldersgrupp: { ...enums.aldersgrupp, ej_angivet: 'Ej angivet' },
      forsorjningshinder: { ...enums.forsorjningshinder, ej_angivet: 'Ej angivet' },
      langvarigt: { ja: 'Ja', nej: 'Nej', okant: 'Okänt' },
      mycketLangvarigt: { ja: 'Ja', nej: 'Nej', okant: 'Okänt' },
      behovsgrupp: { ej_angivet: 'Ej angivet' },
    } as Record<string, Record<string, string>>,
  },
  // Progression
  pr: {
    heading: 'Ärenden med stegförflyttning',
    caption: 'Ärenden efter stegförflyttning (senaste mätningen högre än den första, M14 eller M15)',
    categories: {
      med_forflyttning: 'Med stegförflyttning',
      utan_forflyttning: 'Mätt minst två gånger, utan stegförflyttning',
      en_matning: 'Mätt en gång',
    } as Record<string, string>,
    share: 'Andel med stegförflyttning av dem som mätts minst två gånger',
    overTimeHeading: 'M14 och M15 över tid',
    overTimeCaption: 'Medelvärde och andel 4–5 per månad',
    chartLabel: 'Linjediagram: medelvärde för M14 (deltagaren) och M15 (handläggaren) per månad.',
    month: 'Månad',
    m14: 'M14 deltagaren',
    m15: 'M15 handläggaren',
  },
  // SIP
  sip: {
    statusHeading: 'SIP per enhet och status',
    statusCaption: 'Ärenden med SIP per enhet och status för den senaste planen',
    chartLabel: 'Stapeldiagram: ärenden med SIP per status.',
    completenessHeading: 'Fullständighet',
    completenessCaption:
      'Planer som uppfyller punkt 1–10 i checklistan (punkt 3, samtycket, kontrolleras när planen upprättas)',
    item: 'Punkt',
    met: 'Uppfyllt',
    notMet: 'Ej uppfyllt',
    complete: 'Alla punkter 1–10',
    daysHeading: 'Dagar från behov till start',
    daysCaption: 'Kalenderdagar från att behovet uppmärksammades till att arbetet med planen startade',
    band: 'Dagar',
    bands: {
      '0-7': '0–7',
      '8-14': '8–14',
      '15-30': '15–30',
      '31-60': '31–60',
      '61-': '61 eller fler',
      ej_angivet: 'Datum saknas',
    } satisfies Labels<typeof SIP_DAY_BANDS>,
    status: {
      utkast: 'Utkast',
      upprattad: 'Upprättad',
      uppfoljd: 'Uppföljd',
      avslutad: 'Avslutad',
    } satisfies Labels<typeof SIP_STATUSAR>,
  },
  // Möten
  mo: {
    monthHeading: 'Möten per månad och typ',
    monthCaption: 'Ärenden med minst ett möte per månad och mötestyp',
    enhetHeading: 'Möten per enhet och typ',
    enhetCaption: 'Ärenden med minst ett möte per enhet och mötestyp',
    chartLabel: 'Stapeldiagram: ärenden med möte per månad och typ.',
    month: 'Månad',
    types: {
      trepartssamtal: 'Trepartssamtal',
      flerpartssamtal: 'Flerpartssamtal',
      natverksmote: 'Nätverksmöte',
      sip_mote: 'SIP-möte',
      avstamningsmote: 'Avstämningsmöte',
      arendegenomgang: 'Ärendegenomgång',
    } satisfies Labels<typeof MOTESTYPER>,
  },
  total: 'Totalt',
  enhetCol: 'Enhet',
};

export type KoordinatorMessages = typeof koordinator;
