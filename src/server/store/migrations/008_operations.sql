-- Running Fältsam for real (issue 14): one-time passwords and a sign-in limit shared by every
-- server process on the database.

-- Set for a password someone else chose (the CLI's one-time password): the next sign-in must
-- choose a new one before a session is given.
alter table app_user add column must_change_password boolean not null default false;

-- Sign-in attempts within the limiter's window, per account (lower-cased username) and per client
-- address. A row is written before the password is checked, so parallel guesses count at once; it
-- is deleted again when the sign-in succeeds or is refused by the limit, so what stays is failures.
-- Rows older than the window are deleted by the next attempt: nothing is kept longer than that.
create table login_attempt (
  id uuid primary key,
  kind text not null check (kind in ('account', 'address')),
  key text not null,
  at timestamptz not null
);
create index login_attempt_key_idx on login_attempt (kind, key, at);
create index login_attempt_at_idx on login_attempt (at);
