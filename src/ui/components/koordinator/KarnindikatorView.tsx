import type { KarnindikatorReport, SlotReport } from '../../../domain/aggregation/report';
import { AggregateChart } from '../../charts/AggregateChart';
import { t } from '../../i18n/sv-koordinator';
import { FigureTable, type TableRow } from './FigureTable';
import { plot } from './figures';
import { groupLabel, LIKERT_COLUMNS, likertCells } from './likert-rows';
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

const figuresOf = (slots: readonly SlotReport[], slot: string, group: string) =>
  slots.find((s) => s.slot === slot)?.groups.find((g) => g.key === group)?.figures;

function breakdownRows(slots: readonly SlotReport[], only?: string): TableRow[] {
  return slots.flatMap((s) => {
    const groups = only ? s.groups.filter((g) => g.key === only) : s.groups;
    const rows = groups.map((g) => ({
      label: only ? s.slot : `${s.slot} – ${groupLabel(g.key)}`,
      cells: likertCells(g.figures),
    }));
    if (!only && s.groups.length > 1)
      rows.push({ label: `${s.slot} – ${k.ki.all}`, cells: likertCells(s.overall) });
    return rows;
  });
}

export function KarnindikatorView({
  report,
  enhetId,
}: {
  report: KarnindikatorReport;
  enhetId: string | null;
}) {
  const enhet = report.enheter.find((e) => e.id === enhetId);
  const scope = enhet?.namn ?? k.allEnheter;
  const caseSlots = enhet ? report.byEnhet : report.bySvarsgrupp;
  const caseRows = breakdownRows(caseSlots, enhet?.id);
  const groupKeys = enhet
    ? [enhet.id]
    : [...new Set(report.bySvarsgrupp.flatMap((s) => s.groups.map((g) => g.key)))];
  const chart = {
    type: 'bar' as const,
    labels: caseSlots.map((s) => s.slot),
    datasets: groupKeys.map((key) => ({
      label: enhet ? enhet.namn : groupLabel(key),
      data: caseSlots.map((s) => plot(s.groups.find((g) => g.key === key)?.figures.shareJakande, 'percent')),
    })),
    yMin: 0,
    yMax: 100,
  };
  const halvarSlots = enhet ? report.halvarByEnhet : report.halvarByGroup;
  const halvarRows = breakdownRows(halvarSlots, enhet?.id);
  return (
    <>
      <Section id="ki-case" title={k.ki.caseHeading}>
        {caseRows.length === 0 ? (
          <p>{k.noData}</p>
        ) : (
          <div class="chart-and-table chart-and-table--stacked">
            <AggregateChart data={chart} label={k.ki.chartLabel} failedText={k.chartFailed} />
            <FigureTable
              caption={enhet ? k.ki.enhetCaption(scope) : k.ki.caseCaption(scope)}
              rowHeader={k.ki.slot}
              columns={LIKERT_COLUMNS}
              rows={caseRows}
              filename={`karnindikatorer-${report.period}`}
            />
          </div>
        )}
      </Section>
      {!enhet && caseRows.length > 0 && (
        <>
          <Section id="ki-compare" title={k.ki.compareHeading}>
            <FigureTable
              caption={k.ki.compareCaption}
              rowHeader={k.ki.indicator}
              columns={[
                `${k.ki.under}: ${k.ki.n}`,
                `${k.ki.under}: ${k.ki.mean}`,
                `${k.ki.under}: ${k.ki.share}`,
                `${k.ki.vidAvslut}: ${k.ki.n}`,
                `${k.ki.vidAvslut}: ${k.ki.mean}`,
                `${k.ki.vidAvslut}: ${k.ki.share}`,
              ]}
              rows={PAIRS.map((p) => {
                const u = figuresOf(report.bySvarsgrupp, p.under, `${p.respondent}|under`);
                const a = figuresOf(report.bySvarsgrupp, p.avslut, `${p.respondent}|vid_avslut`);
                const three = (f: typeof u) =>
                  f ? likertCells(f).slice(0, 3) : [{ value: 0 }, { value: null }, { value: null }];
                return {
                  label: `Ind ${p.indicator}: ${p.under === p.avslut ? p.under : `${p.under}/${p.avslut}`} (${k.ki[p.respondent].toLowerCase()})`,
                  cells: [...three(u), ...three(a)],
                };
              })}
              filename={`karnindikatorer-under-avslut-${report.period}`}
            />
          </Section>
          <Section id="ki-respondents" title={k.ki.respondentsHeading}>
            <FigureTable
              caption={k.ki.respondentsCaption}
              rowHeader={k.ki.group}
              columns={LIKERT_COLUMNS}
              rows={(['deltagare', 'personal'] as const).map((r) => {
                const f = figuresOf(report.bySvarsgrupp, 'M12', `${r}|vid_avslut`);
                return {
                  label: `M12 – ${k.ki[r]}`,
                  cells: f ? likertCells(f) : LIKERT_COLUMNS.map((_, i) => ({ value: i === 0 ? 0 : null })),
                };
              })}
              filename={`karnindikatorer-deltagare-personal-${report.period}`}
            />
          </Section>
        </>
      )}
      <Section id="ki-halvar" title={k.ki.halvarHeading}>
        {halvarRows.length === 0 ? (
          <p>{k.noData}</p>
        ) : (
          <FigureTable
            caption={
              enhet ? k.ki.halvarEnhetCaption(report.period, scope) : k.ki.halvarCaption(report.period)
            }
            rowHeader={k.ki.slot}
            columns={LIKERT_COLUMNS}
            rows={halvarRows}
            filename={`halvarsenkater-${report.period}`}
          />
        )}
      </Section>
    </>
  );
}
