/** Shared wiring of the SIP form sections: values, setter, errors and labels of every control. */
import type { SipFields } from '../../../../domain/sip';
import { t } from '../../../i18n/casework';

export interface SipSectionProps {
  values: SipFields;
  set: <K extends keyof SipFields>(field: K, value: SipFields[K]) => void;
  errors: Record<string, string>;
}

const s = t.casework.sip;
const item = (text: string, ...nr: number[]) => s.withItem(text, nr.join('–'));

/** Every control's label, with the checklist item it answers; built when rendering (language). */
const sipLabels = (): Record<string, string> => ({
  status: s.statusLabel,
  behovFranBada: item(s.behovFranBada, 1),
  bedomningAv: item(s.bedomningAv, 2),
  behovIdentifieratDatum: item(s.behovIdentifieratDatum, 4),
  arbeteStartatDatum: item(s.arbeteStartatDatum, 4),
  deltagareMedverkan: item(s.deltagareMedverkan, 5),
  medverkanSkal: s.medverkanSkal,
  narstaende: item(s.narstaende, 6),
  insatser: item(s.insatserHeading, 7, 9),
  ingaAtgarderAvAndra: item(s.ingaAtgarderAvAndra, 9),
  overgripandeAnsvar: item(s.overgripandeAnsvar, 10),
  befintligPlan: item(s.befintligPlan, 11),
  samordnare: item(s.samordnare, 13),
  behovsbild: item(s.behovsbild, 14),
  mal: item(s.mal, 20),
  uppfoljningsdatum: item(s.uppfoljningsdatum, 17),
  bekraftade: s.bekraftade,
  anteckningar: s.anteckningar,
});

export function sipLabel(field: string): string {
  const row = /^insats-(\d+)-(vad|part|ansvarig)$/.exec(field);
  if (!row) return sipLabels()[field] ?? field;
  const what = { vad: s.insatsVad, part: s.insatsPart, ansvarig: s.insatsAnsvarig }[row[2] as 'vad'];
  return `${s.insats(Number(row[1]) + 1)}, ${what.toLowerCase()}`;
}
