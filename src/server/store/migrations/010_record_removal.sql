-- Removals in the pull feed (issue 15): a record left the part of the förbund a user may see (an
-- ärende and its case work moved to another enhet; later, gallring). A pull delivers a removal
-- to each user whose enhet (or förbund, for förbund-wide kinds) the record left and who cannot
-- see the record now, so the device deletes its copy. Removals take their place in the pull order
-- like records (change_xid stamped by the trigger of migration 009, change_seq from the same
-- sequence), so one cursor orders both and a pull never skips either. Ids and names only.
create table record_removal (
  change_seq bigint primary key,
  change_xid xid8 not null default '0',
  forbund_id uuid not null references forbund (id),
  entity text not null,
  record_id uuid not null,
  -- The enhet the record left; null for a förbund-wide record.
  enhet_id uuid references enhet (id),
  -- Only this user's devices; null for everyone who could see the record there.
  user_id uuid references app_user (id) on delete cascade
);
create index record_removal_pull_idx on record_removal (forbund_id, change_xid, change_seq);
create trigger record_removal_change_stamp before insert or update on record_removal
  for each row execute function record_change_stamp();

-- A device does not download its own writes again (issue 15): the device whose write made the
-- record as it is, when that device already holds exactly this (it sent every changed field, on
-- the version before, and the server kept them all), and the version that write made. A pull by
-- that device skips the record while it is still at that version; any later change of content
-- takes a new version, and a touch (the server keeps other values than sent) clears it.
alter table record add column own_writer uuid, add column own_version integer;
