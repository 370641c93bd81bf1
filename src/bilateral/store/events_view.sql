-- The `events` every reader queries: coded events, then imported ones completed to the full record.
-- An imported event's dataset id is its event id after "<dataset>:" (none for a content-hash id, "~...").
CREATE OR REPLACE VIEW events AS
SELECT event_id, doc_id, date, source, target, source_country, target_country, cameo, root, quad_class,
       penta_class, goldstein, plover, plover_mode, sentence, char_start, char_end, url, title, confidence,
       date_precision, date_source, source_text, target_text, attribution, negated, location, lat, lon, origin,
       dataset_id, num_mentions, num_sources, num_articles, avg_tone, story_id, sentence_number, publisher
FROM coded_events
UNION ALL
SELECT d.event_id, NULL::VARCHAR, d.date, d.source, d.target, d.source_country, d.target_country, d.cameo,
       c.root, c.quad_class, c.penta_class, d.goldstein, c.plover, c.plover_mode, NULL::VARCHAR, NULL::INTEGER,
       NULL::INTEGER, d.url, NULL::VARCHAR, 1.0::DOUBLE, 'day', 'dataset', d.source_text, d.target_text,
       NULL::VARCHAR, false, d.location, d.lat, d.lon, d.origin,
       CASE WHEN d.event_id[strpos(d.event_id, ':') + 1] <> '~' THEN d.event_id[strpos(d.event_id, ':') + 1:] END,
       d.num_mentions, d.num_sources, d.num_articles, d.avg_tone, d.story_id, d.sentence_number, d.publisher
FROM dataset_events d LEFT JOIN cameo_codes c ON c.code = d.cameo;
