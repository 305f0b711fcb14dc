/**
 * Swedish texts of the konsultationsteam screens (koordinator): the meetings, a meeting with its
 * de-identified case summaries, and the statistics (en-konsultation.ts is the English twin). Those
 * screens read them through konsultation.ts. Party and outcome labels are the domain's own.
 */
import { UTFALL_LABEL } from '../../domain/konsultation';
import { PART_LABEL } from '../../domain/samtycke';
import { count } from './sv';
import { enums } from './sv-arende';

export const konsultation = {
  part: PART_LABEL,
  utfall: UTFALL_LABEL,
  aldersgrupp: enums.aldersgrupp,
  onlyKoordinator: 'Konsultationsteamets anteckningar och statistik förs av koordinatorer.',
  list: {
    title: 'Konsultationsteam',
    intro:
      'Möten i konsultationsteamet och de avidentifierade ärenden som lyftes där. Allt sparas på den här apparaten först och synkas när du har nät.',
    newMeeting: 'Nytt möte',
    statistics: 'Statistik',
    empty: 'Inga möten ännu.',
    caption: 'Konsultationsteamets möten, senaste först',
    colDatum: 'Datum',
    colNarvarande: 'Närvarande parter',
    colFall: 'Ärenden',
    colSync: 'Synkning',
    open: (datum: string) => `Möte ${datum}`,
  },
  mote: {
    newTitle: 'Nytt möte i konsultationsteamet',
    title: (datum: string) => `Konsultationsteam ${datum}`,
    notFound: 'Mötet finns inte på den här apparaten.',
    heading: 'Mötet',
    back: 'Tillbaka till konsultationsteamet',
    datum: 'Mötesdatum',
    narvarande: 'Närvarande parter',
    narvarandeHint: 'En representant per samverkanspart.',
    anteckningar: 'Anteckningar från mötet',
    anteckningarHint:
      'Skriv aldrig personnummer, namn, telefonnummer, e-post eller ärendekoder. Texten kontrolleras innan den sparas.',
    save: 'Spara mötet',
    cancel: 'Avbryt',
    saved: 'Mötet är sparat på apparaten.',
    saveFailed: 'Mötet kunde inte sparas på apparaten. Försök igen.',
  },
  fall: {
    heading: 'Ärenden som lyftes',
    intro:
      'Varje ärende är avidentifierat: ingen ärendekod, inga datum finare än månad. Åldersgrupp och kommun anges bara om minst 5 aktiva ärenden har samma – servern kontrollerar det.',
    none: 'Inga ärenden lyfta ännu.',
    legend: (n: number) => `Ärende ${n}`,
    add: 'Lägg till ärende',
    remove: (n: number) => `Ta bort ärende ${n}`,
    lyftAv: 'Lyft av',
    aktuellSedan: 'Aktuellt sedan (månad)',
    manadHint: 'År och månad, ÅÅÅÅ-MM. Lämna tomt om det inte behövs.',
    aldersgrupp: 'Åldersgrupp',
    enhetId: 'Kommun eller enhet',
    notGiven: 'Anges inte',
    sammanfattning: 'Avidentifierad sammanfattning',
    fraga: 'Frågan till teamet',
    rad: 'Råd och lösning',
    uppfoljning: 'Uppföljning',
    uppfoljningManad: 'Följs upp (månad)',
    utfall: 'Utfall',
    choose: 'Välj …',
    refused: 'Servern tog inte emot ärendet:',
    pending: 'Inte synkat ännu.',
    deleteSaved: (n: number) => `Ta bort ärende ${n} för gott`,
    confirmTitle: 'Ta bort sammanfattningen?',
    confirmText: (n: number) =>
      `Ärende ${n} tas bort från den här apparaten nu, och från servern och koordinatorernas andra apparater vid nästa synkning. Det går inte att ångra. Det som redan är ändrat i formuläret sparas inte.`,
    confirm: 'Ta bort',
    cancel: 'Avbryt',
    deleted: (n: number) => `Ärende ${n} är borttaget. Borttagningen når servern vid nästa synkning.`,
    deleteFailed: 'Sammanfattningen kunde inte tas bort på apparaten. Försök igen.',
  },
  stats: {
    title: 'Konsultationsteamets statistik',
    intro:
      'Räknat på de möten och ärenden som finns på den här apparaten. Synka först för att få med det som andra har sparat.',
    from: 'Från och med',
    to: 'Till och med',
    periodHint: 'Lämna tomt för att ta med alla möten.',
    print: 'Skriv ut',
    download: 'Ladda ner CSV',
    downloadLabel: (table: string) => `Ladda ner CSV: ${table}`,
    totalsCaption: 'Sammanfattning för perioden',
    meetingsCaption: 'Per möte: närvarande parter, ärenden per part som lyfte dem och utfall',
    partiesCaption: 'Per part: möten närvarande och ärenden lyfta under perioden',
    outcomesCaption: 'Utfall för ärendena under perioden',
    noMeetings: 'Inga möten under perioden.',
    empty: '–',
    periodLabel: (from: string, to: string) =>
      from || to ? `Period: ${from || 'början'} – ${to || 'idag'}` : 'Period: alla möten',
    forbundLabel: (forbund: string, today: string) => `${forbund}, uttaget ${today}`,
    files: { totals: 'sammanfattning', meetings: 'per-mote', parties: 'per-part', outcomes: 'utfall' },
    count,
  },
};

export type KonsultationMessages = typeof konsultation;
