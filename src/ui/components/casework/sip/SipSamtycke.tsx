import type { SessionUser } from '../../../../domain/account';
import type { Samtycke } from '../../../../domain/samtycke';
import type { SipOffers } from '../../../../domain/sip';
import { t } from '../../../i18n/casework';
import { type Colleagues, personName } from '../names';

interface SipSamtyckeProps {
  offers: SipOffers;
  samtycken: readonly Samtycke[];
  user: SessionUser;
  colleagues: Colleagues;
}

/**
 * What the SIP's samtycke is today, said plainly (refused: it cannot be upprättad; withdrawn: since
 * when and recorded by whom, and that the plan is no longer shared), whether the plan may go to the
 * other huvudman, and every SIP samtycke of the ärende in date order: the history stays.
 */
export function SipSamtycke({ offers, samtycken, user, colleagues }: SipSamtyckeProps) {
  const s = t.casework.sip;
  const name = (id: string | null) => (id ? personName(id, user, colleagues) : t.person.colleague);
  const lage = offers.samtycke;
  // The lage's samtycke is one of `samtycken` (sipOffers was given them).
  let text: string = s.samtyckeSaknas;
  if (lage.state === 'gallande') {
    const x = lage.samtycke as Samtycke;
    text = s.samtyckeGallande(x.date, t.casework.samtycke.formLabel[x.form], name(x.recordedBy));
  } else if (lage.state === 'nekat') {
    const x = lage.samtycke as Samtycke;
    text = s.samtyckeNekat(x.date, name(x.recordedBy));
  } else if (lage.state === 'aterkallat') {
    const x = lage.samtycke as Samtycke;
    text = s.samtyckeAterkallat(String(x.withdrawnDate), name(x.withdrawnBy));
  }
  const history = samtycken
    .filter((x) => x.kind === 'sip')
    .flatMap((x) => [
      {
        at: `${x.date}|${x.createdAt}`,
        text:
          x.decision === 'nekat'
            ? s.historyRefused(x.date, name(x.recordedBy))
            : s.historyGiven(x.date, name(x.recordedBy)),
      },
      ...(x.withdrawnDate
        ? [{ at: `${x.withdrawnDate}|~`, text: s.historyWithdrawn(x.withdrawnDate, name(x.withdrawnBy)) }]
        : []),
    ])
    .sort((a, b) => a.at.localeCompare(b.at));
  const alert = lage.state === 'nekat' || lage.state === 'aterkallat';
  return (
    <section class="form-section sip-samtycke" aria-labelledby="sip-samtycke-heading">
      <h2 id="sip-samtycke-heading">{s.samtyckeHeading}</h2>
      <p class={alert ? 'notice notice--error' : 'notice'}>{text}</p>
      <p>{offers.shareWithOtherHuvudman ? s.shareAllowed : s.shareStopped}</p>
      {history.length > 0 && (
        <>
          <h3>{s.historyCaption}</h3>
          <ul>
            {history.map((h) => (
              <li key={h.at + h.text}>{h.text}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
