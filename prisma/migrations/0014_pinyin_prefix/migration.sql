-- Investigator search by the beginning of a name's pinyin (zhangw: 张伟, 张文, 张旺 …), as one
-- types it. person_name_key.pinyin (0008) is an array, answered by GIN for whole readings only;
-- its readings joined by spaces get a trigram index, which answers LIKE '%zhangw%' (three
-- letters or more) — the search then keeps the names with a reading that starts with them
-- (services/intermediaries/investigate/name-search.ts). Filled by the keyer like the other keys.
ALTER TABLE person_name_key ADD COLUMN pinyin_text TEXT;
UPDATE person_name_key SET pinyin_text = array_to_string(pinyin, ' ');
ALTER TABLE person_name_key ALTER COLUMN pinyin_text SET NOT NULL;
CREATE INDEX person_name_key_pinyin_text_trgm_idx ON person_name_key USING gin (pinyin_text gin_trgm_ops);

-- Merge what earlier keying left in the GIN indexes' pending lists (search-keys.ts now merges
-- after each keying run): every search read such a list whole, 20 ms for a lookup finding nothing.
SELECT gin_clean_pending_list(i) FROM unnest(ARRAY['person_name_key_pinyin_idx', 'person_name_key_initials_idx', 'person_name_key_deletions_idx',
  'address_key_canonical_trgm_idx', 'person_name_key_pinyin_text_trgm_idx']::regclass[]) AS i;
