/**
 * Case-work conflicts in Swedish: each field's label as its form shows it, and each value as the
 * user reads it (labels for codes, dates as stored, lists spelled out, people by name). Never a raw
 * code or JSON on screen.
 */
import type { SessionUser } from '../../../domain/account';
import type { CaseworkEntityName } from '../../../domain/casework-entities';
import type { Motesdeltagare } from '../../../domain/mote';
import type { Insats } from '../../../domain/sip';
import { t } from '../../i18n/casework';
import { type Colleagues, personName } from './names';
import { sipLabel } from './sip/sip-form';

const c = t.casework;
const m = c.mote;
const sa = c.samtycke;

/** Built when rendering, so the labels are in the language chosen at that moment. */
const fieldLabels = (): Partial<Record<CaseworkEntityName, Record<string, string>>> => ({
  mote: {
    type: m.type,
    date: m.date,
    participants: m.participants,
    deltagareDeltog: m.deltagareDeltog,
    anteckningar: m.anteckningar,
    nextMeetingDate: m.nextMeetingDate,
  },
  atgard: { vad: m.vad, part: m.part, ansvarigRoll: m.ansvarigRoll, senast: m.senast, status: m.status },
  samtycke: {
    kind: sa.kind,
    parties: sa.parties,
    date: sa.date,
    form: sa.form,
    decision: sa.decision,
    recordedBy: sa.colBy,
    withdrawnDate: sa.colStatus,
    withdrawnBy: sa.colBy,
  },
});

export function conflictFieldLabel(entity: CaseworkEntityName, field: string): string {
  if (entity === 'sip') return sipLabel(field);
  return fieldLabels()[entity]?.[field] ?? field;
}

export interface ValueContext {
  user: SessionUser;
  colleagues: Colleagues;
}

const labelOf = (labels: Record<string, string>, v: unknown) =>
  typeof v === 'string' ? (labels[v] ?? v) : String(v);

/** Per field, how its value reads; fields not listed are text, dates or yes/no as they are. */
const FORMATTERS: Record<string, (v: unknown, ctx: ValueContext) => string> = {
  'mote.type': (v) => labelOf(c.motestyp, v),
  'mote.participants': (v) =>
    (v as Motesdeltagare[])
      .map((p) => c.conflict.participant(p.roll, c.part[p.part], m.mode_[p.mode]))
      .join('; '),
  'atgard.part': (v) => labelOf(c.part, v),
  'atgard.status': (v) => labelOf(c.atgard.status, v),
  'samtycke.kind': (v) => labelOf(sa.kindLabel, v),
  'samtycke.parties': (v) => (v as string[]).map((p) => labelOf(c.part, p)).join(', '),
  'samtycke.form': (v) => labelOf(sa.formLabel, v),
  'samtycke.decision': (v) => labelOf(sa.decisionShort, v),
  'samtycke.recordedBy': (v, ctx) => personName(String(v), ctx.user, ctx.colleagues),
  'samtycke.withdrawnBy': (v, ctx) => personName(String(v), ctx.user, ctx.colleagues),
  'sip.status': (v) => labelOf(c.sip.status, v),
  'sip.bedomningAv': (v) => labelOf(c.sip.bedomning, v),
  'sip.deltagareMedverkan': (v) => labelOf(c.sip.medverkan, v),
  'sip.narstaende': (v) => labelOf(c.sip.narstaendeLabel, v),
  'sip.overgripandeAnsvar': (v) => labelOf(c.sip.huvudmanLabel, v),
  'sip.insatser': (v) =>
    (v as Insats[]).map((i) => c.conflict.insats(i.vad, c.part[i.part], i.ansvarig)).join('; '),
  'sip.bekraftade': (v) => (v as number[]).map((n) => c.conflict.point(n)).join(', '),
};

export function conflictValue(
  entity: CaseworkEntityName,
  field: string,
  value: unknown,
  ctx: ValueContext,
): string {
  if (value === null || value === undefined || value === '') return c.conflict.empty;
  if (Array.isArray(value) && value.length === 0) return c.conflict.empty;
  if (typeof value === 'boolean') return value ? c.conflict.yes : c.conflict.no;
  const format = FORMATTERS[`${entity}.${field}`];
  try {
    if (format) return format(value, ctx);
  } catch {
    // A value of an unexpected shape (a newer app's) is shown as text rather than not at all.
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
