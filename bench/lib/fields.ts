/**
 * Synthetic ärende fields for the benchmarks: the tests' sample ärende (tests/helpers/device.ts),
 * varied by index so records are not all identical. No names, personnummer or contact details;
 * the notes are fixed Swedish sentences without digits.
 */
import { ALDERSGRUPPER, type ArendeFields, DEFAULT_BEHOVSGRUPPER, PARTER } from '../../src/domain/arende';
import { sampleFields } from '../../tests/helpers/device';

const KON_CYCLE = ['kvinna', 'man', 'annat', 'ej_angivet'] as const;
const NOTES = [
  'Trepartssamtal planerat i oktober.',
  'Kartläggning påbörjad tillsammans med Arbetsförmedlingen.',
  'Väntar på besked om praktikplats.',
  'Uppföljning efter avslutad arbetsträning.',
  '',
] as const;

function at<T>(list: readonly T[], i: number): T {
  return list[i % list.length] as T;
}

/** The i-th synthetic ärende of a handläggare in an enhet; valid under validateArendeFields. */
export function syntheticFields(i: number, enhetId: string, handlaggareId: string): ArendeFields {
  const av12 = 10 + (i % 3);
  return sampleFields({
    enhetId,
    handlaggareId,
    kon: at(KON_CYCLE, i),
    aldersgrupp: at(ALDERSGRUPPER, i),
    manaderAv12: av12,
    manaderAv36: av12 + 12 + (i % 12),
    behovsgrupp: at(DEFAULT_BEHOVSGRUPPER, i).code,
    parter: [at(PARTER, i)],
    anteckningar: at(NOTES, i),
  });
}
