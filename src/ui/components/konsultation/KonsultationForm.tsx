import { useRef, useState } from 'preact/hooks';
import {
  deleteKonsultationsfall,
  type KonsultationsmoteView,
  saveKonsultation,
} from '../../../db/konsultation-repo';
import {
  emptyKonsultationsmote,
  KONSULTATION_PARTER,
  type KonsultationsmoteFields,
} from '../../../domain/konsultation';
import { useServices, useSession } from '../../app-context';
import { t } from '../../i18n/konsultation';
import { FormErrors } from '../casework/FormErrors';
import { useSave } from '../casework/useSave';
import { ChoiceGroup } from '../fields/ChoiceGroup';
import { TextField } from '../fields/TextField';
import { type FallRow, FallRows } from './FallRows';

interface KonsultationFormProps {
  /** The saved meeting to edit; a new meeting when absent. */
  saved?: KonsultationsmoteView;
  today: string;
  onSaved: () => void;
  onCancel: () => void;
}

const moteLabels = (): Record<string, string> => ({
  datum: t.konsultation.mote.datum,
  narvarande: t.konsultation.mote.narvarande,
  anteckningar: t.konsultation.mote.anteckningar,
});

/** "fall-1-fraga" → "Ärende 2, frågan till teamet". */
function label(field: string): string {
  const row = /^fall-(\d+)-(\w+)$/.exec(field);
  if (!row) return moteLabels()[field] ?? field;
  const f = t.konsultation.fall;
  const what = f[row[2] as keyof typeof f];
  return `${f.legend(Number(row[1]) + 1)}, ${typeof what === 'string' ? what.toLowerCase() : row[2]}`;
}

function rowsOf(saved: KonsultationsmoteView | undefined): FallRow[] {
  return (saved?.fall ?? []).map((f) => ({
    id: f.id,
    nr: f.nr,
    lyftAv: f.lyftAv,
    aktuellSedan: f.aktuellSedan,
    aldersgrupp: f.aldersgrupp,
    enhetId: f.enhetId,
    sammanfattning: f.sammanfattning,
    fraga: f.fraga,
    rad: f.rad,
    uppfoljning: f.uppfoljning,
    uppfoljningManad: f.uppfoljningManad,
    utfall: f.utfall,
  }));
}

/** A konsultationsteam meeting with its de-identified case summaries, stored together on the device. */
export function KonsultationForm({ saved, today, onSaved, onCancel }: KonsultationFormProps) {
  const { db } = useServices();
  const { user } = useSession();
  const m = t.konsultation.mote;
  const [mote, setMote] = useState<KonsultationsmoteFields>(() =>
    saved
      ? { datum: saved.datum, narvarande: saved.narvarande, anteckningar: saved.anteckningar }
      : emptyKonsultationsmote(today),
  );
  const [fall, setFall] = useState<FallRow[]>(() => rowsOf(saved));
  const save = useSave();
  const set = <K extends keyof KonsultationsmoteFields>(k: K, v: KonsultationsmoteFields[K]) =>
    setMote((x) => ({ ...x, [k]: v }));
  const remove = useDeleteFall((id) => setFall((rows) => rows.filter((r) => r.id !== id)));

  const submit = async (e: Event) => {
    e.preventDefault();
    const ok = await save.run(async () => {
      await saveKonsultation(db, {
        forbundId: user.forbund.id,
        ...(saved ? { moteId: saved.id } : {}),
        mote,
        fall,
      });
    }, m.saveFailed);
    if (ok) onSaved();
  };

  return (
    <form class="form" noValidate onSubmit={submit}>
      <h2>{m.heading}</h2>
      <FormErrors
        id="konsultation-errors"
        errors={save.errors}
        labels={label}
        focusKey={save.attempt}
        failure={save.failure}
      />
      <div class="form-section">
        <TextField
          name="datum"
          type="date"
          label={m.datum}
          value={mote.datum}
          error={save.errors.datum}
          onInput={(v) => set('datum', v)}
        />
        <ChoiceGroup
          name="narvarande"
          legend={m.narvarande}
          hint={m.narvarandeHint}
          multiple
          options={KONSULTATION_PARTER.map((p) => ({ value: p, label: t.konsultation.part[p] }))}
          value={mote.narvarande}
          error={save.errors.narvarande}
          onChange={(v) => set('narvarande', v as KonsultationsmoteFields['narvarande'])}
        />
        <TextField
          name="anteckningar"
          multiline
          label={m.anteckningar}
          hint={m.anteckningarHint}
          value={mote.anteckningar}
          error={save.errors.anteckningar}
          onInput={(v) => set('anteckningar', v)}
        />
      </div>
      <FallRows
        rows={fall}
        errors={save.errors}
        syncOf={(id) => saved?.fall.find((f) => f.id === id)?.sync}
        onChange={setFall}
        onDelete={remove.ask}
      />
      <p role="status" class="notice-inline">
        {remove.message}
      </p>
      {remove.dialog}
      <div class="button-row form__actions">
        <button type="submit" class="button button--primary" aria-busy={save.saving}>
          {m.save}
        </button>
        <button type="button" class="button button--secondary" onClick={onCancel}>
          {m.cancel}
        </button>
      </div>
    </form>
  );
}

/**
 * Deleting a saved summary after the user confirms in a dialog: gone from the device at once,
 * from the server and the other devices at the next sync.
 */
function useDeleteFall(onDeleted: (id: string) => void) {
  const { db } = useServices();
  const f = t.konsultation.fall;
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const [pending, setPending] = useState<{ id: string; nr: number } | null>(null);
  const [message, setMessage] = useState('');
  const ask = (id: string, nr: number) => {
    setPending({ id, nr });
    setMessage('');
    if (dialog.current && !dialog.current.open) dialog.current.showModal();
    cancel.current?.focus();
  };
  const confirm = async () => {
    if (!pending) return;
    dialog.current?.close();
    try {
      await deleteKonsultationsfall(db, pending.id);
      onDeleted(pending.id);
      setMessage(f.deleted(pending.nr));
    } catch {
      setMessage(f.deleteFailed);
    }
  };
  const node = (
    <dialog
      ref={dialog}
      class="dialog"
      aria-labelledby="fall-delete-title"
      aria-describedby="fall-delete-desc"
    >
      <h2 id="fall-delete-title">{f.confirmTitle}</h2>
      <p id="fall-delete-desc">{pending ? f.confirmText(pending.nr) : ''}</p>
      <div class="button-row">
        <button
          ref={cancel}
          type="button"
          class="button button--secondary"
          onClick={() => dialog.current?.close()}
        >
          {f.cancel}
        </button>
        <button type="button" class="button button--danger" onClick={() => void confirm()}>
          {f.confirm}
        </button>
      </div>
    </dialog>
  );
  return { ask, message, dialog: node };
}
