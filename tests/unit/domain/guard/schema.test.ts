// The guard's message (field and kind, never the value) and the zod schema that runs it: the
// length first, stopping validation, then the guard. Synthetic data only.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ArendeFieldsShape } from '../../../../src/domain/arende';
import { AtgardFieldsShape } from '../../../../src/domain/atgard';
import { findIdentifyingData, guardedText, guardMessage } from '../../../../src/domain/guard';
import {
  KonsultationsfallFieldsShape,
  KonsultationsmoteFieldsShape,
} from '../../../../src/domain/konsultation';
import { MoteFieldsShape, MotesdeltagareRoll } from '../../../../src/domain/mote';
import { Insats, SipFieldsShape } from '../../../../src/domain/sip';
import { inContext } from '../../../helpers/case-sentences';
import { anyEmail, anyPhone } from '../../../helpers/synthetic-contacts';
import { anyIdFormat, checkDigit, idNumber } from '../../../helpers/synthetic-identifiers';

const SEED = 1205;
const PNR = `850709-123${checkDigit('850709123')}`;

describe('guardMessage', () => {
  it('names the field and the kind of data, and where it is', () => {
    expect(guardMessage([{ kind: 'personnummer', index: 19, length: 11 }], 'Anteckningar')).toBe(
      'Fältet Anteckningar innehåller något som ser ut som ett personnummer (tecken 20–30). ' +
        'Fältsam får inte lagra uppgifter som kan identifiera en deltagare – ta bort det och spara igen.',
    );
  });

  it('lists three findings and counts the rest', () => {
    const f = (kind: 'epost' | 'telefon' | 'samordningsnummer', index: number) => ({
      kind,
      index,
      length: 10,
    });
    const msg = guardMessage(
      [f('epost', 0), f('telefon', 20), f('samordningsnummer', 40), f('telefon', 60), f('telefon', 80)],
      'Mål',
    );
    expect(msg).toContain(
      'Fältet Mål innehåller något som ser ut som en e-postadress (tecken 1–10), ett telefonnummer (tecken 21–30), ett samordningsnummer (tecken 41–50) och 2 till.',
    );
    expect(msg).toContain('ta bort dem');
  });

  it('never repeats what it found', () => {
    fc.assert(
      fc.property(inContext(fc.oneof(idNumber(anyIdFormat), anyPhone, anyEmail)), ({ text, value }) => {
        const msg = guardMessage(findIdentifyingData(text), 'Anteckningar');
        expect(msg).not.toContain(value);
        const digits = value.replace(/\D/g, '');
        if (digits.length >= 5) expect(msg.replace(/\D/g, '')).not.toContain(digits.slice(-5));
        expect(msg).not.toMatch(/@/);
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });
});

describe('guardedText', () => {
  const schema = guardedText(200, 'Anteckningar');

  it('accepts ordinary case-note text', () => {
    expect(
      schema.safeParse('Möte 2026-11-23 kl 0900-1130, 3 av 12 månader, 4 500 kr, Dnr 00123-2026.').success,
    ).toBe(true);
  });

  it('refuses identifying data with one message naming the field, and no issue carries the value', () => {
    const result = schema.safeParse(`Deltagaren har pnr ${PNR}.`);
    expect(result.error?.issues.map((i) => i.message)).toEqual([
      expect.stringMatching(
        /^Fältet Anteckningar innehåller något som ser ut som ett personnummer \(tecken 20–30\)\./,
      ),
    ]);
    expect(JSON.stringify(result.error)).not.toContain(PNR.slice(-4));
  });

  it('checks the length first and stops there: a long value is not scanned at all', () => {
    const result = schema.safeParse(`${PNR} ${'a'.repeat(300)}`);
    expect(result.error?.issues.map((i) => i.message)).toEqual([
      'Fältet Anteckningar får vara högst 200 tecken.',
    ]);
    const huge = guardedText(4000, 'Anteckningar').safeParse(`${PNR} `.repeat(100_000));
    expect(huge.error?.issues).toHaveLength(1);
  });

  it('gives the same answer when the same text is validated again (the guard remembers clean texts)', () => {
    const clean = `Trepartssamtal ${'med AF och FK, '.repeat(10)}kl 0900-1130.`;
    expect(schema.safeParse(clean).success).toBe(true);
    expect(schema.safeParse(clean).success).toBe(true);
    const dirty = `${clean} ${PNR}`;
    expect(schema.safeParse(dirty).success).toBe(false);
    expect(schema.safeParse(dirty).success).toBe(false);
  });

  it('refuses every generated identifier in any context', () => {
    fc.assert(
      fc.property(inContext(fc.oneof(idNumber(anyIdFormat), anyPhone, anyEmail)), ({ text }) => {
        expect(schema.safeParse(text).success).toBe(false);
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });
});

describe('every guarded field names itself', () => {
  const fields: [string, z.ZodType, string][] = [
    ['ärende: anteckningar', ArendeFieldsShape.anteckningar, 'Anteckningar'],
    ['möte: anteckningar', MoteFieldsShape.anteckningar, 'Anteckningar'],
    ['mötesdeltagare: roll', MotesdeltagareRoll, 'Roll'],
    ['åtgärd: vad', AtgardFieldsShape.vad, 'Vad ska göras'],
    ['åtgärd: ansvarig roll', AtgardFieldsShape.ansvarigRoll, 'Ansvarig (roll)'],
    ['SIP-insats: vad', Insats.shape.vad, 'Insats'],
    ['SIP-insats: ansvarig', Insats.shape.ansvarig, 'Ansvarig (roll eller funktion)'],
    ['SIP: medverkan', SipFieldsShape.medverkanSkal, 'Varför medverkade deltagaren inte'],
    ['SIP: samordnare', SipFieldsShape.samordnare, 'Samordnare eller koordinator'],
    ['SIP: behovsbild', SipFieldsShape.behovsbild, 'Gemensam behovsbild'],
    ['SIP: mål', SipFieldsShape.mal, 'Mål och progression'],
    ['SIP: anteckningar', SipFieldsShape.anteckningar, 'Anteckningar'],
    ['konsultationsmöte: anteckningar', KonsultationsmoteFieldsShape.anteckningar, 'Anteckningar från mötet'],
    [
      'konsultationsfall: sammanfattning',
      KonsultationsfallFieldsShape.sammanfattning,
      'Avidentifierad sammanfattning',
    ],
    ['konsultationsfall: fråga', KonsultationsfallFieldsShape.fraga, 'Frågan till teamet'],
    ['konsultationsfall: råd', KonsultationsfallFieldsShape.rad, 'Råd och lösning'],
    ['konsultationsfall: uppföljning', KonsultationsfallFieldsShape.uppfoljning, 'Uppföljning'],
  ];

  it.each(fields)('%s', (_, schema, label) => {
    const result = schema.safeParse(`Ring 070-123 45 67 om ${PNR}`);
    expect(result.error?.issues[0]?.message).toMatch(
      new RegExp(
        `^Fältet ${label.replace(/[()]/g, '\\$&')} innehåller något som ser ut som ett telefonnummer \\(tecken 6–18\\) och ett personnummer`,
      ),
    );
  });
});
