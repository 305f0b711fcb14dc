import { DELTAGANDEFORMER, type Motesdeltagare } from '../../../domain/mote';
import { SAMVERKANSPARTER } from '../../../domain/samtycke';
import { t } from '../../i18n/casework';
import { SelectField } from '../fields/SelectField';
import { TextField } from '../fields/TextField';

const parts = () => SAMVERKANSPARTER.map((p) => ({ value: p, label: t.casework.part[p] }));
// Built when rendering, so the labels follow the chosen language.
const modes = () => DELTAGANDEFORMER.map((m) => ({ value: m, label: t.casework.mote.mode_[m] }));

interface RowsProps {
  rows: readonly Motesdeltagare[];
  errors: Record<string, string>;
  onChange: (rows: Motesdeltagare[]) => void;
}

/** Who took part, by role, party and mode; never by name. Control names are `deltagare-<i>-<field>`. */
export function ParticipantRows({ rows, errors, onChange }: RowsProps) {
  const m = t.casework.mote;
  const set = (i: number, patch: Partial<Motesdeltagare>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset class="field rows" aria-describedby="participants-hint">
      <legend class="field__label">{m.participants}</legend>
      <p id="participants-hint" class="field__hint">
        {m.participantsHint}
      </p>
      {rows.map((r, i) => (
        <fieldset class="row-group" key={i}>
          <legend>{m.participant(i + 1)}</legend>
          <div class="field-row">
            <TextField
              name={`deltagare-${i}-roll`}
              label={m.roll}
              value={r.roll}
              error={errors[`deltagare-${i}-roll`]}
              onInput={(roll) => set(i, { roll })}
            />
            <SelectField
              name={`deltagare-${i}-part`}
              label={m.part}
              value={r.part}
              options={parts()}
              onChange={(part) => set(i, { part: part as Motesdeltagare['part'] })}
            />
            <SelectField
              name={`deltagare-${i}-mode`}
              label={m.mode}
              value={r.mode}
              options={modes()}
              onChange={(mode) => set(i, { mode: mode as Motesdeltagare['mode'] })}
            />
            <button
              type="button"
              class="button button--secondary row-remove"
              onClick={() => onChange(rows.filter((_, j) => j !== i))}
            >
              {m.remove}
              <span class="visually-hidden"> {m.participant(i + 1).toLowerCase()}</span>
            </button>
          </div>
        </fieldset>
      ))}
      <button
        type="button"
        class="button button--secondary"
        onClick={() => onChange([...rows, { roll: '', part: 'annan', mode: 'pa_plats' }])}
      >
        {m.addParticipant}
      </button>
    </fieldset>
  );
}
