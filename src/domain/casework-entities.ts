/**
 * The case-work record kinds of the sync registry (entities.ts). Each belongs to one ärende: it lives
 * in that ärende's enhet on the server (`parent`), and its arendeId is fixed at creation. Åtgärd status
 * only moves forward, so two devices' status changes converge instead of conflicting.
 */

import {
  Atgard,
  AtgardFieldsShape,
  type AtgardStatus,
  atgardCrossFieldIssues,
  mergeAtgardStatus,
} from './atgard';
import type { EntityDef } from './entities';
import { CASEWORK_ENTITY_NAMES, type CaseworkEntityName } from './entity-names';
import { Id } from './id';
import { Mote, MoteFieldsShape, moteCrossFieldIssues } from './mote';
import { Overlamning, OverlamningFieldsShape, overlamningCrossFieldIssues } from './overlamning';
import { Samtycke, SamtyckeFieldsShape, samtyckeCrossFieldIssues } from './samtycke';
import { Sip, SipFieldsShape, sipCrossFieldIssues } from './sip';
import { Stegmatning, StegmatningFieldsShape, stegmatningCrossFieldIssues } from './stegforflyttning';
import { z } from './zod';

// The names live in entity-names.ts (loaded without the schemas); re-exported here with the entries.
export { CASEWORK_ENTITY_NAMES, type CaseworkEntityName };

type Issues = EntityDef['crossFieldIssues'];
const withArende = <S extends z.ZodRawShape>(shape: S) => z.object({ ...shape, arendeId: Id });

export const CASEWORK_ENTITIES: Record<CaseworkEntityName, EntityDef> = {
  samtycke: {
    fields: withArende(SamtyckeFieldsShape),
    record: Samtycke,
    crossFieldIssues: samtyckeCrossFieldIssues as Issues,
    // What was asked, the answer and who received it are the record; a new answer is a new samtycke.
    createOnly: ['arendeId', 'kind', 'decision', 'recordedBy'],
    parent: 'arende',
  },
  mote: {
    fields: withArende(MoteFieldsShape),
    record: Mote,
    crossFieldIssues: moteCrossFieldIssues as Issues,
    createOnly: ['arendeId'],
    parent: 'arende',
  },
  atgard: {
    fields: withArende(AtgardFieldsShape),
    record: Atgard,
    crossFieldIssues: atgardCrossFieldIssues as Issues,
    createOnly: ['arendeId', 'moteId'],
    parent: 'arende',
    mergeField: {
      status: (server, local) => mergeAtgardStatus(server as AtgardStatus, local as AtgardStatus),
    },
  },
  sip: {
    fields: withArende(SipFieldsShape),
    record: Sip,
    crossFieldIssues: sipCrossFieldIssues as Issues,
    createOnly: ['arendeId'],
    parent: 'arende',
  },
  stegmatning: {
    fields: withArende(StegmatningFieldsShape),
    record: Stegmatning,
    crossFieldIssues: stegmatningCrossFieldIssues as Issues,
    // An answer: never edited once saved.
    createOnly: ['arendeId', ...(Object.keys(StegmatningFieldsShape) as string[])],
    parent: 'arende',
  },
  overlamning: {
    fields: withArende(OverlamningFieldsShape),
    record: Overlamning,
    crossFieldIssues: overlamningCrossFieldIssues as Issues,
    createOnly: ['arendeId', ...(Object.keys(OverlamningFieldsShape) as string[])],
    parent: 'arende',
  },
};
