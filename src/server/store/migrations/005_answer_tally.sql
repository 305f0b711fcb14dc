-- Answer counts for the coordinator's kärnindikator aggregates, kept up to date as responses
-- arrive, so an aggregate reads a few hundred counts instead of every response (100,000 responses
-- must aggregate in well under a second). Counted: for case-linked responses the latest of each
-- ärende and form per halvår of submission (Swedish time), so a group's n is persons; for
-- half-year responses every response of the round (each is a person). No response leaves here.

create table survey_answer_tally (
  forbund_id uuid not null,
  -- The halvår: of submission (case-linked) or of the round (half-year).
  period text not null,
  kind text not null check (kind in ('case', 'round')),
  form_id text not null,
  enhet_id uuid not null,
  slot text not null,
  answer smallint not null,
  n integer not null,
  primary key (forbund_id, period, kind, form_id, enhet_id, slot, answer)
);

-- Which response of an ärende and form counts in a halvår: the latest submitted.
create table survey_latest (
  arende_id uuid not null,
  form_id text not null,
  period text not null,
  response_id uuid not null,
  submitted_at timestamptz not null,
  primary key (arende_id, form_id, period)
);

create function survey_halvar(at timestamptz) returns text language sql immutable as $$
  select to_char(at at time zone 'Europe/Stockholm', 'YYYY')
         || case when extract(month from at at time zone 'Europe/Stockholm') <= 6 then 'H1' else 'H2' end
$$;

create function survey_tally_add(f uuid, p text, k text, form text, e uuid, answers jsonb, d integer)
returns void language sql as $$
  insert into survey_answer_tally (forbund_id, period, kind, form_id, enhet_id, slot, answer, n)
  select f, p, k, form, e, a.key, a.value::smallint, d from jsonb_each_text(answers) a
  on conflict (forbund_id, period, kind, form_id, enhet_id, slot, answer)
  do update set n = survey_answer_tally.n + excluded.n
$$;

create function survey_response_tally() returns trigger language plpgsql as $$
declare
  p text;
  prev survey_latest;
  old_r survey_response;
begin
  if new.round_id is not null then
    select period into p from survey_round where id = new.round_id;
    perform survey_tally_add(new.forbund_id, p, 'round', new.form_id, new.enhet_id, new.answers, 1);
    return null;
  end if;
  p := survey_halvar(new.submitted_at);
  select * into prev from survey_latest
   where arende_id = new.arende_id and form_id = new.form_id and period = p;
  if found then
    if prev.submitted_at >= new.submitted_at then
      return null; -- an older response arriving late: the newer one keeps counting
    end if;
    select * into old_r from survey_response where id = prev.response_id;
    perform survey_tally_add(old_r.forbund_id, p, 'case', old_r.form_id, old_r.enhet_id, old_r.answers, -1);
    update survey_latest set response_id = new.id, submitted_at = new.submitted_at
     where arende_id = new.arende_id and form_id = new.form_id and period = p;
  else
    insert into survey_latest (arende_id, form_id, period, response_id, submitted_at)
    values (new.arende_id, new.form_id, p, new.id, new.submitted_at);
  end if;
  perform survey_tally_add(new.forbund_id, p, 'case', new.form_id, new.enhet_id, new.answers, 1);
  return null;
end
$$;

-- Recounts everything from the stored responses (used below for what is already stored, and
-- after a bulk load made with the trigger disabled).
create function survey_tally_rebuild() returns void language sql as $$
  delete from survey_answer_tally;
  delete from survey_latest;

  insert into survey_latest (arende_id, form_id, period, response_id, submitted_at)
  select distinct on (arende_id, form_id, survey_halvar(submitted_at))
         arende_id, form_id, survey_halvar(submitted_at), id, submitted_at
    from survey_response
   where arende_id is not null
   order by arende_id, form_id, survey_halvar(submitted_at), submitted_at desc;

  insert into survey_answer_tally (forbund_id, period, kind, form_id, enhet_id, slot, answer, n)
  select r.forbund_id, l.period, 'case', r.form_id, r.enhet_id, a.key, a.value::smallint, count(*)
    from survey_latest l
    join survey_response r on r.id = l.response_id
    cross join lateral jsonb_each_text(r.answers) a
   group by 1, 2, 3, 4, 5, 6, 7;

  insert into survey_answer_tally (forbund_id, period, kind, form_id, enhet_id, slot, answer, n)
  select r.forbund_id, s.period, 'round', r.form_id, r.enhet_id, a.key, a.value::smallint, count(*)
    from survey_response r
    join survey_round s on s.id = r.round_id
    cross join lateral jsonb_each_text(r.answers) a
   group by 1, 2, 3, 4, 5, 6, 7;
$$;

select survey_tally_rebuild();

create trigger survey_response_tally after insert on survey_response
  for each row execute function survey_response_tally();
