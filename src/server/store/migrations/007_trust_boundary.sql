-- The schema enforces tenancy, write-once and the shape of what is kept by itself, not only the
-- code (issue 11). Applied in one transaction with the others: a database holding a row that
-- breaks one of these rules (e.g. a record whose enhet is another förbund's) is refused whole and
-- left as it was, for a person to look at.

-- ---- Tenancy: an enhet is referred to together with its förbund, wherever both appear.

alter table enhet add constraint enhet_forbund_id_key unique (forbund_id, id);
alter table app_user add constraint app_user_forbund_id_key unique (forbund_id, id);
alter table survey_round add constraint survey_round_forbund_id_key unique (forbund_id, id);

alter table record add constraint record_forbund_enhet_fkey
  foreign key (forbund_id, enhet_id) references enhet (forbund_id, id);
alter table survey_response add constraint survey_response_forbund_enhet_fkey
  foreign key (forbund_id, enhet_id) references enhet (forbund_id, id);
alter table survey_response add constraint survey_response_forbund_round_fkey
  foreign key (forbund_id, round_id) references survey_round (forbund_id, id);
alter table survey_answer_tally add constraint survey_answer_tally_forbund_enhet_fkey
  foreign key (forbund_id, enhet_id) references enhet (forbund_id, id);
alter table audit_event add constraint audit_event_forbund_user_fkey
  foreign key (forbund_id, user_id) references app_user (forbund_id, id);

-- user_enhet names no förbund; it gets the user's, filled in by the database, so that an account
-- can only be given enheter of its own förbund.
alter table user_enhet add column forbund_id uuid;
update user_enhet ue set forbund_id = u.forbund_id from app_user u where u.id = ue.user_id;
alter table user_enhet alter column forbund_id set not null;
create function user_enhet_forbund() returns trigger language plpgsql as $$
begin
  new.forbund_id := (select forbund_id from app_user where id = new.user_id);
  return new;
end
$$;
create trigger user_enhet_forbund before insert or update on user_enhet
  for each row execute function user_enhet_forbund();
alter table user_enhet add constraint user_enhet_forbund_user_fkey
  foreign key (forbund_id, user_id) references app_user (forbund_id, id) on delete cascade;
alter table user_enhet add constraint user_enhet_forbund_enhet_fkey
  foreign key (forbund_id, enhet_id) references enhet (forbund_id, id);

-- A round's enheter are an array (no foreign key can check one): a trigger does.
create function survey_round_enheter_in_forbund() returns trigger language plpgsql as $$
begin
  if exists (select 1 from unnest(new.enhet_ids) e(id)
              where not exists (select 1 from enhet where enhet.id = e.id and enhet.forbund_id = new.forbund_id))
  then
    raise exception 'survey_round %: every enhet must belong to förbund %', new.id, new.forbund_id
      using errcode = '23503';
  end if;
  return new;
end
$$;
create trigger survey_round_enheter_in_forbund before insert or update on survey_round
  for each row execute function survey_round_enheter_in_forbund();
-- Rounds already stored get the same check once.
do $$
begin
  if exists (select 1 from survey_round r cross join unnest(r.enhet_ids) e(id)
              where not exists (select 1 from enhet where enhet.id = e.id and enhet.forbund_id = r.forbund_id))
  then
    raise exception 'a stored survey_round names an enhet of another förbund' using errcode = '23503';
  end if;
end
$$;

-- ---- Records: one row per id, whatever its kind, and the row's identity matches its data.

alter table record drop constraint record_pkey;
alter table record add constraint record_pkey primary key (id);
alter table record add constraint record_entity_check check (entity in (
  'arende', 'samtycke', 'mote', 'atgard', 'sip', 'stegmatning', 'overlamning',
  'konsultationsmote', 'konsultationsfall'));
alter table record add constraint record_version_check check (version >= 1);
alter table record add constraint record_change_seq_check check (change_seq >= 1);
-- (is not distinct from: a missing member is null, and a check that is null passes)
alter table record add constraint record_data_check check (
  jsonb_typeof(data) = 'object'
  and (data ->> 'id') is not distinct from id::text
  and (data ->> 'forbundId') is not distinct from forbund_id::text
  and (data ->> 'version')::integer is not distinct from version);
alter table record add constraint record_field_versions_check check (
  jsonb_typeof(field_versions) = 'object' and jsonb_typeof(field_writers) = 'object');

-- ---- Enkät responses: write-once, and only answers the instrument knows.

create function survey_answers_valid(answers jsonb) returns boolean language sql immutable as $$
  select jsonb_typeof(answers) = 'object'
     and not exists (
       select 1 from jsonb_each(answers) a
        where a.key !~ '^M[0-9]{2}(\.[0-9]|[a-z])?$'
           or jsonb_typeof(a.value) <> 'number'
           or a.value::text not in ('1', '2', '3', '4', '5'))
$$;
alter table survey_response add constraint survey_response_answers_valid_check check (survey_answers_valid(answers));
alter table survey_response add constraint survey_response_form_check check (form_id in (
  'F-D-UNDER', 'F-D-AVSLUT', 'F-D-INTERVALL', 'F-P-UNDER', 'F-P-AVSLUT', 'F-P-INTERVALL',
  'F-IP-HALVÅR', 'F-FC-HALVÅR', 'F-ST-HALVÅR', 'F-CG-HALVÅR'));
alter table survey_response add constraint survey_response_group_check check (respondent_group in (
  'deltagare', 'personal', 'insatspersonal', 'forbundschef', 'styrelse', 'parternas_chefsgrupp'));
alter table survey_response add constraint survey_response_instrument_check
  check (length(instrument_version) between 1 and 100);

-- Migration 002 refused UPDATE; a stored response may not be deleted or truncated either.
create trigger survey_response_no_delete before delete on survey_response
  for each row execute function survey_response_is_final();
create function survey_response_no_truncate() returns trigger language plpgsql as $$
begin
  raise exception 'survey_response is final and cannot be truncated' using errcode = 'P0001';
end
$$;
create trigger survey_response_no_truncate before truncate on survey_response
  for each statement execute function survey_response_no_truncate();

alter table survey_round add constraint survey_round_forms_check check (form_ids <@ array[
  'F-IP-HALVÅR', 'F-FC-HALVÅR', 'F-ST-HALVÅR', 'F-CG-HALVÅR']::text[]);

alter table survey_answer_tally add constraint survey_answer_tally_answer_check check (answer between 1 and 5);
alter table survey_answer_tally add constraint survey_answer_tally_period_check check (period ~ '^[0-9]{4}H[12]$');
alter table survey_latest add constraint survey_latest_period_check check (period ~ '^[0-9]{4}H[12]$');

-- ---- Accounts, sessions, devices.

alter table forbund add constraint forbund_namn_check check (length(namn) between 1 and 200);
alter table forbund add constraint forbund_behovsgrupper_check check (jsonb_typeof(behovsgrupper) = 'array');
alter table enhet add constraint enhet_namn_check check (length(namn) between 1 and 200);
alter table app_user add constraint app_user_username_check check (username ~ '^[A-Za-z0-9._-]{1,100}$');
alter table app_user add constraint app_user_display_name_check check (length(display_name) between 1 and 200);
alter table session add constraint session_revoked_reason_check
  check (revoked_reason in ('logout', 'admin', 'password', 'device'));
alter table session add constraint session_revoked_check check (revoked_reason is null or revoked_at is not null);
alter table device add constraint device_last_seq_check check (last_seq >= 0);

-- ---- Answers kept for a resend hold no record content (services/outcome.ts): the outcome only.
-- Rows stored before held whole records, notes included; they are reduced to their outcome here.

alter table applied_mutation add column status text;
alter table applied_mutation add column version integer;
alter table applied_mutation add column conflicts jsonb;
alter table applied_mutation add column error jsonb;
update applied_mutation set
  status = result ->> 'status',
  version = case when result ->> 'status' = 'applied' then (result -> 'record' ->> 'version')::integer end,
  conflicts = case when result ->> 'status' = 'applied' then coalesce(
    (select jsonb_agg(c ->> 'field') from jsonb_array_elements(result -> 'conflicts') c), '[]'::jsonb) end,
  error = case when result ->> 'status' = 'rejected' then jsonb_strip_nulls(jsonb_build_object(
    'code', result -> 'error' ->> 'code',
    -- Two messages used to name a value (the pseudonym code); they are reworded without it.
    'message', case result -> 'error' ->> 'code'
      when 'kod_upptagen' then 'Koden används redan i förbundet. Ge ärendet en ny kod.'
      else result -> 'error' ->> 'message' end,
    'fields', case result -> 'error' ->> 'code'
      when 'kod_upptagen' then '{"code": "Koden används redan i förbundet. Ge ärendet en ny kod."}'::jsonb
      else result -> 'error' -> 'fields' end)) end;
alter table applied_mutation drop column result;
alter table applied_mutation alter column status set not null;
alter table applied_mutation add constraint applied_mutation_status_check check (status in ('applied', 'rejected'));
alter table applied_mutation add constraint applied_mutation_outcome_check check (case status
  when 'applied' then error is null and jsonb_typeof(conflicts) = 'array' and (version is null or version >= 1)
  else version is null and conflicts is null and jsonb_typeof(error -> 'code') = 'string'
       and jsonb_typeof(error -> 'message') = 'string'
       and (error -> 'fields' is null or jsonb_typeof(error -> 'fields') = 'object') end);
alter table applied_mutation add constraint applied_mutation_seq_check check (seq >= 1);

-- ---- Every refusal is audited (401 … 422 on every route): the route and the reason, and for
-- refusals before anyone is known (an unknown token, a failed sign-in) no förbund.

alter table audit_event alter column forbund_id drop not null;
alter table audit_event add column route text check (length(route) <= 200);
alter table audit_event add column reason text check (reason ~ '^[a-z_]{1,60}$');
alter table audit_event add constraint audit_event_action_check check (action ~ '^[a-z_]{1,60}$');
