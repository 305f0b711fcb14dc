// The 26 mätpunkter of Version B of seed 004 and the ids of their 28 answer slots. Invariants: every
// text is verbatim from the seed (typos kept); ids never change meaning; M20 is register data, not asked.
import type { IndicatorNr } from './indicators';
import type { MatpunktId, SlotId } from './matpunkt-ids';
import type { Method, Occasion, RespondentGroup } from './vocabulary';

// The ids live in matpunkt-ids.ts, so that response schemas (synced from the first screen) do not
// carry the catalogue's texts; re-exported here as part of the catalogue.
export { MATPUNKT_IDS, MatpunktId, SLOT_IDS, SlotId } from './matpunkt-ids';

export interface Subitem {
  id: SlotId;
  /** The list marker printed before the sub-item ("1.", "a."). */
  marker: string;
  text: string;
  respondents: readonly RespondentGroup[];
}

export interface Matpunkt {
  id: MatpunktId;
  indicator: IndicatorNr;
  /** pastaende: one statement; stam: a stem with sub-items; register: register data, not asked. */
  kind: 'pastaende' | 'stam' | 'register';
  /** The statement, the stem, or (M20) the register description; verbatim, without the quote marks. */
  text: string;
  subitems: readonly Subitem[];
  respondents: readonly RespondentGroup[];
  occasions: readonly Occasion[];
  /** "På sikt en gång om året" (Ind 12–15): a later, not yet current, frequency. */
  laterOccasions: readonly Occasion[];
  method: Method;
  /** False only for M20: it stays in the catalogue (and the count of 26) but is never a form item. */
  asked: boolean;
  /** A remark printed with the mätpunkt that is not itself the item. */
  note?: string;
  /** Line(s) of the mätpunkt in seed 004, Version B. */
  source: string;
}

const UNDER_OCH_AVSLUT: readonly Occasion[] = ['under', 'vid_avslut'];
const OFTA: readonly Occasion[] = ['under', 'vid_avslut', 'intervall'];
const HALVAR: readonly Occasion[] = ['halvar'];
const ARLIGEN: readonly Occasion[] = ['ar'];

function statement(
  id: MatpunktId,
  indicator: IndicatorNr,
  text: string,
  respondents: readonly RespondentGroup[],
  occasions: readonly Occasion[],
  source: string,
  laterOccasions: readonly Occasion[] = [],
): Matpunkt {
  const base = { id, indicator, text, respondents, occasions, laterOccasions, source };
  return { ...base, kind: 'pastaende', subitems: [], method: 'enkat', asked: true };
}

