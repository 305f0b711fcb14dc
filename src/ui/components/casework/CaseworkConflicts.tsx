import { useEffect, useState } from 'preact/hooks';
import { listConflicts, resolveConflict } from '../../../db/conflicts-repo';
import type { ConflictRow } from '../../../db/database';
import type { CaseworkEntityName } from '../../../domain/casework-entities';
import { ValidationError } from '../../../domain/validation';
import { useServices } from '../../app-context';
import { useLiveQuery } from '../../hooks/useLiveQuery';
import { t } from '../../i18n/casework';
import { conflictFieldLabel, conflictValue, type ValueContext } from './conflict-format';

/** A case-work record whose conflicts may be shown, with the heading it is known by. */
export interface ConflictTarget {
  entity: CaseworkEntityName;
  id: string;
  heading: string;
}

interface CaseworkConflictsProps extends ValueContext {
  targets: readonly ConflictTarget[];
  /** Unique on the page (headings' ids). */
  idPrefix: string;
  /** After a choice is stored (a form that loaded the record once reloads it: useResolvedKey). */
  onResolved?: (keep: 'server' | 'mine') => void;
}

/**
 * Fields of samtycken, möten, åtgärder and SIP:ar where another device's edit won: per record,
 * the user's value beside the one the server kept, both in Swedish, and a choice. "Behåll det
 * sparade" only drops the conflict (the server has that value); "Använd min ändring" queues an
 * edit, so after the next sync the server holds the user's choice. Works offline; nothing is
 * resolved without the user.
 */
export function CaseworkConflicts({ targets, idPrefix, onResolved, ...ctx }: CaseworkConflictsProps) {
  const { db } = useServices();
  const [message, setMessage] = useState('');
  const ids = targets.map((x) => x.id).join(',');
  const rows =
    useLiveQuery(
      async () => (await Promise.all(targets.map((x) => listConflicts(db, x.id)))).flat(),
      [db, ids],
    ).value ?? [];
  const k = t.casework.conflict;
  if (rows.length === 0)
    return message ? (
      <p role="status" class="notice">
        {message}
      </p>
    ) : null;
  const resolve = async (row: ConflictRow, keep: 'server' | 'mine') => {
    setMessage('');
    try {
      await resolveConflict(db, row.id, keep);
      setMessage(k.resolved);
      onResolved?.(keep);
    } catch (e) {
      setMessage(e instanceof ValidationError ? `${k.failed} ${e.message}` : k.failed);
    }
  };
  return (
    <section class="conflicts" aria-labelledby={`${idPrefix}-conflicts-heading`}>
      <h2 id={`${idPrefix}-conflicts-heading`}>{k.heading(rows.length)}</h2>
      <p>{k.intro}</p>
      {targets.map((target) => {
        const mine = rows.filter((r) => r.recordId === target.id);
        if (mine.length === 0) return null;
        return (
          <div key={target.id} class="table-wrap">
            <table class="arende-table data-table">
              <caption>{target.heading}</caption>
              <thead>
                <tr>
                  <th scope="col">{k.colField}</th>
                  <th scope="col">{k.colMine}</th>
                  <th scope="col">{k.colServer}</th>
                  <th scope="col">{k.colChoice}</th>
                </tr>
              </thead>
              <tbody>
                {mine.map((r) => {
                  const label = conflictFieldLabel(target.entity, r.field);
                  return (
                    <tr key={r.id}>
                      <th scope="row">{label}</th>
                      <td>{conflictValue(target.entity, r.field, r.local, ctx)}</td>
                      <td>{conflictValue(target.entity, r.field, r.server, ctx)}</td>
                      <td>
                        <span class="cell-actions">
                          <button
                            type="button"
                            class="button button--secondary"
                            aria-label={k.keepServerLabel(label)}
                            onClick={() => void resolve(r, 'server')}
                          >
                            {k.keepServer}
                          </button>
                          <button
                            type="button"
                            class="button button--secondary"
                            aria-label={k.useMineLabel(label)}
                            onClick={() => void resolve(r, 'mine')}
                          >
                            {k.useMine}
                          </button>
                        </span>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        );
      })}
      <p role="status" class="notice-inline">
        {message}
      </p>
    </section>
  );
}

/**
 * A key for a form that loads its record once: it changes when the user has chosen their own value
 * in a conflict and the device's record shows it, so the form starts again from that value. A sync
 * meanwhile does not change it (typing is never overwritten by a pull).
 */
export function useResolvedKey(
  recordId: string,
  updatedAt: string,
): [key: string, onResolved: (keep: 'server' | 'mine') => void] {
  const [round, setRound] = useState(0);
  // The record's updatedAt when the user chose their own value (the choice is a new edit).
  const [waitFrom, setWaitFrom] = useState<string | null>(null);
  useEffect(() => {
    if (waitFrom !== null && updatedAt !== waitFrom) {
      setRound((n) => n + 1);
      setWaitFrom(null);
    }
  }, [waitFrom, updatedAt]);
  return [`${recordId}:${round}`, (keep) => keep === 'mine' && setWaitFrom(updatedAt)];
}
