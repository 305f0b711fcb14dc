// The 15 kärnindikatorer of Version B of seed 004: number, rubric verbatim (typos kept), type and
// level as printed after each rubric. Invariant: 10 process (1–10) and 5 effekt (11–15) [004:4187–4188].
import { z } from '../zod';

export const INDICATOR_TYPES = ['process', 'effekt'] as const;
export const IndicatorType = z.enum(INDICATOR_TYPES);
export type IndicatorType = z.infer<typeof IndicatorType>;

/** The four levels "samhälle, organisation, personal och deltagare" [004:4186–4188]. */
export const INDICATOR_LEVELS = ['deltagare', 'personal', 'organisation', 'samhalle'] as const;
export const IndicatorLevel = z.enum(INDICATOR_LEVELS);
export type IndicatorLevel = z.infer<typeof IndicatorLevel>;

export const INDICATOR_NUMBERS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15] as const;
export const IndicatorNr = z.literal(INDICATOR_NUMBERS);
export type IndicatorNr = z.infer<typeof IndicatorNr>;

/** As printed in the seed's parenthesis, e.g. "(Processindikator/Deltagare)". */
export const INDICATOR_TYPE_LABELS: Record<IndicatorType, string> = {
  process: 'Processindikator',
  effekt: 'Effektindikator',
};
export const INDICATOR_LEVEL_LABELS: Record<IndicatorLevel, string> = {
  deltagare: 'Deltagare',
  personal: 'Personal',
  organisation: 'Organisation',
  samhalle: 'Samhälle',
};

export interface Indicator {
  nr: IndicatorNr;
  /** Kärnindikatorrubrik, verbatim; the seed's line breaks are joined with one space. */
  rubric: string;
  type: IndicatorType;
  level: IndicatorLevel;
  /** Where the rubric stands in seed 004 (Version B). */
  source: string;
}

export const INDICATORS: readonly Indicator[] = [
  {
    nr: 1,
    rubric:
      'Deltagare känner att de insatser som erbjuds är organiserade runt deras behov (personcentrerade).',
    type: 'process',
    level: 'deltagare',
    source: '004:4313–4316',
  },
  {
    nr: 2,
    rubric: 'Deltagarna upplever inflytande över rehabiliteringsprocessen.',
    type: 'process',
    level: 'deltagare',
    source: '004:4347–4349',
  },
  {
    nr: 3,
    rubric:
      'En möjlighet att låta rehabiliteringsprocessen få ta den tid som behövs utifrån varje deltagares förutsättningar.',
    type: 'process',
    level: 'deltagare',
    source: '004:4377–4380',
  },
  {
    nr: 4,
    rubric:
      'Deltagare upplever att det finns någon som håller samman och stödjer den enskildes samordnade rehabiliteringsprocess.',
    type: 'process',
    level: 'deltagare',
    source: '004:4413–4416',
  },
  {
    nr: 5,
    rubric:
      'Deltagaren upplever att den kan hantera egna symtom och funktionsnedsättning samt att han/hon/hen har fått stöd från myndigheterna i att leva med detta.',
    type: 'process',
    level: 'deltagare',
    source: '004:4446–4449',
  },
  {
    nr: 6,
    // "utan onödig dröjsmål" is the seed's own typo (the definition says "onödigt"); kept verbatim.
    rubric:
      'När insatser avslutas i en samordnad rehabiliteringstjänst upplever deltagaren att det finns en planering/tjänster som tar vid, och att de levereras utan onödig dröjsmål.',
    type: 'process',
    level: 'deltagare',
    source: '004:4483–4486',
  },
  {
    nr: 7,
    rubric:
      'Det har skett en stegförflyttning närmare arbetsmarknaden/egen försörjning där deltagaren varit med i arbetet.',
    type: 'process',
    level: 'deltagare',
    source: '004:4518–4521',
  },
  {
    nr: 8,
    rubric:
      'Personalen upplever att andra medarbetare/professionella i andra myndigheter respekterar deras kunskap, roller och arbetssätt.',
    type: 'process',
    level: 'personal',
    source: '004:4549–4552',
  },
  {
    nr: 9,
    rubric:
      'Att det systematiskt tillvaratas erfarenheter, kunskaper och synpunkter såväl från enskilda deltagare/brukare som från brukarorganisationer eller grupper av deltagare.',
    type: 'process',
    level: 'organisation',
    source: '004:4576–4580',
  },
  {
    nr: 10,
    rubric:
      'Samordnade insatser inkluderar även andra aktörer i samhället, företag, ideella krafter och föreningsliv i det löpande arbetet på ett strukturerat sätt.',
    type: 'process',
    level: 'samhalle',
    source: '004:4608–4611',
  },
  {
    nr: 11,
    rubric: 'Effekter för deltagare som kommer ur de samordnade insatserna är hållbara och säkra över tid.',
    type: 'effekt',
    level: 'deltagare',
    source: '004:4640–4643',
  },
  {
    nr: 12,
    rubric:
      'En struktur har skapats vars huvuduppgifter är att strategiskt initiera, upprätthålla och underhålla relationer.',
    type: 'effekt',
    level: 'personal',
    source: '004:4678–4681',
  },
  {
    nr: 13,
    rubric: 'Samordnad verksamhet har ett sektorsövergripande arbetssätt och synsätt.',
    type: 'effekt',
    level: 'personal',
    source: '004:4701–4703',
  },
  {
    nr: 14,
    rubric:
      'Det finns en klar och tydlig strategi för uppföljning och utvärdering av myndighetsgemensamma insatser.',
    type: 'effekt',
    level: 'organisation',
    source: '004:4729–4732',
  },
  {
    nr: 15,
    rubric:
      'Insikter från samverkan leder till att nya typer av förebyggande insatser utvecklas så att behov av samordnad rehabilitering inte behöver bli aktuellt om individer fångas upp mycket tidigare och på ett annorlunda sätt.',
    type: 'effekt',
    level: 'samhalle',
    source: '004:4760–4764',
  },
];

export function indicator(nr: IndicatorNr): Indicator {
  const found = INDICATORS.find((i) => i.nr === nr);
  if (!found) throw new Error(`Unknown kärnindikator ${nr}`);
  return found;
}

/** The type/level tag exactly as the seed prints it after the rubric. */
export function printedTag(i: Pick<Indicator, 'type' | 'level'>): string {
  return `(${INDICATOR_TYPE_LABELS[i.type]}/${INDICATOR_LEVEL_LABELS[i.level]})`;
}
