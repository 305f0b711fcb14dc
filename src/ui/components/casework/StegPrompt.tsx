import { useState } from 'preact/hooks';
import { recordStegmatningar } from '../../../db/casework-actions';
import type { ArendeRef } from '../../../db/casework-repo';
import { HandoverUnavailableError, startStegHandover } from '../../../db/handover-repo';
import { INSTRUMENT_VERSION, LIKERT_VALUES, matpunkt, scaleLabel } from '../../../domain/instrument';
import type { StegSlot } from '../../../domain/stegforflyttning';
import { useServices } from '../../app-context';
import { paths } from '../../hooks/useRoute';
import { t } from '../../i18n/casework';
import { SOURCE_LANG } from '../../i18n/locale';
import { ChoiceGroup } from '../fields/ChoiceGroup';
import { FormErrors } from './FormErrors';
import { useSave } from './useSave';

interface StegPromptProps {
  arende: ArendeRef;
  mote: { id: string; date: string };
  /** The slots due at this meeting (measurementsDue). */
  due: readonly StegSlot[];
  onDone: (answered: boolean) => void;
  /** The device is now in hand-over mode for M14; the app shows only that question. */
  onHandedOver?: () => void;
}

/** 1–5 with the instrument's Swedish end labels, and "Hoppa över" in the chosen language. */
const options = () => [
  ...LIKERT_VALUES.map((v) => ({
    value: String(v),
    label: t.casework.steg.value(v, scaleLabel(v)),
    lang: SOURCE_LANG,
  })),
  { value: '', label: t.casework.steg.skip },
];

/**
 * Offered after a meeting when the last measurement is older than the interval. M15 is the
 * handläggare's, answered here. M14 is the deltagare's own view: the device goes into hand-over mode
 * locked to that one statement (verbatim, Version B), as for the enkäter, so the deltagare never
 * holds an unlocked device with the caseload; the handläggare unlocks with the unlock code.
 */
export function StegPrompt({ arende, mote, due, onDone, onHandedOver }: StegPromptProps) {
  const { db } = useServices();
  const s = t.casework.steg;
  const [m15, setM15] = useState('');
  const [noVerifier, setNoVerifier] = useState(false);
  const save = useSave();
  const m14Due = due.includes('M14');
  const m15Due = due.includes('M15');

  const submit = async (handOver: boolean) => {
    setNoVerifier(false);
    const given = m15Due && m15 ? [{ item: 'M15' as const, value: Number(m15) }] : [];
    let handedOver = false;
    const ok = await save.run(async () => {
      if (given.length > 0)
        await recordStegmatningar(db, arende, given, {
          date: mote.date,
          moteId: mote.id,
          // The version whose statements this prompt showed (matpunkt() reads the current one).
          instrumentVersion: INSTRUMENT_VERSION,
        });
      if (!handOver) return;
      try {
        await startStegHandover(db, { arende, mote, returnTo: paths.overview(arende.arendeId) });
        handedOver = true;
      } catch (e) {
        if (!(e instanceof HandoverUnavailableError)) throw e;
        setNoVerifier(true);
      }
    }, t.casework.mote.saveFailed);
    if (!ok) return;
    if (handedOver) onHandedOver?.();
    else if (!handOver) onDone(given.length > 0);
  };

  return (
    <form
      class="form"
      noValidate
      aria-labelledby="steg-prompt-heading"
      onSubmit={(e) => {
        e.preventDefault();
        void submit(m14Due);
      }}
    >
      <h2 id="steg-prompt-heading">{s.promptHeading}</h2>
      <p>{s.promptIntro}</p>
      <FormErrors
        id="steg-errors"
        errors={save.errors}
        labels={(f) => f}
        focusKey={save.attempt}
        failure={noVerifier ? s.noVerifier : save.failure}
      />
      {m15Due && (
        <div class="steg-item">
          <h3>{s.m15Legend}</h3>
          <ChoiceGroup
            name="steg-M15"
            legend={matpunkt('M15').text}
            legendLang={SOURCE_LANG}
            options={options()}
            value={m15}
            onChange={setM15}
          />
        </div>
      )}
      {m14Due && (
        <div class="steg-item">
          <h3>{s.m14Legend}</h3>
          <p class="steg-item__statement" lang={SOURCE_LANG}>
            {matpunkt('M14').text}
          </p>
          <p class="field__hint">{s.m14Hint}</p>
        </div>
      )}
      <div class="button-row form__actions">
        <button type="submit" class="button button--primary" aria-busy={save.saving}>
          {m14Due ? s.saveAndHandOver : s.save}
        </button>
        {m14Due && m15Due && (
          <button type="button" class="button button--secondary" onClick={() => void submit(false)}>
            {s.saveWithoutM14}
          </button>
        )}
        <button type="button" class="button button--secondary" onClick={() => onDone(false)}>
          {s.skipAll}
        </button>
      </div>
    </form>
  );
}
