import { useState } from 'preact/hooks';
import { getColleagues } from '../../db/colleague-repo';
import { listConflicts, resolveConflict } from '../../db/conflicts-repo';
import type { SessionUser } from '../../domain/account';
import { ARENDE_FIELDS, type ArendeField } from '../../domain/arende';
import { ValidationError } from '../../domain/validation';
import { useServices, useSession } from '../app-context';
import { useLiveQuery } from '../hooks/useLiveQuery';
import { t } from '../i18n/arende';
import { formatDate, formatNumber } from '../i18n/format-time';
import { localizeMessage } from '../i18n/messages';
import { type Colleagues, personName } from './casework/names';

const isArendeField = (f: string): f is ArendeField => (ARENDE_FIELDS as readonly string[]).includes(f);

/** Any value as text, whatever a damaged record holds (an object without toString included). */
function plain(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v !== 'object' && typeof v !== 'function') return String(v);
  try {
    return JSON.stringify(v) ?? '';
  } catch {
    return '';
  }
}

/** Labels of a coded field's values (enum fields); other fields are shown as they are. */
function codeLabels(field: ArendeField): Record<string, string> | undefined {
  const e = t.enums;
  const byField: Partial<Record<ArendeField, Record<string, string>>> = {
    status: e.status,
    kon: e.kon,
    aldersgrupp: e.aldersgrupp,
    barnIHushallet: e.barnIHushallet,
    forsorjningshinder: e.forsorjningshinder,
    sjukdomSituationer: e.sjukdomSituation,
    sgi: e.sgi,
    parter: e.part,
    avslutsorsak: e.avslutsorsak,
  };
  return byField[field];
}

/**
 * One side of a conflict as the user knows it: labels for coded values, names for people and
 * enheter, dates and numbers in the chosen language – never a raw code or id.
 */
export function conflictValue(
  field: string,
  v: unknown,
  who: { user: SessionUser; colleagues: Colleagues },
): string {
  if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0))
    return t.conflict.empty;
  if (Array.isArray(v)) return v.map((x) => conflictValue(field, x, who)).join(', ');
  const text = plain(v);
  if (!isArendeField(field)) return text;
  if (field === 'handlaggareId') {
    const name = personName(text, who.user, who.colleagues);
    return name === t.person.colleague ? t.conflict.unknownPerson : name;
  }
  if (field === 'enhetId') return who.user.enheter.find((e) => e.id === v)?.namn ?? text;
  if (field === 'behovsgrupp') return who.user.forbund.behovsgrupper.find((b) => b.code === v)?.label ?? text;
  if (field === 'startdatum' || field === 'avslutsdatum') return formatDate(text);
  if (typeof v === 'number') return formatNumber(v);
  const labels = codeLabels(field);
  return labels && Object.hasOwn(labels, text) ? (labels[text] ?? text) : text;
}

/** The field's label in the chosen language; a field the catalogue does not know keeps its name. */
export const conflictFieldLabel = (field: string): string =>
  isArendeField(field) ? t.conflict.fields[field] : field;

/**
 * Fields of this ärende where another device's edit won: the user sees both values and chooses.
 * Shown above the form; nothing is resolved silently.
 */
export function ConflictNotice({ recordId, onResolved }: { recordId: string; onResolved: () => void }) {
  const { db } = useServices();
  const { user } = useSession();
  const [error, setError] = useState('');
  const data = useLiveQuery(
    async () => ({ conflicts: await listConflicts(db, recordId), colleagues: await getColleagues(db) }),
    [db, recordId],
  ).value;
  const conflicts = data?.conflicts ?? [];
  if (conflicts.length === 0) return null;
  const who = { user, colleagues: data?.colleagues ?? {} };
  const resolve = async (id: string, keep: 'server' | 'mine') => {
    setError('');
    await resolveConflict(db, id, keep).then(onResolved, (e: unknown) =>
      setError(e instanceof ValidationError ? localizeMessage(e.message) : t.conflict.failed),
    );
  };
  return (
    <section class="conflicts" aria-labelledby="conflicts-heading">
      <h2 id="conflicts-heading">{t.conflict.heading(conflicts.length)}</h2>
      <p>{t.conflict.intro}</p>
      <ul>
        {conflicts.map((c) => (
          <li key={c.id}>
            <p>
              <strong>{conflictFieldLabel(c.field)}</strong>:{' '}
              {c.serverPending
                ? t.conflict.valuesPending(conflictValue(c.field, c.local, who))
                : t.conflict.values(
                    conflictValue(c.field, c.local, who),
                    conflictValue(c.field, c.server, who),
                  )}
            </p>
            <button type="button" class="button button--secondary" onClick={() => resolve(c.id, 'server')}>
              {t.conflict.keepServer}
            </button>{' '}
            <button type="button" class="button button--secondary" onClick={() => resolve(c.id, 'mine')}>
              {t.conflict.useMine}
            </button>
          </li>
        ))}
      </ul>
      {error && <p role="alert">{error}</p>}
    </section>
  );
}
