-- Disclosure control by releases and cell keys (issue 13, docs/disclosure-control.md).
-- Every person behind the coordinator's figures (an ärende, or a half-year response) gets a secret
-- random key 0 ≤ k < 2^32; a published count's noise is looked up from the sum of its persons'
-- keys. The answer tally keeps that sum next to each count. Releases are the published figures of
-- one area and reference period, made once after the period has closed and never changed.

create table person_cell_key (
  person_id uuid primary key,
  key bigint not null check (key >= 0 and key < 4294967296)
);

-- The key of a person, made on first use from the server's strong random source (a v4 uuid's
-- first 32 bits are random). Concurrent first uses agree: the first insert wins.
create function person_cell_key_of(p uuid) returns bigint language plpgsql as $$
declare
  k bigint;
begin
  select key into k from person_cell_key where person_id = p;
  if found then
    return k;
  end if;
  insert into person_cell_key (person_id, key)
  values (p, ('x' || lpad(substr(replace(gen_random_uuid()::text, '-', ''), 1, 8), 16, '0'))::bit(64)::bigint)
  on conflict (person_id) do nothing;
  select key into k from person_cell_key where person_id = p;
  return k;
end
$$;

alter table survey_answer_tally add column key_sum bigint not null default 0;

create function survey_tally_add_keyed(f uuid, p text, k text, form text, e uuid, answers jsonb, d integer, pkey bigint)
returns void language sql as $$
  insert into survey_answer_tally (forbund_id, period, kind, form_id, enhet_id, slot, answer, n, key_sum)
  select f, p, k, form, e, a.key, a.value::smallint, d, d * pkey from jsonb_each_text(answers) a
  on conflict (forbund_id, period, kind, form_id, enhet_id, slot, answer)
  do update set n = survey_answer_tally.n + excluded.n,
                key_sum = survey_answer_tally.key_sum + excluded.key_sum
$$;

-- As in 005, with each count's key sum: a case-linked response counts under its ärende's key (the
-- person), a half-year response under its own.
create or replace function survey_response_tally() returns trigger language plpgsql as $$
declare
  p text;
  prev survey_latest;
  old_r survey_response;
  pkey bigint;
begin
  if new.round_id is not null then
    select period into p from survey_round where id = new.round_id;
    perform survey_tally_add_keyed(new.forbund_id, p, 'round', new.form_id, new.enhet_id, new.answers, 1,
                                   person_cell_key_of(new.id));
    return null;
  end if;
  p := survey_halvar(new.submitted_at);
  pkey := person_cell_key_of(new.arende_id);
  select * into prev from survey_latest
   where arende_id = new.arende_id and form_id = new.form_id and period = p;
  if found then
    if prev.submitted_at >= new.submitted_at then
      return null; -- an older response arriving late: the newer one keeps counting
    end if;
    select * into old_r from survey_response where id = prev.response_id;
    perform survey_tally_add_keyed(old_r.forbund_id, p, 'case', old_r.form_id, old_r.enhet_id, old_r.answers, -1, pkey);
    update survey_latest set response_id = new.id, submitted_at = new.submitted_at
     where arende_id = new.arende_id and form_id = new.form_id and period = p;
  else
    insert into survey_latest (arende_id, form_id, period, response_id, submitted_at)
    values (new.arende_id, new.form_id, p, new.id, new.submitted_at);
  end if;
  perform survey_tally_add_keyed(new.forbund_id, p, 'case', new.form_id, new.enhet_id, new.answers, 1, pkey);
  return null;
end
$$;

create or replace function survey_tally_rebuild() returns void language sql as $$
  delete from survey_answer_tally;
  delete from survey_latest;

  insert into survey_latest (arende_id, form_id, period, response_id, submitted_at)
  select distinct on (arende_id, form_id, survey_halvar(submitted_at))
         arende_id, form_id, survey_halvar(submitted_at), id, submitted_at
    from survey_response
   where arende_id is not null
   order by arende_id, form_id, survey_halvar(submitted_at), submitted_at desc;

  insert into person_cell_key (person_id, key)
  select p, ('x' || lpad(substr(replace(gen_random_uuid()::text, '-', ''), 1, 8), 16, '0'))::bit(64)::bigint
    from (
      select distinct arende_id as p from survey_latest
      union
      select id from survey_response where round_id is not null
    ) persons
  on conflict (person_id) do nothing;

  insert into survey_answer_tally (forbund_id, period, kind, form_id, enhet_id, slot, answer, n, key_sum)
  select r.forbund_id, l.period, 'case', r.form_id, r.enhet_id, a.key, a.value::smallint, count(*), sum(k.key)
    from survey_latest l
    join survey_response r on r.id = l.response_id
    join person_cell_key k on k.person_id = l.arende_id
    cross join lateral jsonb_each_text(r.answers) a
   group by 1, 2, 3, 4, 5, 6, 7;

  insert into survey_answer_tally (forbund_id, period, kind, form_id, enhet_id, slot, answer, n, key_sum)
  select r.forbund_id, s.period, 'round', r.form_id, r.enhet_id, a.key, a.value::smallint, count(*), sum(k.key)
    from survey_response r
    join survey_round s on s.id = r.round_id
    join person_cell_key k on k.person_id = r.id
    cross join lateral jsonb_each_text(r.answers) a
   group by 1, 2, 3, 4, 5, 6, 7;
$$;

select survey_tally_rebuild();

create table aggregate_release (
  forbund_id uuid not null references forbund (id),
  area text not null check (area in ('karnindikatorer', 'kartlaggning', 'progression', 'sip', 'moten')),
  period text not null check (period ~ '^[0-9]{4}(H[12]|-(0[1-9]|1[0-2]))$'),
  published_at timestamptz not null,
  body jsonb not null,
  primary key (forbund_id, area, period)
);
