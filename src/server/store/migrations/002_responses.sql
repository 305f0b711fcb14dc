-- Kärnindikator responses and half-year survey rounds. Responses live apart from `record`: they
-- are written once, never changed and never pulled by a device (a handläggare never sees one
-- deltagare's answers). Half-year responses are anonymous: round, enhet and group only — the
-- table has no column for a user or a device, and a case-linked response names its ärende only.

create table survey_round (
  id uuid primary key,
  forbund_id uuid not null references forbund (id),
  period text not null check (period ~ '^[0-9]{4}H[12]$'),
  enhet_ids uuid[] not null check (cardinality(enhet_ids) > 0),
  form_ids text[] not null check (cardinality(form_ids) > 0),
  created_by uuid not null references app_user (id),
  created_at timestamptz not null,
  closed_at timestamptz,
  unique (forbund_id, period)
);

create table survey_response (
  id uuid primary key,
  forbund_id uuid not null references forbund (id),
  -- The enhet the answers are about: the ärende's (case-linked) or the one chosen in the round.
  enhet_id uuid not null references enhet (id),
  -- Exactly one of the two: a case-linked response names its ärende, a half-year one its round.
  arende_id uuid,
  round_id uuid references survey_round (id),
  form_id text not null,
  respondent_group text not null,
  instrument_version text not null,
  -- slot → 1..5; a skipped slot is absent, never a value.
  answers jsonb not null check (jsonb_typeof(answers) = 'object'),
  answered_with text check (answered_with in ('sjalv', 'med_stod')),
  submitted_at timestamptz not null,
  check ((arende_id is null) <> (round_id is null)),
  check (round_id is null or answered_with is null)
);
create index survey_response_forbund_idx on survey_response (forbund_id, form_id);
create index survey_response_arende_idx on survey_response (arende_id) where arende_id is not null;
create index survey_response_round_idx on survey_response (round_id) where round_id is not null;

-- A submitted response is final: the database itself refuses to change one.
create function survey_response_is_final() returns trigger language plpgsql as $$
begin
  raise exception 'survey_response % is final and cannot be changed', old.id using errcode = 'P0001';
end
$$;
create trigger survey_response_no_update before update on survey_response
  for each row execute function survey_response_is_final();
