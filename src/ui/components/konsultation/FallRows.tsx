import type { RecordSync } from '../../../db/casework-repo';
import { ALDERSGRUPPER } from '../../../domain/arende';
import {
  emptyKonsultationsfall,
  KONSULTATION_PARTER,
  KONSULTATION_UTFALL,
  type KonsultationsfallDraft,
} from '../../../domain/konsultation';
import { useSession } from '../../app-context';
import { t } from '../../i18n/konsultation';
import { localizeMessage } from '../../i18n/messages';
import { SelectField } from '../fields/SelectField';
import { TextField } from '../fields/TextField';

/** A case summary being edited; `id` and its number on the meeting's list once it is saved. */
export type FallRow = KonsultationsfallDraft & { id?: string; nr?: number };

interface FallRowsProps {
  rows: readonly FallRow[];
  errors: Record<string, string>;
  /** The live sync state of a saved summary. */
  syncOf: (id: string) => RecordSync | undefined;
  onChange: (rows: FallRow[]) => void;
  /** Asks to delete a saved summary (the caller confirms first). */
  onDelete: (id: string, nr: number) => void;
}

const TEXTS = ['sammanfattning', 'fraga', 'rad', 'uppfoljning'] as const;

/**
 * The de-identified case summaries of a meeting, one fieldset each, by their number on the list. A
 * saved summary is corrected in place or deleted for good (after confirming); a new one can be
 * removed before saving. The server's refusal of a saved summary is shown on it, and on the refused
 * fields, until a corrected save.
 */
export function FallRows({ rows, errors, syncOf, onChange, onDelete }: FallRowsProps) {
  const f = t.konsultation.fall;
  const { user } = useSession();
  const set = (i: number, patch: Partial<FallRow>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const none = { value: '', label: f.notGiven };
  return (
    <section class="form-section" aria-labelledby="fall-heading">
      <h2 id="fall-heading">{f.heading}</h2>
      <p class="field__hint">{f.intro}</p>
      {rows.length === 0 && <p>{f.none}</p>}
      {rows.map((row, i) => {
        const name = (field: string) => `fall-${i}-${field}`;
        const sync = row.id ? syncOf(row.id) : undefined;
        const refused = sync?.state === 'avvisad' ? sync.error : undefined;
        const err = (field: string) => errors[name(field)] ?? refused?.fields?.[field];
        return (
          <fieldset key={row.id ?? `new-${i}`} class="form-section fall-row">
            <legend class="field__label">{f.legend(row.nr ?? i + 1)}</legend>
            {refused && (
              <p class="form__error" role="alert">
                {f.refused} {localizeMessage(refused.message)}
              </p>
            )}
            {sync?.state === 'ej_synkad' && <p class="muted">{f.pending}</p>}
            <SelectField
              name={name('lyftAv')}
              label={f.lyftAv}
              value={row.lyftAv}
              error={err('lyftAv')}
              options={KONSULTATION_PARTER.map((p) => ({ value: p, label: t.konsultation.part[p] }))}
              onChange={(v) => set(i, { lyftAv: v as FallRow['lyftAv'] })}
            />
            <TextField
              name={name('aktuellSedan')}
              label={f.aktuellSedan}
              hint={f.manadHint}
              inputMode="numeric"
              value={row.aktuellSedan ?? ''}
              error={err('aktuellSedan')}
              onInput={(v) => set(i, { aktuellSedan: v.trim() || null })}
            />
            <SelectField
              name={name('aldersgrupp')}
              label={f.aldersgrupp}
              value={row.aldersgrupp ?? ''}
              error={err('aldersgrupp')}
              options={[
                none,
                ...ALDERSGRUPPER.map((a) => ({ value: a, label: t.konsultation.aldersgrupp[a] })),
              ]}
              onChange={(v) => set(i, { aldersgrupp: (v || null) as FallRow['aldersgrupp'] })}
            />
            <SelectField
              name={name('enhetId')}
              label={f.enhetId}
              value={row.enhetId ?? ''}
              error={err('enhetId')}
              options={[none, ...user.enheter.map((e) => ({ value: e.id, label: e.namn }))]}
              onChange={(v) => set(i, { enhetId: v || null })}
            />
            {TEXTS.map((k) => (
              <TextField
                key={k}
                name={name(k)}
                label={f[k]}
                multiline
                value={row[k]}
                error={err(k)}
                onInput={(v) => set(i, { [k]: v })}
              />
            ))}
            <TextField
              name={name('uppfoljningManad')}
              label={f.uppfoljningManad}
              hint={f.manadHint}
              inputMode="numeric"
              value={row.uppfoljningManad ?? ''}
              error={err('uppfoljningManad')}
              onInput={(v) => set(i, { uppfoljningManad: v.trim() || null })}
            />
            <SelectField
              name={name('utfall')}
              label={f.utfall}
              value={row.utfall}
              error={err('utfall')}
              options={[
                { value: '', label: f.choose },
                ...KONSULTATION_UTFALL.map((u) => ({ value: u, label: t.konsultation.utfall[u] })),
              ]}
              onChange={(v) => set(i, { utfall: v as FallRow['utfall'] })}
            />
            {row.id ? (
              <button
                type="button"
                class="button button--danger"
                onClick={() => onDelete(String(row.id), row.nr ?? i + 1)}
              >
                {f.deleteSaved(row.nr ?? i + 1)}
              </button>
            ) : (
              <button
                type="button"
                class="button button--secondary"
                onClick={() => onChange(rows.filter((_, j) => j !== i))}
              >
                {f.remove(i + 1)}
              </button>
            )}
          </fieldset>
        );
      })}
      <button
        type="button"
        class="button button--secondary"
        onClick={() => onChange([...rows, emptyKonsultationsfall()])}
      >
        {f.add}
      </button>
    </section>
  );
}
