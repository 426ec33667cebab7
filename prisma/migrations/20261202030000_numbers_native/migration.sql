-- Universal numbers: the native spelling of each number 1..10 as the phrasebook writes
-- it ("drei", "один"; "" where it gives only a pronunciation), shown and searched next
-- to the pronunciation guide the method compares (lib/numbers/core/native.ts).

ALTER TABLE "numbers_language" ADD COLUMN "native" TEXT[] DEFAULT ARRAY[]::TEXT[];
