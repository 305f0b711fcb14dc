// Half-year survey rounds (HALVÅR forms): a koordinator opens a round for a period, some enheter and
// some forms; anyone answering it stays anonymous (round, enhet and group only). Shared by the
// REST API (POST/GET /api/rounds) and the device's cache of open rounds.

import { Enhet } from '../account';
import { Id, id } from '../id';
import { z } from '../zod';
import { HALVAR_FORM_IDS } from './form-ids';

/** A half-year survey round, e.g. "2026H2". */
export const SurveyRound = z
  .string()
  .regex(/^\d{4}H[12]$/, { message: 'Ange omgången som ÅÅÅÅH1 eller ÅÅÅÅH2, t.ex. 2026H2.' });
export type SurveyRound = z.infer<typeof SurveyRound>;

export const HalvarFormId = z.enum(HALVAR_FORM_IDS, { error: 'Formuläret är inget halvårsformulär.' });

/** POST /api/rounds. */
export const NewHalvarRound = z.strictObject({
  period: SurveyRound,
  enhetIds: z
    .array(id('Enheten finns inte.'))
    .min(1, { message: 'Välj minst en enhet.' })
    .max(500, { message: 'För många enheter.' })
    .refine((ids) => new Set(ids).size === ids.length, { message: 'En enhet är vald två gånger.' }),
  formIds: z
    .array(HalvarFormId)
    .min(1, { message: 'Välj minst ett formulär.' })
    .refine((ids) => new Set(ids).size === ids.length, { message: 'Ett formulär är valt två gånger.' }),
});
export type NewHalvarRound = z.infer<typeof NewHalvarRound>;

/** An open round as the server sends it and the device keeps it. */
export const HalvarRound = z.object({
  id: Id,
  period: SurveyRound,
  enheter: z.array(Enhet),
  formIds: z.array(HalvarFormId),
  createdAt: z.iso.datetime(),
});
export type HalvarRound = z.infer<typeof HalvarRound>;

export const HalvarRoundCreated = z.object({ round: HalvarRound });
export const HalvarRoundsResponse = z.object({ rounds: z.array(HalvarRound) });
export type HalvarRoundsResponse = z.infer<typeof HalvarRoundsResponse>;
