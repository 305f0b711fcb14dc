/**
 * Who may write case-work records (samtycke, möte, åtgärd, SIP, stegmätning, överlämning): only a
 * handläggare, and only on an ärende of one of their enheter — the record lives in that ärende's
 * enhet. Rules that need other records (the SIP gate reads the ärende's samtycken) live here.
 */
import type { CaseworkEntityName } from '../../domain/casework-entities';
import { audienceOf } from '../../domain/entities';
import { type SamtyckeWindow, samtyckeLage } from '../../domain/samtycke';
import {
  canMarkUpprattad,
  canTransitionSip,
  type SipFields,
  type SipStatus,
  samtyckeGap,
} from '../../domain/sip';
import type { AuthUser } from '../auth/sessions';
import { handlaggareOfEnhet, recordsOfArende } from '../store/casework';
import type { StoredRecord } from '../store/records';
import type { EntityPolicy, Write, WriteContext } from './policies';
import { invalidFields, MutationRejected } from './rejection';

const NO_ARENDE = 'Ärendet finns inte, eller så har du inte behörighet till det.';

/** Case work goes with the ärende: only the roles of its audience (handläggare) work in ärenden. */
export function mayDoCasework(user: AuthUser): boolean {
  return audienceOf('arende').includes(user.role);
}

/** The ärende a case-work record belongs to, locked; refuses when the user may not work on it. */
export async function loadParentArende(
  { user, batch }: WriteContext,
  arendeId: string,
): Promise<StoredRecord> {
  const parent = await batch.load('arende', arendeId);
  if (!mayDoCasework(user)) throw new MutationRejected('ej_behorig', 'Bara handläggare arbetar i ärenden.');
  if (
    !parent ||
    parent.forbundId !== user.forbundId ||
    parent.enhetId === null ||
    !user.enhetIds.includes(parent.enhetId)
  )
    throw new MutationRejected('ej_behorig', NO_ARENDE, { arendeId: NO_ARENDE });
  return parent;
}

/** Today's date in Sweden, where the deltagare gave their samtycke. */
const swedishToday = (now: Date) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(now);

/** A möte the record refers to must be one of the same ärende. */
async function checkMote({ user, batch }: WriteContext, { current, next }: Write): Promise<void> {
  if (current !== null || next.moteId === null || next.moteId === undefined) return;
  const mote = await batch.load('mote', String(next.moteId));
  if (!mote || mote.forbundId !== user.forbundId || mote.data.arendeId !== next.arendeId)
    throw invalidFields({ moteId: 'Mötet finns inte i det här ärendet.' });
}

const SIP_STATUS_LABEL: Record<SipStatus, string> = {
  utkast: 'utkast',
  upprattad: 'upprättad',
  uppfoljd: 'uppföljd',
  avslutad: 'avslutad',
};

async function checkSip({ tx, user, now, batch }: WriteContext, { current, next }: Write): Promise<void> {
  const from = (current?.data.status ?? 'utkast') as SipStatus;
  const to = next.status as SipStatus;
  if (from === to) return;
  if (!canTransitionSip(from, to))
    throw invalidFields({
      status: `En SIP kan inte gå från ${SIP_STATUS_LABEL[from]} till ${SIP_STATUS_LABEL[to]}.`,
    });
  // Upprättad and uppföljd need the SIP samtycke in force (refused or withdrawn: the plan stays as
  // it is and may still end); a samtycke saved earlier in this push counts.
  if (to !== 'upprattad' && to !== 'uppfoljd') return;
  await batch.flushRecords();
  const samtycken = (await recordsOfArende(
    tx,
    'samtycke',
    user.forbundId,
    String(next.arendeId),
  )) as SamtyckeWindow[];
  const today = swedishToday(now);
  const gate =
    to === 'upprattad'
      ? canMarkUpprattad(next as SipFields, samtycken, today)
      : gapOnly(samtyckeGap(samtyckeLage(samtycken, 'sip', today)));
  if (!gate.ok) {
    const missing = gate.missing.map((g) => g.message).join(' ');
    throw new MutationRejected(
      'sip_ofullstandig',
      `SIP:en kan inte markeras som ${SIP_STATUS_LABEL[to]}. ${missing}`,
      { status: missing },
    );
  }
}

const gapOnly = (gap: ReturnType<typeof samtyckeGap>) =>
  gap === null ? ({ ok: true } as const) : ({ ok: false, missing: [gap] } as const);

/**
 * A samtycke is recorded, and withdrawn, by the signed-in user: who asked and who registered the
 * withdrawal are facts the next handläggare relies on. A withdrawal is final; a refusal never had
 * anything to withdraw (the domain's cross-field rule).
 */
async function checkSamtycke({ user }: WriteContext, { current, next, changed }: Write): Promise<void> {
  if (current === null && next.recordedBy !== user.id)
    throw invalidFields({ recordedBy: 'Ett samtycke registreras med dig själv som den som tog emot det.' });
  if (current !== null && changed.includes('withdrawnDate') && current.data.withdrawnDate !== null)
    throw invalidFields({
      withdrawnDate:
        'Samtycket är redan återkallat. Registrera ett nytt samtycke om deltagaren samtycker igen.',
    });
  // A withdrawal queued by an app from before withdrawnBy existed comes without it: taken as is.
  const withdrawing = changed.includes('withdrawnDate') || changed.includes('withdrawnBy');
  if (withdrawing && next.withdrawnBy !== null && next.withdrawnBy !== user.id)
    throw invalidFields({
      withdrawnBy: 'En återkallelse registreras med dig själv som den som registrerade den.',
    });
}

const child = (noun: string, check: EntityPolicy['check'] = async () => {}): EntityPolicy => ({
  noun,
  enhetOf: (_record, parent) => parent?.enhetId ?? null,
  check,
});

export const CASEWORK_POLICIES: Record<CaseworkEntityName, EntityPolicy> = {
  samtycke: child('samtycket', checkSamtycke),
  mote: child('mötet'),
  atgard: child('åtgärden', checkMote),
  sip: child('SIP:en', checkSip),
  stegmatning: child('mätningen', checkMote),
  overlamning: child('överlämningen', async (ctx, { current, next, parent }) => {
    if (current !== null || !parent) return;
    const colleagues = await handlaggareOfEnhet(ctx.tx, ctx.user.forbundId, String(parent.enhetId));
    if (!colleagues.some((c) => c.id === next.tillHandlaggareId))
      throw invalidFields({
        tillHandlaggareId: 'Den handläggaren finns inte eller arbetar inte på ärendets enhet.',
      });
    // The ärende's own handlaggareId is pushed first; a concurrent hand-over to someone else wins there.
    if (parent.data.handlaggareId !== next.tillHandlaggareId)
      throw invalidFields({
        tillHandlaggareId:
          'Ärendet har inte lämnats över till den handläggaren – det kan samtidigt ha lämnats över till någon annan.',
      });
  }),
};
