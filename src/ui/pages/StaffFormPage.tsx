import { useEffect, useState } from 'preact/hooks';
import { getArende, type LocalArende } from '../../db/arende-repo';
import { submitStaffResponse } from '../../db/handover-repo';
import { FORMS, type FormId, formTitle, PERSONAL_FORM_IDS } from '../../domain/instrument/forms';
import { SlotId } from '../../domain/instrument/matpunkter';
import type { Answers, SurveyResponseDraft } from '../../domain/instrument/response';
import { LIKERT_VALUES, LikertValue, SCALE } from '../../domain/instrument/scale';
import { slot } from '../../domain/instrument/slots';
import { INSTRUMENT_VERSION } from '../../domain/instrument/version';
import { useServices, useSession } from '../app-context';
import { ChoiceGroup } from '../components/fields/ChoiceGroup';
import { PageHeading } from '../components/PageHeading';
import { usePageTitle } from '../hooks/usePageTitle';
import { navigate, paths } from '../hooks/useRoute';
import { SOURCE_LANG } from '../i18n/locale';
import { t } from '../i18n/surveys';

const isPersonalForm = (id: string): id is (typeof PERSONAL_FORM_IDS)[number] =>
  (PERSONAL_FORM_IDS as readonly string[]).includes(id);

/** 1–5 with the instrument's Swedish end labels, and "Hoppa över" in the chosen language. */
const options = () => [
  ...LIKERT_VALUES.map((v) => ({
    value: String(v),
    label:
      v === SCALE.min ? `${v} – ${SCALE.minLabel}` : v === SCALE.max ? `${v} – ${SCALE.maxLabel}` : String(v),
    lang: SOURCE_LANG,
  })),
  { value: '', label: t.staffForm.skip },
];

/**
 * A personal form (F-P-*) the handläggare answers about one ärende, in normal mode. Like every
 * response it is sealed, queued for sync and dropped from the device once the server has it.
 */
export function StaffFormPage({ arendeId, formId }: { arendeId: string; formId: string }) {
  const { db } = useServices();
  const { moveFocus } = useSession();
  const [arende, setArende] = useState<LocalArende | null | undefined>(undefined);
  const [values, setValues] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const valid = isPersonalForm(formId);
  const title = valid ? formTitle(formId as FormId) : t.staffForm.notFound;
  usePageTitle(title);

  useEffect(() => {
    let live = true;
    getArende(db, arendeId).then(
      (a) => live && setArende(a ?? null),
      () => live && setArende(null),
    );
    return () => {
      live = false;
    };
  }, [db, arendeId]);

  if (arende === undefined) return <p class="page">{t.app.loading}</p>;
  if (!valid || arende === null)
    return (
      <div class="page">
        <PageHeading focus={moveFocus}>{t.staffForm.notFound}</PageHeading>
        <a href={paths.list}>{t.form.backToList}</a>
      </div>
    );

  const slots = FORMS[formId as FormId].slots.map(slot);
  const submit = async (e: Event) => {
    e.preventDefault();
    const answers: Answers = {};
    for (const [id, v] of Object.entries(values)) {
      if (v !== '') answers[SlotId.parse(id)] = LikertValue.parse(Number(v));
    }
    const draft = {
      id: crypto.randomUUID(),
      instrumentVersion: INSTRUMENT_VERSION,
      formId,
      arendeId,
      answers,
    };
    try {
      await submitStaffResponse(db, draft as SurveyResponseDraft);
      navigate(paths.arende(arendeId));
    } catch {
      setError(t.staffForm.failed);
    }
  };

  return (
    <div class="page">
      <PageHeading focus={moveFocus} lang={SOURCE_LANG}>
        {title}
      </PageHeading>
      <p class="muted">{t.staffForm.forArende(arende.code)}</p>
      <p>{t.staffForm.intro(SCALE.minLabel, SCALE.maxLabel)}</p>
      <form class="form" noValidate onSubmit={submit}>
        {error && (
          <p class="form__error" role="alert">
            {error}
          </p>
        )}
        {slots.map((s) => (
          <ChoiceGroup
            key={s.id}
            name={`staff-${s.id}`}
            legend={[s.stem, s.marker, s.text].filter(Boolean).join(' ')}
            legendLang={SOURCE_LANG}
            options={options()}
            value={values[s.id] ?? ''}
            onChange={(v) => setValues((prev) => ({ ...prev, [s.id]: v }))}
          />
        ))}
        <div class="button-row form__actions">
          <button type="submit" class="button button--primary">
            {t.staffForm.submit}
          </button>
          <a class="button button--secondary" href={paths.arende(arendeId)}>
            {t.staffForm.cancel}
          </a>
        </div>
      </form>
    </div>
  );
}
