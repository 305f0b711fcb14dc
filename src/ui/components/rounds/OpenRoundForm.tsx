import { useEffect, useRef, useState } from 'preact/hooks';
import type { Enhet } from '../../../domain/account';
import { formTitle, HALVAR_FORM_IDS, type HalvarFormId } from '../../../domain/instrument/forms';
import { SurveyRound } from '../../../domain/instrument/round';
import { useServices } from '../../app-context';
import { SOURCE_LANG } from '../../i18n/locale';
import { localizeMessage } from '../../i18n/messages';
import { t } from '../../i18n/rounds';
import { focusField } from '../ErrorSummary';
import { ChoiceGroup } from '../fields/ChoiceGroup';
import { controlId } from '../fields/field-ids';
import { TextField } from '../fields/TextField';

type Field = 'period' | 'enhetIds' | 'formIds';
type Errors = Partial<Record<Field | '_', string>>;

const o = t.openRound;
const labels = (): Record<Field, string> => ({ period: o.period, enhetIds: o.enheter, formIds: o.forms });
const FIELDS: Field[] = ['period', 'enhetIds', 'formIds'];

/** The halvår a date falls in, e.g. "2026H2" for any day from July to December 2026. */
export function currentPeriod(now: Date = new Date()): string {
  return `${now.getFullYear()}H${now.getMonth() < 6 ? 1 : 2}`;
}

/** Checks the form on the device; the server checks it again (and that the period is free). */
export function validateOpenRound(input: {
  period: string;
  enhetIds: readonly string[];
  formIds: readonly string[];
}): Errors {
  const errors: Errors = {};
  if (!SurveyRound.safeParse(input.period).success) errors.period = o.periodInvalid;
  if (input.enhetIds.length === 0) errors.enhetIds = o.chooseEnhet;
  if (input.formIds.length === 0) errors.formIds = o.chooseForm;
  return errors;
}

/**
 * A koordinator opens a half-year round: period, enheter and HALVÅR forms. Needs the network; when
 * there is none the form says so and keeps what was filled in. On success the device's rounds are
 * refreshed, so the new round is listed above.
 */
export function OpenRoundForm({ enheter }: { enheter: readonly Enhet[] }) {
  const { faltsam } = useServices();
  const [period, setPeriod] = useState(currentPeriod);
  const [enhetIds, setEnhetIds] = useState<string[]>(enheter.length === 1 ? [enheter[0]?.id ?? ''] : []);
  const [formIds, setFormIds] = useState<HalvarFormId[]>([]);
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState('');
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const summary = useRef<HTMLElement>(null);
  useEffect(() => {
    if (attempt > 0) summary.current?.focus();
  }, [attempt]);

  const clear = (field: Field) => {
    setErrors(({ [field]: _, ...rest }) => rest);
    setFailure(null);
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setDone('');
    setFailure(null);
    const req = { period: period.trim().toUpperCase(), enhetIds, formIds };
    const invalid = validateOpenRound(req);
    setErrors(invalid);
    if (Object.keys(invalid).length > 0) {
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      const outcome = await faltsam.openRound(req);
      if (outcome.ok) {
        setDone(o.opened(outcome.round.period));
        setFormIds([]);
      } else if (outcome.kind === 'offline') setFailure(o.offline);
      else {
        const fields: Errors = {};
        for (const f of FIELDS) if (outcome.fields[f]) fields[f] = outcome.fields[f];
        setErrors(fields);
        if (Object.keys(fields).length > 0) setAttempt((n) => n + 1);
        else setFailure(localizeMessage(outcome.message));
      }
    } catch {
      setFailure(o.failed);
    } finally {
      setBusy(false);
    }
  };

  const entries = FIELDS.filter((f) => errors[f]);
  return (
    <section class="form-section" aria-labelledby="open-round-heading">
      <h2 id="open-round-heading">{o.heading}</h2>
      <p>{o.intro}</p>
      <p role="status" class="notice-inline">
        {done}
      </p>
      <form class="form" noValidate onSubmit={submit} aria-labelledby="open-round-heading">
        {failure && (
          <p class="form__error" role="alert">
            {failure}
          </p>
        )}
        {entries.length > 0 && (
          <section
            ref={summary}
            class="error-summary"
            tabIndex={-1}
            aria-labelledby="open-round-errors-title"
          >
            <h3 id="open-round-errors-title">{o.errorSummary(entries.length)}</h3>
            <ul>
              {entries.map((f) => (
                <li key={f}>
                  <a
                    href={`#${controlId(f)}`}
                    onClick={(ev) => {
                      ev.preventDefault();
                      focusField(f);
                    }}
                  >
                    {labels()[f]}: {errors[f]}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        )}
        <TextField
          name="period"
          label={o.period}
          hint={o.periodHint}
          value={period}
          error={errors.period}
          maxLength={6}
          autoComplete="off"
          class="field--short"
          onInput={(v) => {
            setPeriod(v);
            clear('period');
          }}
        />
        <ChoiceGroup
          multiple
          name="enhetIds"
          legend={o.enheter}
          options={enheter.map((e) => ({ value: e.id, label: e.namn }))}
          value={enhetIds}
          error={errors.enhetIds}
          onChange={(v) => {
            setEnhetIds(v);
            clear('enhetIds');
          }}
        />
        <ChoiceGroup
          multiple
          name="formIds"
          legend={o.forms}
          options={HALVAR_FORM_IDS.map((id) => ({ value: id, label: formTitle(id), lang: SOURCE_LANG }))}
          value={formIds}
          error={errors.formIds}
          onChange={(v) => {
            setFormIds(v as HalvarFormId[]);
            clear('formIds');
          }}
        />
        <button type="submit" class="button button--primary" aria-disabled={busy ? 'true' : undefined}>
          {busy ? o.submitting : o.submit}
        </button>
      </form>
    </section>
  );
}
