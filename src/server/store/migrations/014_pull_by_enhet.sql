-- A pull reads the user's enheter one by one in pull order (store/records.ts visibleAfter): with
-- ten enheter in a förbund, the förbund-wide order made each pull read ten rows for every one it
-- sent. The förbund-wide index stays for the backfill and the removals' checks.
create index record_pull_enhet_idx on record (forbund_id, enhet_id, change_xid, change_seq);
