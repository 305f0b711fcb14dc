/** Synthetic konsultationsteam fields for tests: parties and roles, never a person. */
import type { KonsultationsfallFields, KonsultationsmoteFields } from '../../src/domain/konsultation';

export const konsultationsmote = (over: Partial<KonsultationsmoteFields> = {}): KonsultationsmoteFields => ({
  datum: '2026-03-12',
  narvarande: ['socialtjanst', 'af', 'fk', 'psykiatri', 'samordningsforbund'],
  anteckningar: 'Fyra parter närvarande, FK via video.',
  ...over,
});

export const konsultationsfall = (
  moteId: string,
  over: Partial<KonsultationsfallFields> = {},
): KonsultationsfallFields => ({
  moteId,
  nr: 1,
  lyftAv: 'af',
  aktuellSedan: '2025-09',
  aldersgrupp: null,
  enhetId: null,
  sammanfattning: 'Långvarigt försörjningsstöd, ohälsa utan sjukskrivning.',
  fraga: 'Vem kan göra en arbetsförmågebedömning?',
  rad: 'Boka ett flerpartsmöte med vårdcentralen och FK.',
  uppfoljning: 'Återkoppling på nästa möte.',
  uppfoljningManad: '2026-04',
  utfall: 'gemensam_planering',
  ...over,
});
