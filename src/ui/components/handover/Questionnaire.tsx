import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import {
  type HandoverLock,
  handoverDraft,
  submitHandoverResponse,
  submitStegHandover,
} from '../../../db/handover-repo';
import { FORMS } from '../../../domain/instrument/forms';
import type { AnsweredWith, Answers, SurveyResponseDraft } from '../../../domain/instrument/response';
import { LIKERT_VALUES, type LikertValue, SCALE, scaleLabel } from '../../../domain/instrument/scale';
import { type Slot, slot } from '../../../domain/instrument/slots';
import { useServices } from '../../app-context';
import { t } from '../../i18n/handover';
import { currentLang, SOURCE_LANG } from '../../i18n/locale';
import type { SpeechText } from '../../speech';
import { ScreenHeading } from './ScreenHeading';

type Step = 'start' | number | 'review';

/**
 * One respondent's pass through a form: a start screen, one statement per screen, then "Skicka".
 * Answers live only in this component's state: submitting, an idle timeout or a reload drops
 * them, so the next respondent always starts from a clean form.
 */
export function Questionnaire({
  lock,
  onSpeech,
  submitDraft,
}: {
  lock: HandoverLock;
  onSpeech: (text: SpeechText) => void;
  /** Where "Skicka" stores the response; default hand-over mode's (moves the lock to "tack"). */
  submitDraft?: (draft: SurveyResponseDraft) => Promise<void>;
}) {
  const { db } = useServices();
  const form = FORMS[lock.formId];
  const slots = form.slots.map(slot);
  // The stegförflyttning item (M14 at a meeting) is a measurement of the ärende, not an enkät.
  const steg = lock.target.kind === 'steg';
  const askAnsweredWith = form.kind === 'deltagare' && !steg;
  const [step, setStep] = useState<Step>('start');
  const [answers, setAnswers] = useState<Answers>({});
  const [answeredWith, setAnsweredWith] = useState<AnsweredWith | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const go = (next: Step) => {
    setError(null);
    setStep(next);
  };
  const after = (i: number): Step => (i + 1 < slots.length ? i + 1 : 'review');
  const before = (i: number): Step => (i > 0 ? i - 1 : 'start');

  const submit = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      if (steg) await submitStegHandover(db, answers.M14 ?? null);
      else {
        const draft = handoverDraft(lock, answers, askAnsweredWith ? answeredWith : null);
        await (submitDraft ? submitDraft(draft) : submitHandoverResponse(db, draft));
      }
    } catch {
      setError(t.handover.submitFailed);
      setBusy(false);
    }
  };

  if (step === 'start') {
    const intro = t.handover.intro(slots.length, SCALE.minLabel, SCALE.maxLabel);
    return (
      <form
        class="handover-screen"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (askAnsweredWith && !answeredWith) setError(t.handover.chooseAnsweredWith);
          else go(0);
        }}
      >
        <Speech text={`${t.handover.pageTitle}. ${intro}`} onSpeech={onSpeech} />
        <ScreenHeading>{t.handover.pageTitle}</ScreenHeading>
        <p>{intro}</p>
        {askAnsweredWith && (
          <fieldset class="handover-choice" aria-describedby={error ? 'handover-error' : undefined}>
            <legend>{t.handover.answeredWithLegend}</legend>
            {(['sjalv', 'med_stod'] as const).map((v) => (
              <label class="handover-choice__option" key={v}>
                <input
                  type="radio"
                  name="answered-with"
                  value={v}
                  checked={answeredWith === v}
                  onChange={() => {
                    setAnsweredWith(v);
                    setError(null);
                  }}
                />
                <span>{t.handover.answeredWith[v]}</span>
              </label>
            ))}
          </fieldset>
        )}
        <ErrorLine error={error} />
        <div class="handover-nav">
          <button type="submit" class="button button--primary handover-nav__next">
            {t.handover.start}
          </button>
        </div>
      </form>
    );
  }

  if (step === 'review') {
    const answered = Object.keys(answers).length;
    const summary = t.handover.reviewSummary(answered, slots.length);
    return (
      <div class="handover-screen">
        <Speech text={`${t.handover.reviewTitle}. ${summary} ${t.handover.reviewHint}`} onSpeech={onSpeech} />
        <ScreenHeading>{t.handover.reviewTitle}</ScreenHeading>
        <p>{summary}</p>
        <p>{t.handover.reviewHint}</p>
        <ErrorLine error={error} />
        <div class="handover-nav">
          <button type="button" class="button button--secondary" onClick={() => go(slots.length - 1)}>
            {t.handover.back}
          </button>
          <button
            type="button"
            class="button button--primary handover-nav__next"
            aria-busy={busy}
            onClick={submit}
          >
            {t.handover.submit}
          </button>
        </div>
      </div>
    );
  }

  const current = slots[step];
  if (!current) return null;
  return (
    <Statement
      key={current.id}
      slot={current}
      position={step + 1}
      total={slots.length}
      value={answers[current.id]}
      error={error}
      onSpeech={onSpeech}
      onChoose={(v) => {
        setAnswers((a) => ({ ...a, [current.id]: v }));
        setError(null);
      }}
      onBack={() => go(before(step))}
      onSkip={() => {
        // "Hoppa över" stores no answer: the slot is removed, never given a value.
        setAnswers((a) => withoutSlot(a, current.id));
        go(after(step));
      }}
      onNext={() => {
        if (answers[current.id] === undefined) setError(t.handover.chooseOrSkip);
        else go(after(step));
      }}
    />
  );
}

