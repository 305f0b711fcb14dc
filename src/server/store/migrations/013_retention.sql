-- Retention (store/retention.ts): audit rows older than the förbund's period are deleted in
-- chunks, oldest first; this index finds them without reading the whole log.
create index audit_event_at_idx on audit_event (at);
