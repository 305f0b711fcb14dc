/** English texts of the coordinator's views (sv-koordinator.ts is the reference). */
import { enums } from './en-arende';
import type { KoordinatorMessages } from './sv-koordinator';

const relative = new Intl.RelativeTimeFormat('en-GB', { numeric: 'always' });
const dateTime = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** "3 hours ago": minutes for the first hour, hours for two days, then days. */
function ageOf(iso: string, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - new Date(iso).getTime()) / 60_000));
  if (minutes < 1) return 'just now';
  if (minutes < 60) return relative.format(-minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return relative.format(-hours, 'hour');
  return relative.format(-Math.floor(hours / 24), 'day');
}

export const koordinator: KoordinatorMessages = {
  title: 'Results and statistics',
  intro:
    'The association’s results are published for closed periods: the caseload per turn of the month, everything else per half-year. A release is made once and never changes afterwards.',
  areasLabel: 'Areas',
  areas: {
    karnindikatorer: 'Core indicators',
    kartlaggning: 'Caseload',
    progression: 'Progression',
    sip: 'SIP',
    moten: 'Meetings',
  },
  fetchedAt: (iso: string, now: Date) =>
    `The figures were fetched ${dateTime.format(new Date(iso))} (${ageOf(iso, now)}).`,
  fetchedFor: (period: string, date: string) => `Half-year ${period}, caseload as of ${date}.`,
  publishedAt: (iso: string) => `Published ${dateTime.format(new Date(iso))}.`,
  nothingYet:
    'No figures have been fetched to this device yet. Connect to the network and choose "Fetch figures".',
  fetching: 'Fetching figures …',
  fetched: 'The figures are fetched.',
  filtersHeading: 'Selection',
  period: 'Half-year',
  date: 'Caseload as of the turn of the month',
  enhet: 'Unit',
  allEnheter: 'The whole association',
  fetch: 'Fetch figures',
  print: 'Print',
  csv: 'Download CSV',
  csvFor: (caption: string) => `Download CSV: ${caption}`,
  suppressed: 'too few to show',
  withheld: 'protected',
  legend:
    'Counts are protected by a small random error (at most ±3, the same every time); "too few to show" = fewer than 5 people; "protected" = hidden because it could otherwise reveal a single person.',
  chartFailed: 'The chart could not be shown. The same figures are in the table.',
  chartAllHidden: 'The chart is not shown: all its figures are too few to show or protected. See the table.',
  chartSomeHidden: 'Bars or points are missing where the figure is too few to show or protected.',
  noData: 'No answers during the period.',
  ki: {
    caseHeading: 'Participants and staff',
    caseCaption: (scope: string) => `Core indicators per measuring point and respondent group – ${scope}`,
    enhetCaption: (enhet: string) => `Core indicators per measuring point – ${enhet}`,
    chartLabel: 'Bar chart: share answering 4–5 per measuring point.',
    compareHeading: 'During compared with at closing',
    compareCaption: (scope: string) => `Answers during the rehabilitation process and at closing – ${scope}`,
    compareEnhetHeading: 'During compared with at closing per unit',
    compareEnhetCaption: 'Answers during the rehabilitation process and at closing, per unit',
    respondentsHeading: 'Participants compared with staff',
    respondentsCaption: (scope: string) => `The same statement answered by participants and staff – ${scope}`,
    halvarHeading: 'Half-year surveys',
    halvarCaption: (period: string) => `Half-year surveys ${period} per measuring point and respondent group`,
    halvarEnhetCaption: (period: string, enhet: string) => `Half-year surveys ${period} – ${enhet}`,
    slot: 'Measuring point',
    group: 'Respondent group',
    indicator: 'Indicator',
    n: 'Number of answers',
    mean: 'Mean',
    share: 'Share 4–5 (%)',
    answer: (k: number) => `Answer ${k}`,
    pairLabel: (indicator: number | string, slots: string, who: string) =>
      `Ind ${indicator}: ${slots} (${who.toLowerCase()})`,
    under: 'During',
    vidAvslut: 'At closing',
    deltagare: 'Participants',
    personal: 'Staff',
    all: 'All respondents',
  },
  groupLabel: {
    'deltagare|under': 'Participants – during',
    'deltagare|vid_avslut': 'Participants – at closing',
    'deltagare|intervall': 'Participants – every 1–3 months',
    'personal|under': 'Staff – during',
    'personal|vid_avslut': 'Staff – at closing',
    'personal|intervall': 'Staff – every 1–3 months',
    insatspersonal: 'Intervention staff',
    forbundschef: 'Association director',
    styrelse: 'Board',
    parternas_chefsgrupp: 'The parties’ management group',
  },
  kl: {
    perEnhetHeading: 'Active cases per unit',
    enhetCaption: (date: string) => `Active cases per unit ${date}`,
    caption: (dimension: string, scope: string, date: string) =>
      `Active cases per ${dimension} – ${scope}, ${date}`,
    chartLabel: (dimension: string) => `Bar chart: active cases per ${dimension}.`,
    category: 'Category',
    count: 'Number of cases',
    total: 'Total',
    dimensions: {
      behovsgrupp: 'needs group',
      forsorjningshinder: 'obstacle to self-support',
      langvarigt: 'long-term support (at least 10 of 12 months)',
      mycketLangvarigt: 'very long-term support (at least 27 of 36 months)',
      kon: 'gender',
      aldersgrupp: 'age group',
    },
    headings: {
      behovsgrupp: 'Needs group',
      forsorjningshinder: 'Obstacle to self-support',
      langvarigt: 'Long-term',
      mycketLangvarigt: 'Very long-term',
      kon: 'Gender',
      aldersgrupp: 'Age group',
    },
    categories: {
      kon: enums.kon,
      aldersgrupp: { ...enums.aldersgrupp, ej_angivet: 'Not specified' },
      forsorjningshinder: { ...enums.forsorjningshinder, ej_angivet: 'Not specified' },
      langvarigt: { ja: 'Yes', nej: 'No', okant: 'Unknown' },
      mycketLangvarigt: { ja: 'Yes', nej: 'No', okant: 'Unknown' },
      behovsgrupp: { ej_angivet: 'Not specified' },
    },
  },
  pr: {
    heading: 'Cases with progression',
    caption: 'Cases by progression (latest measurement higher than the first, M14 or M15)',
    categories: {
      med_forflyttning: 'With progression',
      utan_forflyttning: 'Measured at least twice, without progression',
      en_matning: 'Measured once',
    },
    share: 'Share with progression of those measured at least twice',
    overTimeHeading: 'M14 and M15 over time',
    overTimeCaption: 'Mean and share 4–5 per month',
    chartLabel: 'Line chart: mean of M14 (participant) and M15 (case worker) per month.',
    month: 'Month',
    m14: 'M14 participant',
    m15: 'M15 case worker',
  },
  sip: {
    statusHeading: 'SIP per unit and status',
    statusCaption: 'Cases with a SIP per unit and status of the latest plan',
    chartLabel: 'Bar chart: cases with a SIP per status.',
    completenessHeading: 'Completeness',
    completenessCaption:
      'Plans that meet items 1–10 of the checklist (item 3, the consent, is checked when the plan is drawn up)',
    item: 'Item',
    met: 'Met',
    notMet: 'Not met',
    complete: 'All items 1–10',
    daysHeading: 'Days from need to start',
    daysCaption: 'Calendar days from the need being noticed to work on the plan starting',
    band: 'Days',
    bands: {
      '0-7': '0–7',
      '8-14': '8–14',
      '15-30': '15–30',
      '31-60': '31–60',
      '61-': '61 or more',
      ej_angivet: 'Date missing',
    },
    status: {
      utkast: 'Draft',
      upprattad: 'Drawn up',
      uppfoljd: 'Followed up',
      avslutad: 'Closed',
    },
  },
  mo: {
    monthHeading: 'Meetings per month and type',
    monthCaption: 'Cases with at least one meeting per month and type of meeting',
    enhetHeading: 'Meetings per unit and type',
    enhetCaption: 'Cases with at least one meeting per unit and type of meeting',
    chartLabel: 'Bar chart: cases with a meeting per month and type.',
    month: 'Month',
    types: {
      trepartssamtal: 'Three-party meeting',
      flerpartssamtal: 'Multi-party meeting',
      natverksmote: 'Network meeting',
      sip_mote: 'SIP meeting',
      avstamningsmote: 'Follow-up meeting',
      arendegenomgang: 'Case review',
    },
  },
  total: 'Total',
  enhetCol: 'Unit',
};
