import type { LikertFigures } from '../../../domain/aggregation/likert-release';
import type { EnhetRef, KarnindikatorReport, SlotReport } from '../../../domain/aggregation/report';
import { AggregateChart } from '../../charts/AggregateChart';
import { t } from '../../i18n/koordinator';
import { FigureTable, type TableRow } from './FigureTable';
import type { TypedCell } from './figures';
import { plot } from './figures';
import { groupLabel, likertCells, likertColumns } from './likert-rows';
import { Section } from './Section';

const k = t.koordinator;

/** Under and vid avslut of the same indicator: different slots for Ind 1–5, the same for 7 and 9. */
const PAIRS: { indicator: string; under: string; avslut: string; respondent: 'deltagare' | 'personal' }[] = [
  { indicator: '1', under: 'M01', avslut: 'M02', respondent: 'deltagare' },
  { indicator: '2', under: 'M03', avslut: 'M04', respondent: 'deltagare' },
  { indicator: '3', under: 'M05', avslut: 'M06', respondent: 'deltagare' },
  { indicator: '3', under: 'M07', avslut: 'M07', respondent: 'personal' },
  { indicator: '4', under: 'M08', avslut: 'M09', respondent: 'deltagare' },
  { indicator: '5', under: 'M10', avslut: 'M11', respondent: 'deltagare' },
  { indicator: '7', under: 'M14', avslut: 'M14', respondent: 'deltagare' },
  { indicator: '7', under: 'M15', avslut: 'M15', respondent: 'personal' },
  { indicator: '9', under: 'M18', avslut: 'M18', respondent: 'deltagare' },
];

/** The figures of a slot's group, for the förbund (enhet null) or one enhet. */
function figuresOf(slots: readonly SlotReport[], slot: string, group: string, enhet: string | null) {
  const s = slots.find((x) => x.slot === slot);
  if (enhet === null) return s?.groups.find((g) => g.key === group)?.figures;
  return s?.byEnhet.find((g) => g.enhet === enhet && g.group === group)?.figures;
}

/** Case-linked rows: one per slot and form group, for the förbund or one enhet. */
function caseRows(slots: readonly SlotReport[], enhet: string | null): TableRow[] {
  return slots.flatMap((s) =>
    s.groups.flatMap((g) => {
      const f = figuresOf(slots, s.slot, g.key, enhet);
      return f ? [{ label: `${s.slot} – ${groupLabel(g.key)}`, cells: likertCells(f) }] : [];
    }),
  );
}

/** Half-year rows: per respondent group and all respondents, or the enhet's. */
function halvarRows(slots: readonly SlotReport[], enhet: string | null): TableRow[] {
  return slots.flatMap((s): TableRow[] => {
    if (enhet !== null) {
      const f = s.byEnhet.find((g) => g.enhet === enhet)?.figures;
      return f ? [{ label: s.slot, cells: likertCells(f) }] : [];
    }
    const rows = s.groups.map((g) => ({
      label: `${s.slot} – ${groupLabel(g.key)}`,
      cells: likertCells(g.figures),
    }));
    if (s.overall && s.groups.length > 1)
      rows.push({ label: `${s.slot} – ${k.ki.all}`, cells: likertCells(s.overall) });
    return rows;
  });
}

const three = (f: LikertFigures | undefined): TypedCell[] =>
  f ? likertCells(f).slice(0, 3) : [{ value: null }, { value: null }, { value: null }];

function compareRow(
  report: KarnindikatorReport,
  p: (typeof PAIRS)[number],
  enhet: EnhetRef | null,
  label: string,
) {
  const id = enhet?.id ?? null;
  const u = figuresOf(report.caseSlots, p.under, `${p.respondent}|under`, id);
  const a = figuresOf(report.caseSlots, p.avslut, `${p.respondent}|vid_avslut`, id);
  return { label, cells: [...three(u), ...three(a)] };
}

const pairLabel = (p: (typeof PAIRS)[number]) =>
  k.ki.pairLabel(p.indicator, p.under === p.avslut ? p.under : `${p.under}/${p.avslut}`, k.ki[p.respondent]);

