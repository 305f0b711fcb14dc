/**
 * Synthetic phone numbers and e-mail addresses for the guard's tests and corpus. Phone numbers
 * use real Swedish prefixes (mobile 07x, Stockholm 08, three- and four-digit area codes) with
 * generated subscriber digits, written in the groupings and separators people use; addresses are
 * built from made-up words, with å/ä/ö and subdomains.
 *
 * A phone template spells the number: "0" and other literal characters as written, "A" for the
 * digits of the area code or mobile prefix after the trunk 0, "X" for subscriber digits.
 */
import fc from 'fast-check';
import type { Generated } from './synthetic-identifiers';

interface AreaKind {
  name: string;
  areas: readonly string[];
  /** Templates by the number of subscriber digits they hold. */
  templates: readonly string[];
}

const MOBILE: AreaKind = {
  name: 'mobil',
  areas: ['70', '72', '73', '76', '79'],
  templates: [
    '0AA-XXX XX XX',
    '0AAXXXXXXX',
    '0AA XXX XX XX',
    '0AA-XXXXXXX',
    '0AA-XXX XXXX',
    '0AA/XXX XX XX',
    '0AA.XXX XX XX',
    '0AA.XXX.XX.XX',
    '0AAX-XX XX XX',
    '0AA - XXX XX XX',
    '0AA – XXX XX XX',
    '0AA XX XX XXX',
    '0AA-XX XX XXX',
    '(0AA) XXX XX XX',
    '+46 AA XXX XX XX',
    '+46AAXXXXXXX',
    '+46 (0)AA-XXX XX XX',
    '+46(0)AAXXXXXXX',
    '+46-AA-XXX XX XX',
    '+46 AA-XXX XX XX',
    '0046 AA XXX XX XX',
    '0046 (0)AA-XXX XX XX',
    '0046AAXXXXXXX',
  ],
};

const STOCKHOLM: AreaKind = {
  name: 'Stockholm',
  areas: ['8'],
  templates: [
    '0A-XXX XX XX',
    '0A XXX XX XX',
    '0A-XXXXXXX',
    '(0A) XXX XX XX',
    '(0A)-XXX XX XX',
    '0A/XXX XX XX',
    '0A - XXX XX XX',
    '0A.XXX XX XX',
    '0A-XXX XXX XX',
    '0A XXX XXX XX',
    '0A-XXXX XXXX',
    '(0A) XXX XXX XX',
    '0AXXXXXXXX',
    '+46 A XXX XX XX',
    '+46 (0)A-XXX XX XX',
    '+46 A XXX XXX XX',
    '0046 A XXX XX XX',
  ],
};

const THREE_DIGIT: AreaKind = {
  name: 'riktnummer 0NN',
  areas: [
    '11',
    '13',
    '16',
    '18',
    '19',
    '21',
    '23',
    '26',
    '31',
    '33',
    '35',
    '36',
    '40',
    '42',
    '44',
    '46',
    '54',
    '60',
    '63',
    '90',
  ],
  templates: [
    '0AA-XXX XX XX',
    '0AA XXX XX XX',
    '(0AA) XXX XX XX',
    '0AA/XXX XX XX',
    '0AA-XXXXXXX',
    '0AA-XX XX XX',
    '0AA XX XX XX',
    '(0AA) XX XX XX',
    '0AA-XXXXXX',
    '0AA-XXX XXX',
    '0AA.XX.XX.XX',
    '0AA - XX XX XX',
    '+46 AA XXX XX XX',
    '+46 (0)AA-XX XX XX',
  ],
};