/** In seed order [004:4341–4779]; texts cross-checked against Tabell 1 [004:4787–4856]. */
export const MATPUNKTER: readonly Matpunkt[] = [
  statement(
    'M01',
    1,
    'Jag får stödet på ett sätt som är till nytta för mig.',
    ['deltagare'],
    ['under'],
    '004:4341',
  ),
  statement(
    'M02',
    1,
    'Jag har fått stödet på ett sätt som är till nytta för mig.',
    ['deltagare'],
    ['vid_avslut'],
    '004:4342',
  ),
  statement(
    'M03',
    2,
    'Jag är med och bestämmer vilket stöd som jag ska få.',
    ['deltagare'],
    ['under'],
    '004:4371',
  ),
  statement(
    'M04',
    2,
    'Jag har fått vara med och bestämma vilket stöd som jag får/har fått.',
    ['deltagare'],
    ['vid_avslut'],
    '004:4372',
  ),
  // Present "får" with past "behövt" is the seed's own wording; kept verbatim.
  statement('M05', 3, 'Stödet jag får, får ta den tid som jag behövt.', ['deltagare'], ['under'], '004:4406'),
  statement(
    'M06',
    3,
    'Stödet jag fått, har fått ta den tid som behövts.',
    ['deltagare'],
    ['vid_avslut'],
    '004:4407',
  ),
  statement(
    'M07',
    3,
    'Stödet vi ger får ta den tid som deltagaren behöver.',
    ['personal'],
    UNDER_OCH_AVSLUT,
    '004:4408',
  ),
  statement(
    'M08',
    4,
    'Jag har en person eller ett team som jag kan vända mig till med mina olika frågor och behov.',
    ['deltagare'],
    ['under'],
    '004:4438–4439',
  ),
  statement(
    'M09',
    4,
    'Jag har haft en person eller ett team som jag kunnat vända mig till med mina olika frågor och behov.',
    ['deltagare'],
    ['vid_avslut'],
    '004:4440–4441',
  ),
  statement(
    'M10',
    5,
    'Jag har utvecklat sätt att hantera min situation.',
    ['deltagare'],
    ['under'],
    '004:4476',
  ),
  statement(
    'M11',
    5,
    'Det stöd jag har fått har hjälpt mig att utveckla sätt att hantera min situation.',
    ['deltagare'],
    ['vid_avslut'],
    '004:4477–4478',
  ),
  statement(
    'M12',
    6,
    'Det finns en tillräcklig planering för vad som ska hända efter att detta stöd upphör.',
    ['deltagare', 'personal'],
    ['vid_avslut'],
    '004:4511–4512',
  ),
  statement(
    'M13',
    6,
    'Det som tar vid är planerat att påbörjas inom rimlig tid.',
    ['deltagare'],
    ['vid_avslut'],
    '004:4513',
  ),
  statement(
    'M14',
    7,
    'Jag känner mig mer redo att kunna arbeta eller studera.',
    ['deltagare'],
    OFTA,
    '004:4543',
  ),
  statement(
    'M15',
    7,
    'Stödet vi har gett har gjort att deltagaren är mer redo att kunna arbeta eller studera.',
    ['personal'],
    OFTA,
    '004:4544',
  ),
  {
    id: 'M16',
    indicator: 8,
    kind: 'stam',
    // The seed prints this stem without quote marks [004:4570].
    text: 'Jag upplever att de jag samverkar med hos andra myndigheter:',
    subitems: [
      { id: 'M16.1', marker: '1.', text: 'Lyssnar på mig', respondents: ['insatspersonal'] },
      { id: 'M16.2', marker: '2.', text: 'Vet vad jag kan tillföra', respondents: ['insatspersonal'] },
    ],
    respondents: ['insatspersonal'],
    occasions: HALVAR,
    laterOccasions: [],
    method: 'enkat',
    asked: true,
    source: '004:4570–4572',
  },
  {
    id: 'M17',
    indicator: 9,
    kind: 'stam',
    text: 'Erfarenheter, kunskaper och synpunkter tas systematiskt tillvara från:',
    subitems: [
      {
        id: 'M17a',
        marker: 'a.',
        text: 'Enskilda deltagare',
        respondents: ['insatspersonal', 'forbundschef'],
      },
      {
        id: 'M17b',
        marker: 'b.',
        text: 'Grupper av deltagare',
        respondents: ['insatspersonal', 'forbundschef'],
      },
      { id: 'M17c', marker: 'c.', text: 'Brukarorganisationer', respondents: ['forbundschef'] },
    ],
    respondents: ['insatspersonal', 'forbundschef'],
    occasions: HALVAR,
    laterOccasions: [],
    method: 'enkat',
    asked: true,
    source: '004:4594–4597',
  },
  statement(
    'M18',
    9,
    'Personalen tar tillvara mina erfarenheter, kunskaper och synpunkter för att göra verksamheten bättre.',
    ['deltagare'],
    UNDER_OCH_AVSLUT,
    '004:4602–4603',
  ),
  statement(
    'M19',
    10,
    'Vi har rutiner för att samarbeta med andra aktörer i arbetet när det gäller insatser för deltagarna.',
    ['insatspersonal', 'forbundschef'],
    HALVAR,
    '004:4634–4635',
  ),
  {
    id: 'M20',
    indicator: 11,
    kind: 'register',
    text: 'Registerdata från SCB samkörs med SUS.',
    subitems: [],
    respondents: [],
    occasions: ARLIGEN,
    laterOccasions: [],
    method: 'registerdata',
    asked: false,
    note: 'Frågor om sekretess mellan myndigheter behöver lösas liksom finansiering av registeruttag från andra myndigheter.',
    source: '004:4672–4676',
  },
  statement(
    'M21',
    12,
    'Vi har strukturer för att initiera, upprätthålla och underhålla relationer mellan inblandade aktörer.',
    ['insatspersonal', 'styrelse', 'parternas_chefsgrupp'],
    HALVAR,
    '004:4695–4696',
    ARLIGEN,
  ),
  statement(
    'M22',
    13,
    'Det synsätt vi har angående människors resurser och möjligheter omfattas av alla i den samordnade insatsen.',
    ['insatspersonal'],
    HALVAR,
    '004:4722–4723',
    ARLIGEN,
  ),
  statement(
    'M23',
    13,
    'De olika arbetssätt vi har i den samordnade insatsen fungerar bra tillsammans.',
    ['insatspersonal'],
    HALVAR,
    '004:4724',
    ARLIGEN,
  ),
  statement(
    'M24',
    14,
    'Vi har en strategi för hur vi arbetar med uppföljning och utvärdering av de samordnade rehabiliteringsinsatserna.',
    ['styrelse'],
    HALVAR,
    '004:4752–4753',
    ARLIGEN,
  ),
  statement(
    'M25',
    14,
    'Uppföljning och utvärdering används som underlag för att utveckla de samordnade rehabiliteringsinsatserna.',
    ['styrelse'],
    HALVAR,
    '004:4754–4755',
    ARLIGEN,
  ),
  statement(
    'M26',
    15,
    'Erfarenheter från vår samverkan har lett till att förebyggande insatser utvecklats.',
    ['parternas_chefsgrupp'],
    HALVAR,
    '004:4778–4779',
    ARLIGEN,
  ),
];

const matpunktIndex = new Map<string, Matpunkt>(MATPUNKTER.map((m) => [m.id, m]));

export function matpunkt(id: MatpunktId): Matpunkt {
  const found = matpunktIndex.get(id);
  if (!found) throw new Error(`Unknown mätpunkt ${id}`);
  return found;
}
