import { useEffect, useRef, useState } from 'preact/hooks';
import { getAggregates } from '../../db/aggregates-repo';
import { AGGREGATE_AREAS, type AggregateArea } from '../../domain/aggregation/report';
import { useServices, useSession } from '../app-context';
import { SelectField } from '../components/fields/SelectField';
import { KarnindikatorView } from '../components/koordinator/KarnindikatorView';
import { KartlaggningView } from '../components/koordinator/KartlaggningView';
import { MotenView } from '../components/koordinator/MotenView';
import { ProgressionView } from '../components/koordinator/ProgressionView';
import { SipView } from '../components/koordinator/SipView';
import { PageHeading } from '../components/PageHeading';
import { useLiveQuery } from '../hooks/useLiveQuery';
import { useNow } from '../hooks/useNow';
import { usePageTitle } from '../hooks/usePageTitle';
import { paths } from '../hooks/useRoute';
import { t } from '../i18n/koordinator';
import { localizeMessage } from '../i18n/messages';

const k = t.koordinator;

/**
 * The coordinator's results: one area at a time (kärnindikatorer, kartläggning, stegförflyttning,
 * SIP, möten), read from the releases last fetched from the server, so it works offline and says
 * how old they are. Fetching again (online) may choose among the published halvår and months; no
 * other period exists (a release is made once, for a closed period).
 */
export function KoordinatorPage({ area }: { area: AggregateArea }) {
  const { db, faltsam } = useServices();
  const { moveFocus } = useSession();
  const stored = useLiveQuery(() => getAggregates(db), [db]);
  const now = useNow();
  const [period, setPeriod] = useState<string | null>(null);
  const [month, setMonth] = useState<string | null>(null);
  const [enhetId, setEnhetId] = useState('');
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const autoFetched = useRef(false);
  usePageTitle(`${k.areas[area]} – ${k.title}`);

  const kept = stored.status === 'ready' ? stored.value : null;
  const chosenPeriod = period ?? kept?.period;
  const chosenMonth = month ?? kept?.month;

  const fetchNow = async (p?: string, m?: string) => {
    setBusy(true);
    setStatus({ text: k.fetching, error: false });
    try {
      const outcome = await faltsam.fetchAggregates(p, m);
      setStatus(
        outcome.ok
          ? { text: k.fetched, error: false }
          : { text: localizeMessage(outcome.message), error: true },
      );
    } finally {
      setBusy(false);
    }
  };

  // The first time the page opens with nothing kept, fetch at once.
  useEffect(() => {
    if (stored.status !== 'ready' || stored.value || autoFetched.current) return;
    autoFetched.current = true;
    void fetchNow();
  }, [stored.status, stored.value]);

  const enheter = kept?.data.karnindikatorer.enheter ?? [];

  return (
    <div class="page results">
      <PageHeading focus={moveFocus}>{k.title}</PageHeading>
      <p>{k.intro}</p>
      <div class="results__status">
        {stored.status === 'ready' && !kept && <p class="notice">{k.nothingYet}</p>}
        {kept && (
          <p class="results__age">
            {k.fetchedAt(kept.fetchedAt, now)} {k.fetchedFor(kept.period, kept.data.kartlaggning.date)}
          </p>
        )}
        <p role="status" class={status?.error ? 'form__error' : 'muted'}>
          {status?.text ?? ''}
        </p>
      </div>
      <form
        class="filters results__filters"
        aria-label={k.filtersHeading}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void fetchNow(chosenPeriod, chosenMonth);
        }}
      >
        {kept && (
          <>
            <SelectField
              name="resultat-period"
              label={k.period}
              value={chosenPeriod ?? ''}
              options={kept.periods.halvar.map((p) => ({ value: p, label: p }))}
              onChange={setPeriod}
            />
            <SelectField
              name="resultat-manad"
              label={k.date}
              value={chosenMonth ?? ''}
              options={kept.periods.manader.map((m) => ({ value: m, label: m }))}
              onChange={setMonth}
            />
          </>
        )}
        <div class="field">
          <button type="submit" class="button button--primary" disabled={busy}>
            {k.fetch}
          </button>
        </div>
      </form>
      <nav aria-label={k.areasLabel} class="results__areas">
        <ul>
          {AGGREGATE_AREAS.map((a) => (
            <li key={a}>
              <a href={paths.results(a)} aria-current={a === area ? 'page' : undefined}>
                {k.areas[a]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {kept && (
        <div class="results__body">
          <div class="results__toolbar">
            <h2 class="results__area-title">{k.areas[area]}</h2>
            {(area === 'karnindikatorer' || area === 'kartlaggning') && (
              <div class="results__enhet">
                <SelectField
                  name="resultat-enhet"
                  label={k.enhet}
                  value={enhetId}
                  options={[
                    { value: '', label: k.allEnheter },
                    ...enheter.map((e) => ({ value: e.id, label: e.namn })),
                  ]}
                  onChange={setEnhetId}
                />
              </div>
            )}
            <button type="button" class="button" onClick={() => window.print()}>
              {k.print}
            </button>
          </div>
          <p class="muted results__legend">{k.legend}</p>
          {area === 'karnindikatorer' && (
            <KarnindikatorView report={kept.data.karnindikatorer} enhetId={enhetId || null} />
          )}
          {area === 'kartlaggning' && (
            <KartlaggningView report={kept.data.kartlaggning} enhetId={enhetId || null} />
          )}
          {area === 'progression' && <ProgressionView report={kept.data.progression} />}
          {area === 'sip' && <SipView report={kept.data.sip} />}
          {area === 'moten' && <MotenView report={kept.data.moten} />}
        </div>
      )}
    </div>
  );
}
