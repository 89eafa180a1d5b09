-- Duplicate-detection blocking keys (0150) keep only the first 11 characters of the phone's blind index
-- (packages/domain/src/register/duplicate-blocking.ts PHONE_TOKEN_CHARS): the key index holds three
-- entries per person, written at random places, and with the whole 43-character token it outgrew memory
-- long before the persons table did during a large import (issue 3). Rewrite the keys stored so far.
UPDATE person_duplicate_keys SET key = regexp_replace(key, '^((np|bp):.*\|[^|]{11})[^|]+$', '\1')
 WHERE key ~ '^(np|bp):.*\|[^|]{12,}$';
