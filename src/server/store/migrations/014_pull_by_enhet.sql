-- A pull reads the user's enheter one by one in pull order (store/records.ts visibleAfter): with
-- ten enheter in a förbund, the förbund-wide order made each pull read ten rows for every one it
-- sent. The förbund-wide index stays for the backfill and the removals' checks.
create index record_pull_enhet_idx on record (forbund_id, enhet_id, change_xid, change_seq);

-- A push checks its ärenden's pseudonym codes (services/batch.ts: data ->> 'code' = any(…) in the
-- förbund). With the förbund first in the unique index, statistics taken while a förbund's table
-- was still empty (its first morning) made the planner search by the förbund alone and read all of
-- its ärenden per push (16 ms at 10,000, growing); with the code first, the codes are the search.
-- Same uniqueness (the code within the förbund).
drop index record_arende_code_key;
create unique index record_arende_code_key on record ((data ->> 'code'), forbund_id) where entity = 'arende';
