-- The morning office sync at scale (issue 19): every query of push and pull finds its rows by an
-- index, pushes of one förbund no longer wait for each other, and sessions slide.

-- ---- Pull order without a förbund-wide write lock (services/pull.ts explains the invariant).
-- A record's place in the pull order is (change_xid, change_seq): the id of the transaction that
-- last wrote it, then its change_seq within that transaction. A pull returns only rows written by
-- transactions older than every transaction still running, so a row can never appear behind a
-- cursor already handed out. The trigger stamps every insert and update: no write can forget it.
-- Rows written before this migration get 0, before every transaction from now on; a device's
-- cursor from before (a bare change_seq) means (0, change_seq).
alter table record add column change_xid xid8 not null default '0';
create function record_change_stamp() returns trigger language plpgsql as $$
begin
  new.change_xid := pg_current_xact_id();
  return new;
end
$$;
create trigger record_change_stamp before insert or update on record
  for each row execute function record_change_stamp();
drop index record_pull_idx;
create index record_pull_idx on record (forbund_id, change_xid, change_seq);

-- The konsultationsteam's rule counts the förbund's active ärenden by age band and enhet: only
-- those, not every record of the förbund.
create index record_active_arende_idx on record (forbund_id, enhet_id, (data ->> 'aldersgrupp'))
  where entity = 'arende' and (data ->> 'status') = 'aktiv';

-- ---- Statistics (store/statistics.ts keeps them fresh). The planner ignores what ANALYZE learns
-- of a partial index's expressions, so without these it took data ->> 'code' = any(50 codes) of a
-- push for a quarter of the table and read all of it; with them it finds the 50 by the unique index.
create statistics record_code_stats on (data ->> 'code') from record;
create statistics record_arende_ref_stats on (data ->> 'arendeId') from record;
-- Whole JSON documents get none: no query compares them as values, and sampling them made each
-- ANALYZE of record slow (the expressions above keep theirs).
alter table record alter column data set statistics 0, alter column field_versions set statistics 0,
  alter column field_writers set statistics 0;
alter table survey_response alter column answers set statistics 0;
alter table audit_event alter column fields set statistics 0;

-- ---- Sessions slide (auth/session-lifetime.ts): each use moves expires_at up to 30 days ahead,
-- never past absolute_expires_at, 76–90 days after sign-in. Sessions already open get theirs the
-- same way, spread at random, so they do not all end on one morning either.
alter table session add column absolute_expires_at timestamptz;
update session set absolute_expires_at =
  greatest(expires_at, created_at + interval '90 days' - floor(random() * 14 * 24 * 60) * interval '1 minute');
alter table session alter column absolute_expires_at set not null;