/** The column headings, built when rendering so they follow the chosen language. */
const compareColumns = () => [
  `${k.ki.under}: ${k.ki.n}`,
  `${k.ki.under}: ${k.ki.mean}`,
  `${k.ki.under}: ${k.ki.share}`,
  `${k.ki.vidAvslut}: ${k.ki.n}`,
  `${k.ki.vidAvslut}: ${k.ki.mean}`,
  `${k.ki.vidAvslut}: ${k.ki.share}`,
];

export function KarnindikatorView({
  report,
  enhetId,
}: {
  report: KarnindikatorReport;
  enhetId: string | null;
}) {
  const enhet = report.enheter.find((e) => e.id === enhetId) ?? null;
  const scope = enhet?.namn ?? k.allEnheter;
  const rows = caseRows(report.caseSlots, enhet?.id ?? null);
  const groupKeys = [...new Set(report.caseSlots.flatMap((s) => s.groups.map((g) => g.key)))];
  const chart = {
    type: 'bar' as const,
    labels: report.caseSlots.map((s) => s.slot),
    datasets: groupKeys.map((key) => ({
      label: groupLabel(key),
      data: report.caseSlots.map((s) =>
        plot(figuresOf(report.caseSlots, s.slot, key, enhet?.id ?? null)?.shareJakande, 'percent'),
      ),
    })),
    yMin: 0,
    yMax: 100,
  };
  const halvar = halvarRows(report.halvarSlots, enhet?.id ?? null);
  return (
    <>
      <Section id="ki-case" title={k.ki.caseHeading}>
        <div class="chart-and-table chart-and-table--stacked">
          <AggregateChart data={chart} label={k.ki.chartLabel} />
          <FigureTable
            caption={enhet ? k.ki.enhetCaption(scope) : k.ki.caseCaption(scope)}
            rowHeader={k.ki.slot}
            columns={likertColumns()}
            rows={rows}
            filename={`karnindikatorer-${report.period}`}
          />
        </div>
      </Section>
      <Section id="ki-compare" title={k.ki.compareHeading}>
        <FigureTable
          caption={k.ki.compareCaption(scope)}
          rowHeader={k.ki.indicator}
          columns={compareColumns()}
          rows={PAIRS.map((p) => compareRow(report, p, enhet, pairLabel(p)))}
          filename={`karnindikatorer-under-avslut-${report.period}`}
        />
      </Section>
      {!enhet && (
        <Section id="ki-compare-enhet" title={k.ki.compareEnhetHeading}>
          <FigureTable
            caption={k.ki.compareEnhetCaption}
            rowHeader={k.ki.indicator}
            columns={compareColumns()}
            rows={PAIRS.flatMap((p) =>
              report.enheter.map((e) => compareRow(report, p, e, `${pairLabel(p)} – ${e.namn}`)),
            )}
            filename={`karnindikatorer-under-avslut-per-enhet-${report.period}`}
          />
        </Section>
      )}
      <Section id="ki-respondents" title={k.ki.respondentsHeading}>
        <FigureTable
          caption={k.ki.respondentsCaption(scope)}
          rowHeader={k.ki.group}
          columns={likertColumns()}
          rows={(['deltagare', 'personal'] as const).map((r) => {
            const f = figuresOf(report.caseSlots, 'M12', `${r}|vid_avslut`, enhet?.id ?? null);
            return { label: `M12 – ${k.ki[r]}`, cells: f ? likertCells(f) : [] };
          })}
          filename={`karnindikatorer-deltagare-personal-${report.period}`}
        />
      </Section>
      <Section id="ki-halvar" title={k.ki.halvarHeading}>
        {halvar.length === 0 ? (
          <p>{k.noData}</p>
        ) : (
          <FigureTable
            caption={
              enhet ? k.ki.halvarEnhetCaption(report.period, scope) : k.ki.halvarCaption(report.period)
            }
            rowHeader={k.ki.slot}
            columns={likertColumns()}
            rows={halvar}
            filename={`halvarsenkater-${report.period}`}
          />
        )}
      </Section>
    </>
  );
}
