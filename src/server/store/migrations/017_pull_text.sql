-- A record as a pull page carries it (store/records.ts, compactRecord in SQL), made once when the
-- record is written instead of at every pull. In a morning wave each record an enhet pushes is
-- pulled by every colleague of the enhet (~20 times), and turning the jsonb into that text was
-- about half of the database's work of a pull (jsonb_strip_nulls + jsonb output: ~3 ms of a
-- 500-record page on PostgreSQL). A stored generated column: no write can leave it stale, and the
-- expression is exactly the one the pulls ran before, so pages are byte for byte what they were.
alter table record add column pull_text text
  generated always as (jsonb_strip_nulls(data - 'forbundId')::text) stored;
-- Never compared as a value: no statistics to sample (as for data, migration 009).
alter table record alter column pull_text set statistics 0;
-- With it a new ärende's row is ~1.9 KB (bench data), just under the 2 KB at which PostgreSQL
-- starts compressing a row's largest values on every write (and decompressing them on every
-- read). Rows up to 4 KB are now stored as they are; longer ones (long notes) still compress.
alter table record set (toast_tuple_target = 4080);
