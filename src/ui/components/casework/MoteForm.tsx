import { useState } from 'preact/hooks';
import { type NewAtgard, recordMote } from '../../../db/casework-actions';
import { type ArendeRef, updateRecord } from '../../../db/casework-repo';
import {
  emptyMoteFields,
  MOTESTYPER,
  type Mote,
  type MoteFields,
  MoteFieldsShape,
  Motesdeltagare,
  trepartssamtalTemplate,
} from '../../../domain/mote';
import { ValidationError } from '../../../domain/validation';
import { useServices } from '../../app-context';
import { t } from '../../i18n/casework';
import { ChoiceGroup } from '../fields/ChoiceGroup';
import { SelectField } from '../fields/SelectField';
import { TextField } from '../fields/TextField';
import { AtgardRows } from './AtgardRows';
import { FormErrors } from './FormErrors';
import { ParticipantRows } from './ParticipantRows';
import { useSave } from './useSave';

interface MoteFormProps {
  arende: ArendeRef;
  today: string;
  /** A saved meeting to correct; its åtgärder are followed up on the overview, not here. */
  saved?: Mote | undefined;
  onSaved: (mote: { id: string; date: string }) => void;
  onCancel: () => void;
}

const labels = (): Record<string, string> => ({
  type: t.casework.mote.type,
  date: t.casework.mote.date,
  participants: t.casework.mote.participants,
  deltagareDeltog: t.casework.mote.deltagareDeltog,
  anteckningar: t.casework.mote.anteckningar,
  nextMeetingDate: t.casework.mote.nextMeetingDate,
});

function label(field: string): string {
  const row = /^(deltagare|atgard)-(\d+)-(\w+)$/.exec(field);
  if (!row) return labels()[field] ?? field;
  const m = t.casework.mote;
  const n = Number(row[2]) + 1;
  const what = row[1] === 'deltagare' ? m.participant(n) : m.atgard(n);
  const f = row[3] as keyof typeof m;
  return `${what}, ${typeof m[f] === 'string' ? (m[f] as string).toLowerCase() : f}`;
}

/** Row checks the domain reports only per list: each participant's role, by row. */
function participantErrors(rows: readonly unknown[]): Record<string, string> {
  const out: Record<string, string> = {};
  rows.forEach((r, i) => {
    const parsed = Motesdeltagare.safeParse(r);
    if (!parsed.success)
      for (const issue of parsed.error.issues)
        out[`deltagare-${i}-${String(issue.path[0])}`] ??= issue.message;
  });
  return out;
}

const MOTE_FIELDS = Object.keys(MoteFieldsShape) as (keyof MoteFields)[];
const pick = (x: Mote): MoteFields => Object.fromEntries(MOTE_FIELDS.map((f) => [f, x[f]])) as MoteFields;

/**
 * A meeting with participants, guarded notes, agreed åtgärder and the next date; stored together.
 * Correcting a saved meeting sends only the fields changed here (a sync meanwhile is not undone).
 */
export function MoteForm({ arende, today, saved, onSaved, onCancel }: MoteFormProps) {
  const { db } = useServices();
  const m = t.casework.mote;
  const [initial] = useState<MoteFields>(() => (saved ? pick(saved) : emptyMoteFields(today)));
  const [mote, setMote] = useState<MoteFields>(initial);
  const [atgarder, setAtgarder] = useState<NewAtgard[]>([]);
  const save = useSave();
  const set = <K extends keyof MoteFields>(k: K, v: MoteFields[K]) => setMote((x) => ({ ...x, [k]: v }));

  const submit = async (e: Event) => {
    e.preventDefault();
    let id = '';
    const ok = await save.run(async () => {
      const rowErrors = participantErrors(mote.participants);
      if (Object.keys(rowErrors).length > 0) throw new ValidationError(rowErrors);
      if (saved) {
        const changed = MOTE_FIELDS.filter((f) => JSON.stringify(mote[f]) !== JSON.stringify(initial[f]));
        await updateRecord(db, 'mote', saved.id, Object.fromEntries(changed.map((f) => [f, mote[f]])));
        id = saved.id;
      } else id = await recordMote(db, arende, mote, atgarder);
    }, m.saveFailed);
    if (ok) onSaved({ id, date: mote.date });
  };

  return (
    <form class="form" noValidate onSubmit={submit}>
      <FormErrors
        id="mote-errors"
        errors={save.errors}
        labels={label}
        focusKey={save.attempt}
        failure={save.failure}
      />
      <div class="form-section">
        <SelectField
          name="type"
          label={m.type}
          value={mote.type}
          error={save.errors.type}
          options={MOTESTYPER.map((x) => ({ value: x, label: t.casework.motestyp[x] }))}
          onChange={(v) => set('type', v as MoteFields['type'])}
        />
        <div class="field">
          <button
            type="button"
            class="button button--secondary"
            aria-describedby="template-hint"
            onClick={() => setMote((x) => ({ ...x, ...trepartssamtalTemplate() }))}
          >
            {m.template}
          </button>
          <p id="template-hint" class="field__hint">
            {m.templateHint}
          </p>
        </div>
        <TextField
          name="date"
          type="date"
          label={m.date}
          value={mote.date}
          error={save.errors.date}
          onInput={(v) => set('date', v)}
        />
      </div>
      <div class="form-section">
        <ParticipantRows
          rows={mote.participants}
          errors={save.errors}
          onChange={(v) => set('participants', v)}
        />
        <ChoiceGroup
          name="deltagareDeltog"
          legend={m.deltagareDeltog}
          options={[
            { value: 'ja', label: t.casework.yes },
            { value: 'nej', label: t.casework.no },
          ]}
          value={mote.deltagareDeltog ? 'ja' : 'nej'}
          error={save.errors.deltagareDeltog}
          onChange={(v) => set('deltagareDeltog', v === 'ja')}
        />
        <TextField
          name="anteckningar"
          multiline
          label={m.anteckningar}
          hint={t.form.anteckningarHint}
          value={mote.anteckningar}
          error={save.errors.anteckningar}
          onInput={(v) => set('anteckningar', v)}
        />
      </div>
      <div class="form-section">
        {!saved && (
          <AtgardRows rows={atgarder} errors={save.errors} onChange={setAtgarder} defaultSenast={mote.date} />
        )}
        <TextField
          name="nextMeetingDate"
          type="date"
          label={m.nextMeetingDate}
          hint={m.nextMeetingHint}
          value={mote.nextMeetingDate ?? ''}
          error={save.errors.nextMeetingDate}
          onInput={(v) => set('nextMeetingDate', v || null)}
        />
      </div>
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
