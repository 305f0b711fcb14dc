import { useState } from 'preact/hooks';
import { updateRecord } from '../../../../db/casework-repo';
import type { Samtycke } from '../../../../domain/samtycke';
import {
  canMarkUpprattad,
  Insats,
  type Sip,
  type SipFields,
  SipFieldsShape,
  type SipGap,
  type SipOffers,
  type SipStatus,
} from '../../../../domain/sip';
import { ValidationError } from '../../../../domain/validation';
import { useServices } from '../../../app-context';
import { t } from '../../../i18n/casework';
import { localizeMessage } from '../../../i18n/messages';
import { FormErrors } from '../FormErrors';
import { useSave } from '../useSave';
import { SipChecklist } from './SipChecklist';
import { SipInsatserFields } from './SipInsatserFields';
import { SipNeedFields } from './SipNeedFields';
import { SipPracticeFields } from './SipPracticeFields';
import { sipLabel } from './sip-form';

const FIELDS = Object.keys(SipFieldsShape) as (keyof SipFields)[];
/** Status changes only through the step buttons, never with a plain save. */
const EDITABLE = FIELDS.filter((f) => f !== 'status');
const pick = (sip: Sip): SipFields => Object.fromEntries(FIELDS.map((f) => [f, sip[f]])) as SipFields;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function insatsErrors(rows: readonly unknown[]): Record<string, string> {
  const out: Record<string, string> = {};
  rows.forEach((r, i) => {
    const parsed = Insats.safeParse(r);
    if (!parsed.success)
      for (const issue of parsed.error.issues) out[`insats-${i}-${String(issue.path[0])}`] ??= issue.message;
  });
  return out;
}

interface SipEditorProps {
  sip: Sip;
  samtycken: readonly Samtycke[];
  /** What the plan offers as its samtycke stands (sipOffers): which status steps are shown. */
  offers: SipOffers;
  today: string;
}

/**
 * The SIP form, loaded once (a sync mid-edit does not overwrite typing; only changed fields are
 * saved), the checklist as it stands, and the status steps: "upprättad" only through the domain gate.
 */
export function SipEditor({ sip, samtycken, offers, today }: SipEditorProps) {
  const { db } = useServices();
  const s = t.casework.sip;
  const [initial, setInitial] = useState(() => pick(sip));
  const [values, setValues] = useState(initial);
  const [missing, setMissing] = useState<SipGap[]>([]);
  const [message, setMessage] = useState('');
  const save = useSave();
  const set = <K extends keyof SipFields>(k: K, v: SipFields[K]) => setValues((x) => ({ ...x, [k]: v }));

  const store = async (status?: SipStatus) => {
    setMessage('');
    const ok = await save.run(async () => {
      const rows = insatsErrors(values.insatser);
      if (Object.keys(rows).length > 0) throw new ValidationError(rows);
      const changed = EDITABLE.filter((f) => !same(values[f], initial[f]));
      const patch: Partial<SipFields> = Object.fromEntries(changed.map((f) => [f, values[f]]));
      await updateRecord(db, 'sip', sip.id, status ? { ...patch, status } : patch);
    }, s.saveFailed);
    if (!ok) return;
    const saved = { ...values, status: status ?? values.status };
    setValues(saved);
    setInitial(saved);
    setMessage(status ? s.statusSaved(s.statusLower[status]) : s.saved);
  };

  const markUpprattad = () => {
    const gate = canMarkUpprattad(values, samtycken, today);
    setMissing(gate.ok ? [] : gate.missing);
    if (gate.ok) void store('upprattad');
  };

  const status = sip.status;
  return (
    <form
      class="form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void store();
      }}
    >
      <FormErrors
        id="sip-errors"
        errors={save.errors}
        labels={sipLabel}
        focusKey={save.attempt}
        failure={save.failure}
      />
      <SipNeedFields values={values} set={set} errors={save.errors} />
      <SipInsatserFields values={values} set={set} errors={save.errors} />
      <SipPracticeFields values={values} set={set} errors={save.errors} />
      <div class="form-section">
        <SipChecklist sip={values} samtycken={samtycken} today={today} />
      </div>
      {missing.length > 0 && status === 'utkast' && (
        <div class="error-summary" role="alert">
          <h2>{s.refusedHeading}</h2>
          <ul>
            {missing.map((g) => (
              <li key={`${g.item}-${g.message}`}>{localizeMessage(g.message)}</li>
            ))}
          </ul>
        </div>
      )}
      <p role="status" class="notice-inline">
        {message}
      </p>
      <div class="button-row form__actions">
        <button type="submit" class="button button--primary" aria-busy={save.saving}>
          {s.save}
        </button>
        {offers.markUpprattad && (
          <button type="button" class="button button--secondary" onClick={markUpprattad}>
            {s.markUpprattad}
          </button>
        )}
        {offers.markUppfoljd && (
          <button type="button" class="button button--secondary" onClick={() => void store('uppfoljd')}>
            {s.markUppfoljd}
          </button>
        )}
        {offers.markAvslutad && (
          <button type="button" class="button button--secondary" onClick={() => void store('avslutad')}>
            {s.markAvslutad}
          </button>
        )}
      </div>
    </form>
  );
}