const FOUR_DIGIT: AreaKind = {
  name: 'riktnummer 0NNN',
  areas: [
    '120',
    '171',
    '220',
    '321',
    '410',
    '470',
    '498',
    '520',
    '550',
    '640',
    '650',
    '910',
    '918',
    '920',
    '921',
    '940',
    '950',
    '953',
    '980',
  ],
  templates: [
    '0AAA-XX XX XX',
    '0AAA XX XX XX',
    '(0AAA) XX XX XX',
    '0AAA-XXXXXX',
    '0AAA/XX XX XX',
    '0AAA.XX XX XX',
    '0AAA-XXX XX',
    '0AAA XXX XX',
    '0AAA-XXXXX',
    '(0AAA) XXX XX',
    '0AAA/XXX XX',
    '0AAA - XXX XX',
    '+46 AAA XX XX XX',
    '+46 (0)AAA-XXX XX',
  ],
};

export const PHONE_KINDS: readonly AreaKind[] = [MOBILE, STOCKHOLM, THREE_DIGIT, FOUR_DIGIT];

/** The template with its area and subscriber digits filled in. */
export function fillPhone(template: string, area: string, digits: readonly number[]): string {
  let a = 0;
  let x = 0;
  let out = '';
  for (const ch of template) {
    if (ch === 'A') out += area[a++] ?? '';
    else if (ch === 'X') out += String(digits[x++] ?? 0);
    else out += ch;
  }
  return out;
}

/** The name a template's figures are reported under: "mobil 0AA-XXX XX XX". */
export const phoneFormatName = (kind: AreaKind, template: string) => `${kind.name}: ${template}`;

export const phoneIn = (kind: AreaKind, template: string): fc.Arbitrary<Generated> =>
  fc
    .tuple(
      fc.constantFrom(...kind.areas),
      fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 8, maxLength: 8 }),
    )
    .map(([area, digits]) => ({
      format: phoneFormatName(kind, template),
      kind: 'telefon' as const,
      value: fillPhone(template, area, digits),
    }));

/** Any Swedish phone number in any of the templates. */
export const anyPhone: fc.Arbitrary<Generated> = fc.oneof(
  ...PHONE_KINDS.map((k) => fc.constantFrom(...k.templates).chain((t) => phoneIn(k, t))),
);

const LOCAL_WORDS = ['anna', 'per', 'åsa', 'örjan', 'märta', 'k9', 'lind', 'test', 'bjö', 'x', 'ärla', 'hem'];
const DOMAIN_WORDS = ['kommun', 'mail', 'ex-empel', 'region', 'af', 'västra', 'skellefteå', 'norsjö', 'fk'];

/** E-mail formats: plain, with å/ä/ö, subdomains, a +tag, capitals, digits. */
export const EMAIL_FORMATS = [
  'enkel',
  'å/ä/ö',
  'underdomäner',
  '+tagg',
  'versaler',
  'siffror och _',
] as const;

export const emailIn = (format: (typeof EMAIL_FORMATS)[number]): fc.Arbitrary<Generated> =>
  fc
    .tuple(
      fc.array(fc.constantFrom(...LOCAL_WORDS), { minLength: 1, maxLength: 3 }),
      fc.constantFrom('.', '_', '-'),
      fc.array(fc.constantFrom(...DOMAIN_WORDS), {
        minLength: format === 'underdomäner' ? 3 : 1,
        maxLength: 4,
      }),
      fc.constantFrom('se', 'com', 'nu', 'org', 'eu'),
      fc.integer({ min: 1, max: 999 }),
    )
    .map(([local, sep, labels, tld, n]) => {
      let user = local.join(sep);
      let domain = labels;
      if (format === 'enkel')
        [user, domain] = [user.replace(/[åäö]/g, 'a'), labels.map((l) => l.replace(/[åäö]/g, 'o'))];
      if (format === 'å/ä/ö') user = `${user}.åäö`;
      if (format === '+tagg') user = `${user}+post`;
      if (format === 'siffror och _') user = `${user}_${n}`;
      const address = `${user}@${domain.join('.')}.${tld}`;
      return {
        format: `e-post: ${format}`,
        kind: 'epost' as const,
        value: format === 'versaler' ? address.toUpperCase() : address,
      };
    });

export const anyEmail: fc.Arbitrary<Generated> = fc.oneof(...EMAIL_FORMATS.map(emailIn));
