import { useState } from 'preact/hooks';
import { recordStegmatningar } from '../../../db/casework-actions';
import type { ArendeRef } from '../../../db/casework-repo';
import {
  INSTRUMENT_VERSION,
  LIKERT_VALUES,
  matpunkt,
  SKIP_LABEL,
  scaleLabel,
} from '../../../domain/instrument';
import type { StegSlot } from '../../../domain/stegforflyttning';
import { useServices } from '../../app-context';
import { t } from '../../i18n/sv-casework';
import { ChoiceGroup } from '../fields/ChoiceGroup';
import { FormErrors } from './FormErrors';
import { useSave } from './useSave';

interface StegPromptProps {
  arende: ArendeRef;
  mote: { id: string; date: string };
  /** The slots due at this meeting (measurementsDue). */
  due: readonly StegSlot[];
  onDone: (answered: boolean) => void;
}

const OPTIONS = [
  ...LIKERT_VALUES.map((v) => ({ value: String(v), label: t.casework.steg.value(v, scaleLabel(v)) })),
  { value: '', label: SKIP_LABEL },
];

/**
 * Offered after a meeting when the last measurement is older than the interval: M14 to the deltagare
 * on the spot, M15 to the handläggare, each statement verbatim from the instrument (Version B).
 */
export function StegPrompt({ arende, mote, due, onDone }: StegPromptProps) {
  const { db } = useServices();
  const s = t.casework.steg;
  const [answers, setAnswers] = useState<Partial<Record<StegSlot, string>>>({});
  const save = useSave();

  const submit = async (e: Event) => {
    e.preventDefault();
    const given = due.flatMap((item) => (answers[item] ? [{ item, value: Number(answers[item]) }] : []));
    const ok = await save.run(
      () =>
        recordStegmatningar(db, arende, given, {
          date: mote.date,
          moteId: mote.id,
          // The version whose statements this prompt showed (matpunkt() reads the current one).
          instrumentVersion: INSTRUMENT_VERSION,
        }),
      t.casework.mote.saveFailed,
    );
    if (ok) onDone(given.length > 0);
  };

  return (
    <form class="form" noValidate onSubmit={submit} aria-labelledby="steg-prompt-heading">
      <h2 id="steg-prompt-heading">{s.promptHeading}</h2>
      <p>{s.promptIntro}</p>
      <FormErrors
        id="steg-errors"
        errors={save.errors}
        labels={(f) => f}
        focusKey={save.attempt}
        failure={save.failure}
      />
      {due.map((item) => (
        <div class="steg-item" key={item}>
          <h3>{item === 'M14' ? s.m14Legend : s.m15Legend}</h3>
          {item === 'M14' && <p class="field__hint">{s.m14Hint}</p>}
          <ChoiceGroup
            name={`steg-${item}`}
            legend={matpunkt(item).text}
            options={OPTIONS}
            value={answers[item] ?? ''}
            onChange={(v) => setAnswers((a) => ({ ...a, [item]: v }))}
          />
        </div>
      ))}
      <div class="button-row form__actions">
        <button type="submit" class="button button--primary" aria-busy={save.saving}>
          {s.save}
        </button>
        <button type="button" class="button button--secondary" onClick={() => onDone(false)}>
          {s.skipAll}
        </button>
      </div>
    </form>
  );
}
