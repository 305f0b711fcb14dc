-- Case-work records (samtycke, möte, åtgärd, SIP, stegmätning, överlämning) belong to one ärende,
-- named by data.arendeId, and carry that ärende's enhet in enhet_id, so pull isolation stays a WHERE
-- clause. This index finds an ärende's records: the SIP gate reads its samtycken, and an ärende
-- moved to another enhet takes its records along.
create index record_arende_id_idx on record (forbund_id, (data ->> 'arendeId'), entity)
  where data ? 'arendeId';
