-- Tenancy, accounts, sessions, devices and synced records. Every personal record carries its
-- förbund and enhet so isolation is a WHERE clause, never a join through other tables.

create table forbund (
  id uuid primary key,
  namn text not null,
  behovsgrupper jsonb not null default '[]',
  created_at timestamptz not null default now()
);

create table enhet (
  id uuid primary key,
  forbund_id uuid not null references forbund (id),
  namn text not null,
  kod text not null check (kod ~ '^[A-ZÅÄÖ]{2,4}$'),
  unique (forbund_id, kod)
);

create table app_user (
  id uuid primary key,
  forbund_id uuid not null references forbund (id),
  username text not null,
  display_name text not null,
  role text not null check (role in ('handlaggare', 'koordinator', 'admin')),
  password_hash text not null,
  created_at timestamptz not null default now()
);
-- Usernames are compared without regard to case, so "Anna" and "anna" cannot both exist.
create unique index app_user_username_key on app_user (lower(username));

create table user_enhet (
  user_id uuid not null references app_user (id) on delete cascade,
  enhet_id uuid not null references enhet (id),
  primary key (user_id, enhet_id)
);

-- Only the SHA-256 of a session token is stored: a copy of the database opens no sessions.
create table session (
  token_hash text primary key,
  user_id uuid not null references app_user (id) on delete cascade,
  device_id uuid,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  revoked_at timestamptz
);
create index session_user_idx on session (user_id);

-- last_seq is the highest mutation sequence of the device that has been applied (or refused);
-- it changes in the same transaction as the effects of that mutation.
create table device (
  id uuid primary key,
  user_id uuid not null references app_user (id),
  last_seq bigint not null default 0,
  created_at timestamptz not null,
  last_seen_at timestamptz not null
);

-- The answer given to each mutation, so a batch sent again gets the same answers back.
create table applied_mutation (
  device_id uuid not null references device (id),
  seq bigint not null,
  mutation_id uuid not null,
  result jsonb not null,
  applied_at timestamptz not null,
  primary key (device_id, seq)
);

create sequence change_seq;

create table record (
  entity text not null,
  id uuid not null,
  forbund_id uuid not null references forbund (id),
  enhet_id uuid references enhet (id),
  data jsonb not null,
  version integer not null,
  field_versions jsonb not null,
  -- For each field, the device whose edit last changed it: a device's later edit of a field it
  -- changed itself is never a conflict with itself (see domain/merge.ts).
  field_writers jsonb not null default '{}',
  change_seq bigint not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  primary key (entity, id)
);
create index record_pull_idx on record (forbund_id, change_seq);
create unique index record_arende_code_key on record (forbund_id, (data ->> 'code')) where entity = 'arende';

-- Who changed what and when: field names only, never their content.
create table audit_event (
  id bigserial primary key,
  at timestamptz not null,
  forbund_id uuid not null references forbund (id),
  user_id uuid references app_user (id),
  device_id uuid,
  action text not null,
  entity text,
  record_id uuid,
  fields jsonb
);
create index audit_event_forbund_idx on audit_event (forbund_id, at);
