import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  choosableBehovsgrupper,
  DEFAULT_FORBUND_SETTINGS,
  ForbundSettings,
} from '../../../src/domain/account';
import {
  BehovsgruppNamn,
  behovsgruppCode,
  ForbundSettingsPatch,
  NewBehovsgrupp,
} from '../../../src/domain/forbund-admin';

describe('behovsgruppCode', () => {
  it('makes a-z, digits and underscores of the name, Swedish letters without their dots', () => {
    expect(behovsgruppCode('Arbete utan krav på svenska', [])).toBe('arbete_utan_krav_pa_svenska');
    expect(behovsgruppCode('Förrehabiliterande insatser', [])).toBe('forrehabiliterande_insatser');
    expect(behovsgruppCode('!!!', [])).toBe('grupp');
  });

  it('never takes a code the förbund has used, retired groups included', () => {
    expect(behovsgruppCode('Skyddat arbete', ['skyddat_arbete'])).toBe('skyddat_arbete_2');
    expect(behovsgruppCode('Skyddat arbete', ['skyddat_arbete', 'skyddat_arbete_2'])).toBe(
      'skyddat_arbete_3',
    );
  });

  it('is new, short and safe whatever the name and the codes taken (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 200, unit: 'grapheme' }),
        fc.array(fc.string({ maxLength: 60 })),
        (name, taken) => {
          const code = behovsgruppCode(name, taken);
          expect(taken).not.toContain(code);
          expect(code).toMatch(/^[a-z0-9_]{1,60}$/);
        },
      ),
      { seed: 25, numRuns: 300 },
    );
  });
});

describe('a behovsgrupp name', () => {
  it('is trimmed and refused when empty, too long, or holding what cannot be shown', () => {
    expect(NewBehovsgrupp.parse({ label: '  Ny grupp ' })).toEqual({ label: 'Ny grupp' });
    for (const bad of ['', '   ', 'x'.repeat(121), 'a\u0000b', 'a\ud800b', 'tab\there'])
      expect(BehovsgruppNamn.safeParse(bad).success).toBe(false);
    expect(NewBehovsgrupp.safeParse({ label: 'ok', code: 'hacked' }).success).toBe(false);
  });
});

describe('choosableBehovsgrupper', () => {
  const list = [
    { code: 'a', label: 'A' },
    { code: 'b', label: 'B', retiredAt: '2026-01-01' },
    { code: 'c', label: 'C', retiredAt: null },
  ];
  it('offers the groups in use, and a retired one only to the ärende already in it', () => {
    expect(choosableBehovsgrupper(list).map((b) => b.code)).toEqual(['a', 'c']);
    expect(choosableBehovsgrupper(list, 'b').map((b) => b.code)).toEqual(['a', 'b', 'c']);
  });
});

describe('the förbund settings', () => {
  it('default to stegförflyttning every 2 months and no gallring', () => {
    expect(ForbundSettings.parse(DEFAULT_FORBUND_SETTINGS)).toEqual({
      stegIntervallManader: 2,
      gallringAr: null,
    });
  });

  it('take an interval of 1–12 whole months and 1–30 whole years or none', () => {
    expect(ForbundSettingsPatch.safeParse({ stegIntervallManader: 3, gallringAr: null }).success).toBe(true);
    for (const bad of [
      {},
      { stegIntervallManader: 0 },
      { stegIntervallManader: 13 },
      { stegIntervallManader: 1.5 },
      { gallringAr: 0 },
      { gallringAr: 31 },
      { gallringAr: '5' },
      { stegIntervallManader: 2, extra: true },
    ])
      expect(ForbundSettingsPatch.safeParse(bad).success).toBe(false);
  });
});
