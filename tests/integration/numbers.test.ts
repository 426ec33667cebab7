import fs from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Database } from "@/lib/db";
import type { SqlClient } from "@/lib/db/sql";
import { runSeeds } from "@/lib/db/seed";
import { computeNumbersResult } from "@/lib/numbers/core/compute";
import { type NumbersResult } from "@/lib/numbers/core/types";
import { numbersSeedStep } from "@/lib/numbers/server/seed-step";
import { countPairs, loadLanguages, loadNumbersResult, loadPairs, loadTree, loadUniversal, storeNumbersResult } from "@/lib/numbers/server/store";
import { dropTestDatabases, openTestDatabase } from "../helpers/databases";
import { describeEachBackend } from "../helpers/describe-backends";

const expected: NumbersResult = computeNumbersResult(JSON.parse(fs.readFileSync("data/numbers/numbers.json", "utf8")));

describeEachBackend("numbers store", (backend) => {
  let db: Database;

  beforeAll(async () => {
    db = await openTestDatabase(backend);
    const [report] = await runSeeds(db, [numbersSeedStep], () => undefined);
    expect(report).toMatchObject({ name: "numbers", status: "seeded", rows: 75 + 2775 + 10 + 1 });
    // The seed also stores the native spellings the page shows next to the guides (the later
    // tests store results without them).
    const german = (await loadLanguages(db)).find((language) => language.name === "German")!;
    expect(german.native.slice(0, 3)).toEqual(["eins", "zwei", "drei"]);
    expect(german.words[2]).toBe("drigh");
  });
  afterAll(async () => {
    await db?.close();
    await dropTestDatabases();
  });

  it("stores the 2775 pairs with one statement per table, not a row at a time", async () => {
    // Counted, not timed (its speed: `npm run bench -- seed`): a row-at-a-time store would
    // send thousands of statements.
    const result = computeNumbersResult(JSON.parse(fs.readFileSync("data/numbers/numbers.json", "utf8")));
    const statements: string[] = [];
    const counting = (client: SqlClient): SqlClient => ({
      backend: client.backend,
      query: (text, params) => (statements.push(text), client.query(text, params)),
      exec: (text) => (statements.push(text), client.exec(text)),
      transaction: (fn) => client.transaction((tx) => fn(counting(tx))),
    });
    await storeNumbersResult({ ...db, sql: counting(db.sql) }, result);
    expect(statements.length).toBeGreaterThan(0);
    expect(statements.length, statements.join("\n")).toBeLessThanOrEqual(12);
    expect(await countPairs(db)).toBe(2775);
  });

  it("stores exactly what computeNumbersResult returns, bit for bit", async () => {
    const stored = await loadNumbersResult(db);
    expect(stored.languages).toEqual(expected.languages);
    expect(stored.universal).toEqual(expected.universal);
    expect(stored.tree).toEqual(expected.tree);
    expect(stored.treeOrder).toEqual(expected.treeOrder);
    expect(stored.closest).toEqual(expected.closest);
    expect(stored.pairs.length).toBe(2775);
    // toEqual compares numbers with Object.is: every score and distance survives the round trip exactly.
    expect(stored.pairs).toEqual(expected.pairs);
    expect(stored).toEqual(expected);
  });

  it("reads the parts the API serves", async () => {
    expect(await loadUniversal(db)).toEqual(expected.universal);
    expect((await loadUniversal(db)).map((u) => u.word)).toEqual(["een", "DOO-ah", "trre", "Char", "haa", "SEH-ee", "Saat", "Aath", "eene", "deh"]);
    const languages = await loadLanguages(db);
    expect(languages.map((l) => l.name)).toEqual(expected.languages.map((l) => l.name));
    expect(languages.every((l) => l.words.length === 10 && l.normalised.length === 10)).toBe(true);
    expect([...languages].sort((x, y) => x.treeOrder - y.treeOrder).map((l) => l.name)).toEqual(expected.treeOrder);
    expect(await countPairs(db)).toBe(2775);
    expect(await loadPairs(db, 3)).toEqual(expected.pairs.slice(0, 3));
    expect(await loadTree(db)).toEqual(expected.tree);
  });

  it("replaces its rows wholesale: re-seeding (or storing a different result) is idempotent", async () => {
    // A smaller result first: nothing of the full one may remain.
    const raw = JSON.parse(fs.readFileSync("data/numbers/numbers.json", "utf8")) as Record<string, string[]>;
    const few = Object.fromEntries(Object.entries(raw).filter(([name]) => ["Spanish", "Portuguese", "Italian", "German", "Dutch"].includes(name)));
    const small = computeNumbersResult(few);
    expect(small.languages.length).toBe(5);
    expect(await storeNumbersResult(db, small)).toBe(5 + 10 + 10 + 1);
    expect(await loadNumbersResult(db)).toEqual(small);

    await numbersSeedStep.run(db, () => undefined);
    await numbersSeedStep.run(db, () => undefined);
    expect(await loadNumbersResult(db)).toEqual(expected);
    const counts = await db.sql.query<{ languages: number; pairs: number; universal: number; trees: number }>(
      `SELECT (SELECT count(*)::int FROM numbers_language) AS languages, (SELECT count(*)::int FROM numbers_pair) AS pairs,
              (SELECT count(*)::int FROM numbers_universal) AS universal, (SELECT count(*)::int FROM numbers_tree) AS trees`,
    );
    expect(counts[0]).toEqual({ languages: 75, pairs: 2775, universal: 10, trees: 1 });
    // And the seeding bookkeeping skips it while the data file is unchanged.
    const [again] = await runSeeds(db, [numbersSeedStep], () => undefined);
    expect(again).toMatchObject({ status: "up-to-date", rows: 2861 });
  });
});
