import { describe, expect, it } from 'vitest';
import {
  countLikertSlots,
  countMatpunkter,
  FORMS,
  INDICATORS,
  INSTRUMENT_VERSION,
  indicator,
  MATPUNKT_IDS,
  MATPUNKTER,
  matpunkt,
  printedTag,
  SCALE,
  SKIP_LABEL,
  SLOT_IDS,
  SLOTS,
  scaleLabel,
  slot,
} from '../../../../src/domain/instrument';

describe('kärnindikatorer', () => {
  it('lists the 15 indicators in order, 10 process (1–10) and 5 effekt (11–15)', () => {
    expect(INDICATORS.map((i) => i.nr)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    expect(INDICATORS.filter((i) => i.type === 'process').map((i) => i.nr)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    ]);
    expect(INDICATORS.filter((i) => i.type === 'effekt').map((i) => i.nr)).toEqual([11, 12, 13, 14, 15]);
  });

  it('gives each indicator the level printed after its rubric', () => {
    const byLevel = (level: string) => INDICATORS.filter((i) => i.level === level).map((i) => i.nr);
    expect(byLevel('deltagare')).toEqual([1, 2, 3, 4, 5, 6, 7, 11]);
    expect(byLevel('personal')).toEqual([8, 12, 13]);
    expect(byLevel('organisation')).toEqual([9, 14]);
    expect(byLevel('samhalle')).toEqual([10, 15]);
    expect(printedTag(indicator(9))).toBe('(Processindikator/Organisation)');
    expect(printedTag(indicator(15))).toBe('(Effektindikator/Samhälle)');
  });

  it('keeps rubrics verbatim, including the seed’s "utan onödig dröjsmål"', () => {
    expect(indicator(6).rubric).toBe(
      'När insatser avslutas i en samordnad rehabiliteringstjänst upplever deltagaren att det finns en planering/tjänster som tar vid, och att de levereras utan onödig dröjsmål.',
    );
    expect(indicator(5).rubric).toBe(
      'Deltagaren upplever att den kan hantera egna symtom och funktionsnedsättning samt att han/hon/hen har fått stöd från myndigheterna i att leva med detta.',
    );
    expect(indicator(2).rubric).toBe('Deltagarna upplever inflytande över rehabiliteringsprocessen.');
  });
});

describe('mätpunkter', () => {
  it('has the ids M01–M26 in seed order, each tied to its indicator', () => {
    expect(MATPUNKTER.map((m) => m.id)).toEqual([...MATPUNKT_IDS]);
    expect(MATPUNKTER.map((m) => `${m.id}:${m.indicator}`)).toEqual([
      'M01:1',
      'M02:1',
      'M03:2',
      'M04:2',
      'M05:3',
      'M06:3',
      'M07:3',
      'M08:4',
      'M09:4',
      'M10:5',
      'M11:5',
      'M12:6',
      'M13:6',
      'M14:7',
      'M15:7',
      'M16:8',
      'M17:9',
      'M18:9',
      'M19:10',
      'M20:11',
      'M21:12',
      'M22:13',
      'M23:13',
      'M24:14',
      'M25:14',
      'M26:15',
    ]);
  });

  it('counts 26 mätpunkter and 28 Likert answer slots (DOMAIN.md §1.6)', () => {
    expect(countMatpunkter()).toBe(26);
    expect(countLikertSlots()).toBe(28);
    expect(SLOTS.map((s) => s.id)).toEqual([...SLOT_IDS]);
    expect(SLOT_IDS).toHaveLength(28);
  });

  it('keeps statements verbatim, including the seed’s tense mix and slashes', () => {
    expect(slot('M05').text).toBe('Stödet jag får, får ta den tid som jag behövt.');
    expect(slot('M04').text).toBe('Jag har fått vara med och bestämma vilket stöd som jag får/har fått.');
    expect(slot('M06').text).toBe('Stödet jag fått, har fått ta den tid som behövts.');
    expect(slot('M09').text).toBe(
      'Jag har haft en person eller ett team som jag kunnat vända mig till med mina olika frågor och behov.',
    );
    expect(slot('M18').text).toBe(
      'Personalen tar tillvara mina erfarenheter, kunskaper och synpunkter för att göra verksamheten bättre.',
    );
    expect(slot('M22').text).toBe(
      'Det synsätt vi har angående människors resurser och möjligheter omfattas av alla i den samordnade insatsen.',
    );
    expect(slot('M26').text).toBe(
      'Erfarenheter från vår samverkan har lett till att förebyggande insatser utvecklats.',
    );
  });

  it('shows the M16 and M17 sub-items under their verbatim stems', () => {
    expect(slot('M16.1')).toMatchObject({
      stem: 'Jag upplever att de jag samverkar med hos andra myndigheter:',
      marker: '1.',
      text: 'Lyssnar på mig',
    });
    expect(slot('M16.2').text).toBe('Vet vad jag kan tillföra');
    expect(slot('M17c')).toMatchObject({
      stem: 'Erfarenheter, kunskaper och synpunkter tas systematiskt tillvara från:',
      marker: 'c.',
      text: 'Brukarorganisationer',
      respondents: ['forbundschef'],
    });
    expect(slot('M17a').respondents).toEqual(['insatspersonal', 'forbundschef']);
  });

  it('gives every asked slot a non-empty text and at least one respondent group and occasion', () => {
    for (const s of SLOTS) {
      expect(s.text.trim()).toBe(s.text);
      expect(s.text.length).toBeGreaterThan(0);
      expect(s.respondents.length).toBeGreaterThan(0);
      expect(s.occasions.length).toBeGreaterThan(0);
    }
  });

  it('keeps M20 in the catalogue as register data that is never asked', () => {
    const m20 = matpunkt('M20');
    expect(m20).toMatchObject({
      indicator: 11,
      kind: 'register',
      method: 'registerdata',
      asked: false,
      text: 'Registerdata från SCB samkörs med SUS.',
      occasions: ['ar'],
    });
    expect(SLOTS.some((s) => s.matpunkt === 'M20')).toBe(false);
    expect(Object.values(FORMS).some((f) => (f.slots as readonly string[]).includes('M20'))).toBe(false);
  });

  it('records "På sikt en gång om året" as a later yearly occasion for Ind 12–15 only', () => {
    const later = MATPUNKTER.filter((m) => m.laterOccasions.includes('ar')).map((m) => m.id);
    expect(later).toEqual(['M21', 'M22', 'M23', 'M24', 'M25', 'M26']);
  });
});

describe('scale', () => {
  it('runs 1–5 with only the seed’s two end labels', () => {
    expect(SCALE).toEqual({ min: 1, max: 5, minLabel: 'Instämmer inte alls', maxLabel: 'Instämmer helt' });
    expect([1, 2, 3, 4, 5].map((v) => scaleLabel(v as 1 | 2 | 3 | 4 | 5))).toEqual([
      'Instämmer inte alls',
      null,
      null,
      null,
      'Instämmer helt',
    ]);
    expect(SKIP_LABEL).toBe('Hoppa över');
  });

  it('names the instrument version answers are stored with', () => {
    expect(INSTRUMENT_VERSION).toMatch(/^nns-karnindikatorer-B-2014-12-17\.\d+$/);
  });
});
