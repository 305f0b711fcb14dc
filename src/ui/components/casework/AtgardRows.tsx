import type { NewAtgard } from '../../../db/casework-actions';
import { ATGARD_STATUSAR } from '../../../domain/atgard';
import { SAMVERKANSPARTER } from '../../../domain/samtycke';
import { t } from '../../i18n/casework';
import { SelectField } from '../fields/SelectField';
import { TextField } from '../fields/TextField';

const parts = () => SAMVERKANSPARTER.map((p) => ({ value: p, label: t.casework.part[p] }));
// Built when rendering, so the labels follow the chosen language.
const statuses = () => ATGARD_STATUSAR.map((s) => ({ value: s, label: t.casework.atgard.status[s] }));

interface AtgardRowsProps {
  rows: readonly NewAtgard[];
  errors: Record<string, string>;
  onChange: (rows: NewAtgard[]) => void;
  /** The due date a new row starts with. */
  defaultSenast: string;
}

/** What was agreed: part, what, responsible role, due date, status. Names are `atgard-<i>-<field>`. */
export function AtgardRows({ rows, errors, onChange, defaultSenast }: AtgardRowsProps) {
  const m = t.casework.mote;
  const set = (i: number, patch: Partial<NewAtgard>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const name = (i: number, f: string) => `atgard-${i}-${f}`;
  return (
    <fieldset class="field rows" aria-describedby="atgarder-hint">
      <legend class="field__label">{m.atgarder}</legend>
      <p id="atgarder-hint" class="field__hint">
        {m.atgarderHint}
      </p>
      {rows.map((r, i) => (
        <fieldset class="row-group" key={i}>
          <legend>{m.atgard(i + 1)}</legend>
          <TextField
            name={name(i, 'vad')}
            label={m.vad}
            value={r.vad}
            error={errors[name(i, 'vad')]}
            onInput={(vad) => set(i, { vad })}
          />
          <div class="field-row">
            <SelectField
              name={name(i, 'part')}
              label={m.part}
              value={r.part}
              options={parts()}
              onChange={(part) => set(i, { part: part as NewAtgard['part'] })}
            />
            <TextField
              name={name(i, 'ansvarigRoll')}
              label={m.ansvarigRoll}
              value={r.ansvarigRoll}
              error={errors[name(i, 'ansvarigRoll')]}
              onInput={(ansvarigRoll) => set(i, { ansvarigRoll })}
            />
            <TextField
              name={name(i, 'senast')}
              type="date"
              label={m.senast}
              value={r.senast}
              error={errors[name(i, 'senast')]}
              onInput={(senast) => set(i, { senast })}
            />
            <SelectField
              name={name(i, 'status')}
              label={m.status}
              value={r.status}
              options={statuses()}
              onChange={(status) => set(i, { status: status as NewAtgard['status'] })}
            />
          </div>
          <button
            type="button"
            class="button button--secondary"
            onClick={() => onChange(rows.filter((_, j) => j !== i))}
          >
            {m.remove}
            <span class="visually-hidden"> {m.atgard(i + 1).toLowerCase()}</span>
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        class="button button--secondary"
        onClick={() =>
          onChange([
            ...rows,
            { part: 'deltagare', vad: '', ansvarigRoll: '', senast: defaultSenast, status: 'planerad' },
          ])
        }
      >
        {m.addAtgard}
      </button>
    </fieldset>
  );
}
