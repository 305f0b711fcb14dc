-- Accounts, roles and revocation (issue 5): the half-year respondent role with its group, disabled
-- accounts, revoked devices, a public id for sessions (the admin sees sessions by it, never by the
-- token hash) and why a session ended, and one row per respondent who has answered a round.

alter table app_user drop constraint app_user_role_check;
alter table app_user add constraint app_user_role_check
  check (role in ('handlaggare', 'koordinator', 'admin', 'respondent'));
alter table app_user add column respondent_group text
  check (respondent_group in ('insatspersonal', 'forbundschef', 'styrelse', 'parternas_chefsgrupp'));
-- A respondent has a group, and only a respondent has one.
alter table app_user add constraint app_user_respondent_group_role
  check ((role = 'respondent') = (respondent_group is not null));
-- Set when an admin disables the account: it can neither sign in nor use a session it has.
alter table app_user add column disabled_at timestamptz;

-- Set when an admin revokes the device: its sessions end and its pushes are refused from then on.
alter table device add column revoked_at timestamptz;

alter table session add column id uuid;
update session set id = gen_random_uuid() where id is null;
alter table session alter column id set not null;
create unique index session_id_key on session (id);
-- Why the session ended early: logout, admin (revoked by an admin), password (reset), device.
alter table session add column revoked_reason text;

-- Which respondent accounts have answered which round, so a second answer is refused. It holds no
-- response id, form or time, and survey_response holds no user: the two cannot be joined.
create table round_participation (
  round_id uuid not null references survey_round (id),
  user_id uuid not null references app_user (id) on delete cascade,
  primary key (round_id, user_id)
);

create index audit_event_forbund_id_idx on audit_event (forbund_id, id desc);
