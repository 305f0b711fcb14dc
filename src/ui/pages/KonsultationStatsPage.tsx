import { useState } from 'preact/hooks';
import { loadKonsultationer } from '../../db/konsultation-repo';
import {
  konsultationStats,
  meetingsTable,
  outcomesTable,
  partiesTable,
  totalsTable,
} from '../../domain/konsultation-stats';
import { useServices, useSession } from '../app-context';
import { TextField } from '../components/fields/TextField';
import { KoordinatorOnly } from '../components/konsultation/KoordinatorOnly';
import { StatTableView } from '../components/konsultation/StatTableView';
import { PageHeading } from '../components/PageHeading';
import { useLiveQuery } from '../hooks/useLiveQuery';
import { usePageTitle } from '../hooks/usePageTitle';
import { paths } from '../hooks/useRoute';
import { formatDate, todayIso } from '../i18n/format-time';
import { t } from '../i18n/konsultation';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Per-meeting statistics and totals over a period, from the konsultationsteam records on the
 * device (so offline too). Each table downloads as CSV for Swedish Excel; the page prints clean.
 */
export function KonsultationStatsPage() {
  const s = t.konsultation.stats;
  usePageTitle(s.title);
  return (
    <KoordinatorOnly title={s.title}>
      <Statistics />
    </KoordinatorOnly>
  );
}

function Statistics() {
  const { db } = useServices();
  const { moveFocus, user } = useSession();
  const s = t.konsultation.stats;
  const moten = useLiveQuery(() => loadKonsultationer(db), [db]);
  const [from, setFrom] = useState(() => `${todayIso().slice(0, 4)}-01-01`);
  const [to, setTo] = useState('');
  const period = { from: ISO_DATE.test(from) ? from : null, to: ISO_DATE.test(to) ? to : null };
  const stats = konsultationStats(
    moten.value ?? [],
    (moten.value ?? []).flatMap((m) => m.fall),
    period,
  );
  const file = (name: string) =>
    `konsultationsteam-${name}-${period.from ?? 'start'}-${period.to ?? 'idag'}.csv`;

  return (
    <div class="page">
      <PageHeading focus={moveFocus}>{s.title}</PageHeading>
      <p>{s.intro}</p>
      <div class="button-row">
        <button type="button" class="button button--primary" onClick={() => window.print()}>
          {s.print}
        </button>
        <a href={paths.konsultation} class="button button--secondary">
          {t.konsultation.mote.back}
        </a>
      </div>
      <div class="form-section no-print">
        <TextField
          name="stats-from"
          type="date"
          label={s.from}
          hint={s.periodHint}
          value={from}
          onInput={setFrom}
        />
        <TextField name="stats-to" type="date" label={s.to} value={to} onInput={setTo} />
      </div>
      <p>
        <strong>{s.periodLabel(period.from ?? '', period.to ?? '')}</strong>
        <br />
        {s.forbundLabel(user.forbund.namn, formatDate(todayIso()))}
      </p>
      {moten.status === 'ready' && (
        <>
          <StatTableView
            caption={s.totalsCaption}
            table={totalsTable(stats)}
            fileName={file(s.files.totals)}
          />
          {stats.meetings.length === 0 ? (
            <p>{s.noMeetings}</p>
          ) : (
            <>
              <StatTableView
                caption={s.meetingsCaption}
                table={meetingsTable(stats)}
                fileName={file(s.files.meetings)}
              />
              <StatTableView
                caption={s.partiesCaption}
                table={partiesTable(stats)}
                fileName={file(s.files.parties)}
              />
              <StatTableView
                caption={s.outcomesCaption}
                table={outcomesTable(stats)}
                fileName={file(s.files.outcomes)}
              />
            </>
          )}
        </>
      )}
    </div>
  );
}
