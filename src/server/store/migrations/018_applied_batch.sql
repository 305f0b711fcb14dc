-- A push's answers are kept as one row per push, not one per mutation (issue 15). The server keeps
-- the answer to each mutation so that a batch sent again after a lost reply gets the same answers
-- (services/push.ts); a row of its own for each cost a row insert and, one push later, a row
-- delete per mutation: ~0.2 s of the server's ~3 s for a first push of 10,000 ärenden on PGlite
-- (bench/push-server.ts). Now a push writes one row: the answers to its sequences first_seq …
-- last_seq, in order (answers[i] is sequence first_seq + i). What an answer holds is as before
-- (migration 007): no record content, the status, the new version, the names of conflicting
-- fields, or a refusal's code, message and field names.

create function applied_answers_valid(answers jsonb, first_seq bigint, last_seq bigint)
  returns boolean language sql immutable as $$
  select jsonb_typeof(answers) = 'array'
     and jsonb_array_length(answers) = last_seq - first_seq + 1
     and not exists (
       select 1 from jsonb_array_elements(answers) a
        where not coalesce(
          jsonb_typeof(a) = 'object'
          and (a ->> 'mutation_id') ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
          and case a ->> 'status'
            when 'applied' then a -> 'error' is null and jsonb_typeof(a -> 'conflicts') = 'array'
              and (a -> 'version' is null
                   or (jsonb_typeof(a -> 'version') = 'number' and (a ->> 'version')::numeric >= 1))
            when 'rejected' then a -> 'version' is null and a -> 'conflicts' is null
              and jsonb_typeof(a -> 'error' -> 'code') = 'string'
              and jsonb_typeof(a -> 'error' -> 'message') = 'string'
              and (a -> 'error' -> 'fields' is null or jsonb_typeof(a -> 'error' -> 'fields') = 'object')
            else false end,
          false))
$$;

create table applied_batch (
  device_id uuid not null references device (id),
  first_seq bigint not null check (first_seq >= 1),
  last_seq bigint not null,
  answers jsonb not null,
  applied_at timestamptz not null,
  -- A resend is looked up by the device and the range it covers: last_seq >= its lowest sequence.
  primary key (device_id, last_seq),
  constraint applied_batch_answers_check check (
    last_seq >= first_seq and applied_answers_valid(answers, first_seq, last_seq))
);
-- Never compared as a value (as record.data, migration 009).
alter table applied_batch alter column answers set statistics 0;

-- The answers kept so far, one row each (a range of one sequence).
insert into applied_batch (device_id, first_seq, last_seq, answers, applied_at)
select device_id, seq, seq, jsonb_build_array(jsonb_strip_nulls(jsonb_build_object(
         'mutation_id', mutation_id, 'status', status, 'version', version, 'conflicts', conflicts,
         'error', error))),
       applied_at
  from applied_mutation;
drop table applied_mutation;

-- The answers one row each, as the table held them before: for reading (an operator looking up
-- what a device was told), never written.
create view applied_mutation as
select b.device_id, b.first_seq + a.n - 1 as seq, (a.answer ->> 'mutation_id')::uuid as mutation_id,
       a.answer ->> 'status' as status, (a.answer ->> 'version')::integer as version,
       a.answer -> 'conflicts' as conflicts, a.answer -> 'error' as error, b.applied_at
  from applied_batch b, jsonb_array_elements(b.answers) with ordinality as a(answer, n);
