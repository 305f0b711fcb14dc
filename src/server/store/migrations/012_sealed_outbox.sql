-- The sealed outbox (issue 16): a seal key per förbund and push-only device credentials.

-- The förbund's seal key: devices seal outbox entries to its public half so that the service
-- worker can carry them while the app is locked; only the server can open them. The private half
-- sits beside the data it protects, which the server reads in the clear anyway once a push is
-- opened, so a copy of the database gains nothing from it. kid names the pair in every box.
create table forbund_seal_key (
  forbund_id uuid primary key references forbund (id),
  kid text not null unique,
  public_key text not null,
  private_jwk jsonb not null,
  created_at timestamptz not null
);

-- A push-only credential: its token opens POST /api/sync/push-sealed and nothing else, for one
-- device and the session that asked for it; it ends with that session and with the device.
-- Only the SHA-256 of the token and of the in-box secret are stored.
create table push_credential (
  token_hash text primary key,
  session_id uuid not null references session (id) on delete cascade,
  device_id uuid not null references device (id),
  secret_hash text not null,
  created_at timestamptz not null
);
create index push_credential_device_idx on push_credential (device_id);
create index push_credential_session_idx on push_credential (session_id);
