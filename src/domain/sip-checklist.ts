/**
 * The SIP checklist of DOMAIN.md §2.4 as data, and how far a plan meets it. Apart from sip.ts (the
 * record, its rules and the gate) so that the sync registry (entities.ts), which the first screen
 * loads, does not carry the checklist's texts; only the SIP screens import this.
 */

import type { SamtyckeWindow } from './samtycke';
import { canMarkUpprattad, type SipFields } from './sip';

/**
 * Cited on the printed plan. The SIP provision's paragraph in the new socialtjänstlag could not be
 * verified (DOMAIN.md §2.4 item 24), so it is named as "motsvarande bestämmelse", never by number.
 */
export const SIP_LAGRUM =
  '16 kap. 4 § hälso- och sjukvårdslagen (2017:30) och motsvarande bestämmelse i socialtjänstlagen (2025:400)';

export const SIP_BASER = ['S-LAW', 'S-LAW (prop.)', 'S-PRAC'] as const;
/** mandatory: statutory, gates "upprättad"; conditional/information: items 11–12; recommended: practice. */
export const SIP_NIVAER = ['mandatory', 'conditional', 'information', 'recommended'] as const;

export interface SipChecklistItem {
  nr: number;
  text: string;
  basis: (typeof SIP_BASER)[number];
  level: (typeof SIP_NIVAER)[number];
  /** Where in the seeds the item comes from, as cited in DOMAIN.md §2.4. */
  source: string;
}

const law = (nr: number, text: string, source: string): SipChecklistItem => ({
  nr,
  text,
  basis: 'S-LAW',
  level: 'mandatory',
  source,
});
const prac = (nr: number, text: string, source: string): SipChecklistItem => ({
  nr,
  text,
  basis: 'S-PRAC',
  level: 'recommended',
  source,
});

/**
 * Items 1–22 of DOMAIN.md §2.4. Items 23–28 are general-law notes to verify, not steps for the
 * handläggare: 23–24 live on in SIP_LAGRUM, 25–28 are left out until verified.
 */
export const SIP_CHECKLIST: readonly SipChecklistItem[] = [
  law(
    1,
    'Deltagaren har behov av insatser från både socialtjänsten och hälso- och sjukvården.',
    '004:5121–5122',
  ),
  law(
    2,
    'Kommunen eller regionen har bedömt att planen behövs, och det framgår vem som bedömde det.',
    '004:5122–5123',
  ),
  law(
    3,
    'Deltagaren har samtyckt till att planen upprättas (datum och vem som tog emot samtycket).',
    '004:5123–5124',
  ),
  law(4, 'Arbetet med planen har påbörjats utan dröjsmål (datum för behovet och för start).', '004:5124'),
  law(
    5,
    'Planen upprättas tillsammans med deltagaren när det är möjligt; medverkan är dokumenterad.',
    '004:5125',
  ),
  law(
    6,
    'Närstående har getts möjlighet att delta, om det är lämpligt och deltagaren inte motsätter sig det.',
    '004:5125–5126',
  ),
  law(7, 'Av planen framgår vilka insatser som behövs.', '004:5128'),
  law(8, 'Av planen framgår vilka insatser respektive huvudman ska svara för.', '004:5129'),
  law(
    9,
    'Av planen framgår vilka åtgärder som vidtas av någon annan än kommunen eller regionen.',
    '004:5130',
  ),
  law(10, 'Av planen framgår vem av huvudmännen som har det övergripande ansvaret för planen.', '004:5131'),
  {
    nr: 11,
    text: 'Finns redan en plan räcker den, om den uppfyller punkterna 1–10.',
    basis: 'S-LAW (prop.)',
    level: 'conditional',
    source: '004:5153–5155',
  },
  {
    nr: 12,
    text: 'Planen gäller barn och vuxna och alla slags behov, inte bara psykiatriska. Ingen diagnos krävs.',
    basis: 'S-LAW (prop.)',
    level: 'information',
    source: '004:5148–5151, 004:6138–6140',
  },
  prac(
    13,
    'En namngiven samordnare eller koordinator håller ihop processen.',
    '004:7131–7133, 004:4418–4419',
  ),
  prac(
    14,
    'En gemensam, aktuell behovsbild är framtagen med nätverket och deltagaren.',
    '004:7099–7102, 7135–7136',
  ),
  prac(
    15,
    'Det framgår vem som gör vad, med tydliga åtaganden per part – också deltagarens egna.',
    '004:7105–7108, 7139',
  ),
  prac(16, 'Tidplanen är överenskommen tillsammans.', '004:4507–4508'),
  prac(17, 'Det finns en plan för uppföljning, med datum.', '004:7109–7110, 7140–7141'),
  prac(18, 'Det finns en plan för avvikelserapportering.', '004:7111–7112'),
  prac(
    19,
    'Det framgår vad som händer när insatsen upphör (planering eller tjänster som tar vid).',
    '004:4503–4506',
  ),
  prac(
    20,
    'Planen har ett mål och en progression mot egen försörjning (stegförflyttning).',
    '002:97–106, 004:4523–4534',
  ),
  prac(21, 'Samtycket (medgivandet) uppdateras när förutsättningarna ändras.', '004:7096–7097'),
  prac(
    22,
    'Barn i hushållet och barn som anhöriga är beaktade (barnkonsekvensanalys).',
    '003:337–341, 004:5351–5353',
  ),
];

const blank = (s: string) => s.trim() === '';

const RECOMMENDED_DONE: Record<number, (s: SipFields) => boolean> = {
  13: (s) => !blank(s.samordnare),
  14: (s) => !blank(s.behovsbild),
  15: (s) => s.insatser.length > 0 && s.insatser.every((i) => !blank(i.ansvarig)),
  17: (s) => s.uppfoljningsdatum !== null,
  20: (s) => !blank(s.mal),
};

/** Every mandatory and recommended item with whether the plan meets it: the "completeness" figures. */
export function sipChecklistStatus(
  sip: SipFields,
  samtycken: readonly SamtyckeWindow[],
  onDate: string,
): { item: SipChecklistItem; done: boolean }[] {
  const gate = canMarkUpprattad(sip, samtycken, onDate);
  const missing = new Set(gate.ok ? [] : gate.missing.map((g) => g.item));
  const ticked = new Set<number>(sip.bekraftade);
  return SIP_CHECKLIST.filter((i) => i.level === 'mandatory' || i.level === 'recommended').map((item) => ({
    item,
    done:
      item.level === 'mandatory'
        ? !missing.has(item.nr)
        : (RECOMMENDED_DONE[item.nr]?.(sip) ?? ticked.has(item.nr)),
  }));
}
