// Who answers and when, in the seed's own terms (Version B of seed 004). Invariant: the group
// and occasion codes here are the only ones the catalogue and the forms may use.
import { z } from '../zod';

/**
 * Respondent groups as named in the mätpunkt parentheses. "personal" (Ind 3, 6, 7: about one
 * deltagare, case-linked) and "insatspersonal" (Ind 8–10, 12, 13: about the organisation) are kept
 * apart as the seed words them, although Tabell 2 merges both into its row "Personal"
 * (DOMAIN.md §1.7 item 2). The seed's "förbundschefer" (plural) is one förbundschef per förbund.
 */
export const RESPONDENT_GROUPS = [
  'deltagare',
  'personal',
  'insatspersonal',
  'forbundschef',
  'styrelse',
  'parternas_chefsgrupp',
] as const;
export const RespondentGroup = z.enum(RESPONDENT_GROUPS);
export type RespondentGroup = z.infer<typeof RespondentGroup>;

export const RESPONDENT_GROUP_LABELS: Record<RespondentGroup, string> = {
  deltagare: 'Deltagare',
  personal: 'Personal',
  insatspersonal: 'Insatspersonal',
  forbundschef: 'Förbundschef',
  styrelse: 'Styrelse',
  parternas_chefsgrupp: 'Parternas chefsgrupp',
};

/**
 * Mättillfällen. `intervall` is Ind 7's "Ofta (intervall förslagsvis 1-3 månader)" [004:4546];
 * `ar` is the register run of Ind 11 and the "På sikt en gång om året" of Ind 12–15.
 */
export const OCCASIONS = ['under', 'vid_avslut', 'intervall', 'halvar', 'ar'] as const;
export const Occasion = z.enum(OCCASIONS);
export type Occasion = z.infer<typeof Occasion>;

/** Column headings of Tabell 2 in Version B [004:4859–4872]. */
export const OCCASION_LABELS: Record<Occasion, string> = {
  under: 'Under rehabiliteringsprocessen',
  vid_avslut: 'Vid avslut',
  intervall: 'Per 1-3 mån under rehabiliteringsprocessen',
  halvar: 'Per halvår',
  ar: 'Per år',
};

/** "Datainsamlingsmetod: Enkät" everywhere except Ind 11, "Registerdata" [004:4676]. */
export const METHODS = ['enkat', 'registerdata'] as const;
export type Method = (typeof METHODS)[number];
