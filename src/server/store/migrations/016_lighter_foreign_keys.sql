-- Every foreign-key check is a query of its own, run for each row written: a push of 200 ärenden
-- ran six per ärende (record: förbund, förbund + enhet; audit_event: förbund, user, förbund + user;
-- applied_mutation: device), and on PGlite they were a third of the database's time of a push
-- (bench/push-server.ts; issue 15). Half of them said nothing the composite keys of migration 007
-- did not already say: a record's enhet found with its förbund proves the förbund (enhet ->
-- forbund), and an audit row's user found with its förbund proves both. The single-column keys
-- are now checked only where the composite one is not (a null in it, which skips it): through a
-- stored column that holds the value only then. What the database refuses is the same as before.
alter table record drop constraint record_forbund_id_fkey;
alter table record add column forbund_without_enhet uuid
  generated always as (case when enhet_id is null then forbund_id end) stored
  constraint record_forbund_without_enhet_fkey references forbund (id);

alter table audit_event drop constraint audit_event_forbund_id_fkey;
alter table audit_event drop constraint audit_event_user_id_fkey;
alter table audit_event add column forbund_without_user uuid
  generated always as (case when user_id is null then forbund_id end) stored
  constraint audit_event_forbund_without_user_fkey references forbund (id);
alter table audit_event add column user_without_forbund uuid
  generated always as (case when forbund_id is null then user_id end) stored
  constraint audit_event_user_without_forbund_fkey references app_user (id);

-- No query reads the log by (förbund, time): the admin's pages go by (forbund_id, id desc) and
-- retention by (at). One index fewer to write for every audit row.
drop index audit_event_forbund_idx;
