import { useState } from 'preact/hooks';
import { getArende } from '../../db/arende-repo';
import { loadCasework } from '../../db/casework-repo';
import type { Samtycke, SamtyckeLage } from '../../domain/samtycke';
import { daysToStart, huvudmanFor, type Sip, type SipMottagare, sipOffers } from '../../domain/sip';
import { SIP_LAGRUM } from '../../domain/sip-checklist';
import { useServices, useSession } from '../app-context';
import { SipChecklist } from '../components/casework/sip/SipChecklist';
import { ChoiceGroup } from '../components/fields/ChoiceGroup';
import { PageHeading } from '../components/PageHeading';
import { useLiveQuery } from '../hooks/useLiveQuery';
import { usePageTitle } from '../hooks/usePageTitle';
import { paths } from '../hooks/useRoute';
import { t } from '../i18n/casework';
import { formatDate, todayIso } from '../i18n/format-time';

/**
 * The SIP as a clean A4 document (see @media print / @page in styles.css): no app chrome, the
 * lagrum cited, every section in reading order, and whose copy it is. A copy for regionen, the
 * other huvudman, is offered only while the SIP samtycke is in force. "Skriv ut" opens the
 * browser's print dialog.
 */
export function SipPrintPage({ id, sipId }: { id: string; sipId: string }) {
  const { db } = useServices();
  const { moveFocus } = useSession();
  const [mottagare, setMottagare] = useState<SipMottagare>('deltagaren');
  const data = useLiveQuery(
    async () => ({ arende: await getArende(db, id), work: await loadCasework(db, id) }),
    [db, id],
  );
  const p = t.casework.print;
  const arende = data.value?.arende;
  const sip = data.value?.work.sips.find((x) => x.id === sipId);
  usePageTitle(arende ? `${p.title} – ${arende.code}` : t.casework.sip.notFound);
  if (data.status === 'loading') return <p class="page">{t.app.loading}</p>;
  if (!arende || !sip || !data.value)
    return (
      <div class="page">
        <PageHeading focus={moveFocus}>{t.casework.sip.notFound}</PageHeading>
        <a href={paths.overview(id)}>{t.casework.overview.toOverview}</a>
      </div>
    );
  const today = todayIso();
  const offers = sipOffers(sip, data.value.work.samtycken, today);
  // A choice made while the samtycke was in force falls back when it no longer is.
  const chosen = offers.printFor.includes(mottagare) ? mottagare : 'deltagaren';
  return (
    <article class="sip-print">
      <div class="no-print">
        <ChoiceGroup
          name="mottagare"
          legend={p.mottagare}
          hint={p.mottagareHint}
          options={offers.printFor.map((x) => ({ value: x, label: p.mottagareLabel[x] }))}
          value={chosen}
          onChange={(v) => setMottagare(v as SipMottagare)}
        />
        {!offers.shareWithOtherHuvudman && <p class="notice notice--error">{t.casework.sip.shareStopped}</p>}
        <div class="button-row">
          <button type="button" class="button button--primary" onClick={() => window.print()}>
            {p.print}
          </button>
          <a class="button button--secondary" href={paths.sip(arende.id, sip.id)}>
            {p.back}
          </a>
        </div>
      </div>
      <PageHeading focus={moveFocus}>{p.title}</PageHeading>
      <p class="sip-print__lagrum">{t.casework.sip.lagrum(SIP_LAGRUM)}</p>
      <dl class="print-facts">
        <Fact term={p.arende} value={arende.code} />
        <Fact term={p.status} value={t.casework.sip.status[sip.status]} />
        <Fact term={p.printed} value={today} />
        <Fact term={p.samtycke} value={samtyckeText(offers.samtycke as SamtyckeLage<Samtycke>)} />
        <Fact term={p.mottagare} value={p.mottagareLabel[chosen]} />
      </dl>
      <NeedSection sip={sip} />
      <InsatserSection sip={sip} />
      <section>
        <h2>{t.casework.sip.practiceHeading}</h2>
        <dl class="print-facts print-facts--stacked">
          <Fact term={t.casework.sip.samordnare} value={sip.samordnare || p.notSet} />
          <Fact term={t.casework.sip.behovsbild} value={sip.behovsbild || p.notSet} />
          <Fact term={t.casework.sip.mal} value={sip.mal || p.notSet} />
          <Fact term={t.casework.sip.uppfoljningsdatum} value={sip.uppfoljningsdatum ?? p.notSet} />
        </dl>
      </section>
      <section class="print-checklist">
        <h2>{t.casework.sip.checklistHeading}</h2>
        <SipChecklist sip={sip} samtycken={data.value.work.samtycken} today={today} />
      </section>
    </article>
  );
}

function samtyckeText(lage: SamtyckeLage<Samtycke>): string {
  const p = t.casework.print;
  if (lage.state === 'gallande')
    return p.samtyckeGiven(formatDate(lage.samtycke.date), t.casework.samtycke.formLabel[lage.samtycke.form]);
  if (lage.state === 'aterkallat')
    return p.samtyckeWithdrawn(formatDate(String(lage.samtycke.withdrawnDate)));
  if (lage.state === 'nekat') return p.samtyckeRefused(formatDate(lage.samtycke.date));
  return p.samtyckeNone;
}

function Fact({ term, value }: { term: string; value: string }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function NeedSection({ sip }: { sip: Sip }) {
  const s = t.casework.sip;
  const p = t.casework.print;
  return (
    <section>
      <h2>{s.behovHeading}</h2>
      <dl class="print-facts print-facts--stacked">
        <Fact term={s.behovFranBada} value={sip.behovFranBada ? p.yes : p.no} />
        <Fact term={s.bedomningAv} value={sip.bedomningAv ? s.bedomning[sip.bedomningAv] : p.notSet} />
        <Fact term={s.behovIdentifieratDatum} value={sip.behovIdentifieratDatum ?? p.notSet} />
        <Fact term={s.arbeteStartatDatum} value={sip.arbeteStartatDatum ?? p.notSet} />
        <Fact term={s.daysToStart} value={s.days(daysToStart(sip))} />
        <Fact
          term={s.deltagareMedverkan}
          value={sip.deltagareMedverkan ? s.medverkan[sip.deltagareMedverkan] : p.notSet}
        />
        <Fact term={s.narstaende} value={sip.narstaende ? s.narstaendeLabel[sip.narstaende] : p.notSet} />
      </dl>
    </section>
  );
}

function InsatserSection({ sip }: { sip: Sip }) {
  const s = t.casework.sip;
  const p = t.casework.print;
  return (
    <section>
      <h2>{s.insatserHeading}</h2>
      <table class="arende-table data-table">
        <caption>{p.insatserCaption}</caption>
        <thead>
          <tr>
            <th scope="col">{s.insatsVad}</th>
            <th scope="col">{s.insatsPart}</th>
            <th scope="col">{p.colHuvudman}</th>
            <th scope="col">{s.insatsAnsvarig}</th>
          </tr>
        </thead>
        <tbody>
          {sip.insatser.map((i, n) => {
            const h = huvudmanFor(i.part);
            return (
              <tr key={n}>
                <th scope="row">{i.vad}</th>
                <td>{t.casework.part[i.part]}</td>
                <td>{h ? s.huvudmanLabel[h] : p.other}</td>
                <td>{i.ansvarig || p.notSet}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <dl class="print-facts print-facts--stacked">
        <Fact
          term={s.overgripandeAnsvar}
          value={sip.overgripandeAnsvar ? s.huvudmanLabel[sip.overgripandeAnsvar] : p.notSet}
        />
      </dl>
    </section>
  );
}