interface StatementProps {
  slot: Slot;
  position: number;
  total: number;
  value: LikertValue | undefined;
  error: string | null;
  onSpeech: (text: SpeechText) => void;
  onChoose: (v: LikertValue) => void;
  onBack: () => void;
  onSkip: () => void;
  onNext: () => void;
}

/** One statement: large 1–5 targets with only the two end labels, as the instrument prints them. */
function Statement({
  slot: s,
  position,
  total,
  value,
  error,
  onSpeech,
  onChoose,
  onBack,
  onSkip,
  onNext,
}: StatementProps) {
  const progress = t.handover.progress(position, total);
  const statement = [s.stem, s.marker, s.text].filter(Boolean).join(' ');

  // Keys 1–5 answer directly, as a shortcut beside Tab, arrows and Enter.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const n = Number(e.key);
      if ((LIKERT_VALUES as readonly number[]).includes(n)) onChoose(n as LikertValue);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onChoose]);

  return (
    <form
      class="handover-screen"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onNext();
      }}
    >
      <Speech
        text={[
          { text: `${progress}.`, lang: currentLang() },
          { text: statement, lang: SOURCE_LANG },
          { text: t.handover.scaleSpoken(SCALE.minLabel, SCALE.maxLabel), lang: currentLang() },
        ]}
        onSpeech={onSpeech}
      />
      <ScreenHeading class="handover-progress">{progress}</ScreenHeading>
      <fieldset class="likert" aria-describedby={error ? 'handover-error' : undefined}>
        <legend class="likert__statement" lang={SOURCE_LANG}>
          {s.stem && <span class="likert__stem">{s.stem}</span>}
          <span>{s.marker ? `${s.marker} ${s.text}` : s.text}</span>
        </legend>
        <div class="likert__options">
          {LIKERT_VALUES.map((v) => {
            const label = scaleLabel(v);
            return (
              <label class="likert__option" key={v}>
                <input
                  type="radio"
                  name={`answer-${s.id}`}
                  value={v}
                  checked={value === v}
                  onChange={() => onChoose(v)}
                />
                <span class="likert__value">{v}</span>
                {label && (
                  <>
                    {' '}
                    <span class="likert__label" lang={SOURCE_LANG}>
                      {label}
                    </span>
                  </>
                )}
              </label>
            );
          })}
        </div>
      </fieldset>
      <ErrorLine error={error} />
      <div class="handover-nav">
        <button type="button" class="button button--secondary" onClick={onBack}>
          {t.handover.back}
        </button>
        <button type="button" class="button button--secondary" onClick={onSkip}>
          {t.handover.skip}
        </button>
        <button type="submit" class="button button--primary handover-nav__next">
          {t.handover.next}
        </button>
      </div>
    </form>
  );
}

function withoutSlot(answers: Answers, id: Slot['id']): Answers {
  const next = { ...answers };
  delete next[id];
  return next;
}

function ErrorLine({ error }: { error: string | null }) {
  return (
    <p id="handover-error" class={error ? 'form__error' : 'visually-hidden'} role="alert">
      {error ?? ''}
    </p>
  );
}

/** Tells the page what "Läs upp" should read while this screen is shown. */
function Speech({ text, onSpeech }: { text: SpeechText; onSpeech: (text: SpeechText) => void }) {
  useLayoutEffect(() => onSpeech(text), [text, onSpeech]);
  return null;
}
