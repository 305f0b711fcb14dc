import { SAMVERKANSPARTER } from '../../../../domain/samtycke';
import { HUVUDMAN, huvudmanFor, type Insats, type SipFields } from '../../../../domain/sip';
import { t } from '../../../i18n/casework';
import { ChoiceGroup } from '../../fields/ChoiceGroup';
import { SelectField } from '../../fields/SelectField';
import { TextField } from '../../fields/TextField';
import { Checkbox } from '../Checkbox';
import { type SipSectionProps, sipLabel } from './sip-form';

const s = t.casework.sip;
// Built when rendering, so the labels follow the chosen language.
const parts = () =>
  SAMVERKANSPARTER.filter((p) => p !== 'deltagare').map((p) => ({ value: p, label: t.casework.part[p] }));

/** Items 7–10: the insatser, which huvudman (or other party) answers for each, and the overall lead. */
export function SipInsatserFields({ values: v, set, errors }: SipSectionProps) {
  const setRow = (i: number, patch: Partial<Insats>) =>
    set(
      'insatser',
      v.insatser.map((r, j) => (j === i ? { ...r, ...patch } : r)),
    );
  const name = (i: number, f: string) => `insats-${i}-${f}`;
  return (
    <div class="form-section">
      <h2>{s.insatserHeading}</h2>
      <p class="field__hint">{s.insatserHint}</p>
      {errors.insatser && <p class="field__error">{errors.insatser}</p>}
      {v.insatser.map((r, i) => {
        const h = huvudmanFor(r.part);
        return (
          <fieldset class="row-group" key={i}>
            <legend>{s.insats(i + 1)}</legend>
            <TextField
              name={name(i, 'vad')}
              label={s.insatsVad}
              value={r.vad}
              error={errors[name(i, 'vad')]}
              onInput={(vad) => setRow(i, { vad })}
            />
            <div class="field-row">
              <SelectField
                name={name(i, 'part')}
                label={s.insatsPart}
                hint={s.huvudman(h ? s.huvudmanLabel[h] : null)}
                value={r.part}
                options={parts()}
                onChange={(part) => setRow(i, { part: part as Insats['part'] })}
              />
              <TextField
                name={name(i, 'ansvarig')}
                label={s.insatsAnsvarig}
                value={r.ansvarig}
                error={errors[name(i, 'ansvarig')]}
                onInput={(ansvarig) => setRow(i, { ansvarig })}
              />
            </div>
            <button
              type="button"
              class="button button--secondary"
              onClick={() =>
                set(
                  'insatser',
                  v.insatser.filter((_, j) => j !== i),
                )
              }
            >
              {t.casework.mote.remove}
              <span class="visually-hidden"> {s.insats(i + 1).toLowerCase()}</span>
            </button>
          </fieldset>
        );
      })}
      <div class="field">
        <button
          type="button"
          class="button button--secondary"
          onClick={() => set('insatser', [...v.insatser, { vad: '', part: 'socialtjanst', ansvarig: '' }])}
        >
          {s.addInsats}
        </button>
      </div>
      <Checkbox
        name="ingaAtgarderAvAndra"
        label={sipLabel('ingaAtgarderAvAndra')}
        checked={v.ingaAtgarderAvAndra}
        error={errors.ingaAtgarderAvAndra}
        onChange={(x) => set('ingaAtgarderAvAndra', x)}
      />
      <ChoiceGroup
        name="overgripandeAnsvar"
        legend={sipLabel('overgripandeAnsvar')}
        options={HUVUDMAN.map((h) => ({ value: h, label: s.huvudmanLabel[h] }))}
        value={v.overgripandeAnsvar ?? ''}
        error={errors.overgripandeAnsvar}
        onChange={(x) => set('overgripandeAnsvar', x as SipFields['overgripandeAnsvar'])}
      />
    </div>
  );
}
