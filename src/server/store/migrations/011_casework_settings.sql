-- Case work, complete (issue 18): the förbund's own settings, refused and withdrawn samtycke, and
-- what gallring needs to know about devices. The behovsgrupper stay in forbund.behovsgrupper; a
-- group gains "retiredAt" there when the admin retires it (no column needed).

-- How often stegförflyttning is offered at a meeting (months), and the gallring period (years after
-- avslut; null: the förbund has not chosen one, and nothing is culled). When the period was last
-- set: an ärende it made due at once waits for devices to sync after that moment.
alter table forbund add column steg_intervall_manader integer not null default 2
  check (steg_intervall_manader between 1 and 12);
alter table forbund add column gallring_ar integer check (gallring_ar between 1 and 30);
alter table forbund add column gallring_ar_satt_at timestamptz;

-- Samtycken recorded before refusals and the recorder of a withdrawal existed were given, and
-- their withdrawal (if any) has no known recorder.
update record set data = jsonb_build_object('decision', 'lamnat', 'withdrawnBy', null) || data
 where entity = 'samtycke';

-- Gallring never removes an ärende a device may still hold unsynced changes to. A device counts
-- until it has completed a sync (its pull, which follows a full push) after the ärende became due,
-- or it is signed out (the app wipes it; a logout with unsynced work needs the user's consent), or
-- blocked by the admin. synced_at null: no sync recorded since this migration.
alter table device add column synced_at timestamptz;
alter table device add column signed_out_at timestamptz;

-- One row per gallring run of a förbund (on the schedule or asked for), without any ids.
create table gallring_run (
  id bigserial primary key,
  forbund_id uuid not null references forbund (id),
  at timestamptz not null,
  -- The admin who asked for it; null when it ran on the schedule or from the command line.
  user_id uuid references app_user (id) on delete set null,
  removed integer not null,
  held integer not null
);
create index gallring_run_forbund_idx on gallring_run (forbund_id, at desc);

-- A stored response is final (migrations 002 and 007), with one exception: gallring removes the
-- responses of the ärende it culls. The transaction doing so names that ärende in a setting local
-- to it (store/gallring.ts); any other delete, and any delete of a response with no ärende (a
-- half-year round's), is still refused.
create function survey_response_delete_guard() returns trigger language plpgsql as $$
begin
  if old.arende_id is not null
     and old.arende_id::text = current_setting('faltsam.gallra_arende', true) then
    return old;
  end if;
  raise exception 'survey_response % is final and cannot be changed', old.id using errcode = 'P0001';
end
$$;
drop trigger survey_response_no_delete on survey_response;
create trigger survey_response_no_delete before delete on survey_response
  for each row execute function survey_response_delete_guard();
