import { useEffect, useRef, useState } from 'preact/hooks';
import { getAggregates } from '../../db/aggregates-repo';
import { halvar } from '../../domain/aggregation/periods';
import { AGGREGATE_AREAS, type AggregateArea } from '../../domain/aggregation/report';
import { useServices, useSession } from '../app-context';
import { SelectField } from '../components/fields/SelectField';
import { TextField } from '../components/fields/TextField';
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
import { todayIso } from '../i18n/format-time';
import { t } from '../i18n/sv-koordinator';

const k = t.koordinator;

/** The current halvår and the three before it, newest first. */
function recentPeriods(today: string): string[] {
  const out = [halvar(today)];
  for (let i = 0; i < 3; i++) {
    const last = out[out.length - 1] as string;
    const year = Number(last.slice(0, 4));
    out.push(last.endsWith('H2') ? `${year}H1` : `${year - 1}H2`);
  }
  return out;
}

/**
 * The coordinator's results: one area at a time (kärnindikatorer, kartläggning, stegförflyttning,
 * SIP, möten), read from the aggregates last fetched from the server, so it works offline and says
 * how old they are. Fetching again (online) may choose the halvår and the kartläggning date.
 */
export function KoordinatorPage({ area }: { area: AggregateArea }) {
  const { db, faltsam } = useServices();
  const { moveFocus } = useSession();
  const stored = useLiveQuery(() => getAggregates(db), [db]);
  const now = useNow();
  const today = todayIso(now);
  const [period, setPeriod] = useState<string | null>(null);
  const [date, setDate] = useState<string | null>(null);
  const [enhetId, setEnhetId] = useState('');
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const autoFetched = useRef(false);
  usePageTitle(`${k.areas[area]} – ${k.title}`);

  const kept = stored.status === 'ready' ? stored.value : null;
  const chosenPeriod = period ?? kept?.period ?? halvar(today);
  const chosenDate = date ?? kept?.date ?? today;

  const fetchNow = async (p: string, d: string) => {
    setBusy(true);
    setStatus({ text: k.fetching, error: false });
    try {
      const outcome = await faltsam.fetchAggregates(p, d);
      setStatus(outcome.ok ? { text: k.fetched, error: false } : { text: outcome.message, error: true });
    } finally {
      setBusy(false);
    }
  };

  // The first time the page opens with nothing kept, fetch at once.
  useEffect(() => {
    if (stored.status !== 'ready' || stored.value || autoFetched.current) return;
    autoFetched.current = true;
    void fetchNow(chosenPeriod, chosenDate);
  }, [stored.status, stored.value]);

  const periods = recentPeriods(today);
  if (!periods.includes(chosenPeriod)) periods.push(chosenPeriod);
  const enheter = kept?.data.karnindikatorer.enheter ?? [];

  return (
    <div class="page results">
      <PageHeading focus={moveFocus}>{k.title}</PageHeading>
      <p>{k.intro}</p>
      <div class="results__status">
        {stored.status === 'ready' && !kept && <p class="notice">{k.nothingYet}</p>}
        {kept && (
          <p class="results__age">
            {k.fetchedAt(kept.fetchedAt, now)} {k.fetchedFor(kept.period, kept.date)}
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
          void fetchNow(chosenPeriod, chosenDate);
        }}
      >
        <SelectField
          name="resultat-period"
          label={k.period}
          value={chosenPeriod}
          options={periods.map((p) => ({ value: p, label: p }))}
          onChange={setPeriod}
        />
        <TextField name="resultat-datum" label={k.date} type="date" value={chosenDate} onInput={setDate} />
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
          <p class="muted">{k.suppressedNote}</p>
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
