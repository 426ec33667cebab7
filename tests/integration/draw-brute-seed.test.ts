/**
 * The shipped brute-force icons (data/draw/brute/icons.json, built by `npm run draw:brute`)
 * through the "draw-brute" seed step on a real database, and the query behind
 * GET /api/draw/brute: every icon lands, re-seeding is a no-op, pages cover a label's
 * icons exactly once, most confident first, and bad labels / cursors are domain errors.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Database } from "@/lib/db";
import { runSeeds } from "@/lib/db/seed";
import { bruteQuerySchema } from "@/lib/draw/core/brute";
import { drawBruteSeedStep, loadBruteIconsFile } from "@/lib/draw/server/brute-seed-step";
import { listBruteIcons } from "@/lib/draw/server/brute-store";
import { isDomainError } from "@/lib/errors";
import { dropTestDatabases, openTestDatabase } from "../helpers/databases";
import { describeEachBackend } from "../helpers/describe-backends";

afterAll(() => dropTestDatabases());

describeEachBackend("draw brute-force seed", (backend) => {
  let db: Database;
  const file = loadBruteIconsFile();

  beforeAll(async () => {
    db = await openTestDatabase(backend);
    const [report] = await runSeeds(db, [drawBruteSeedStep], () => undefined);
    expect(report).toMatchObject({ name: "draw-brute", status: "seeded", rows: file.icons.length + 1 });
  }, 180_000);
  afterAll(() => db?.close());

  it("stores every icon of icons.json with the run's threshold and size, and re-seeding is a no-op", async () => {
    const all = await listBruteIcons(db, bruteQuerySchema.parse({ limit: "1" }));
    expect(all.total).toBe(file.icons.length);
    expect(all).toMatchObject({ threshold: file.threshold, inputSize: file.inputSize });
    expect(all.labels.reduce((n, l) => n + l.count, 0)).toBe(file.icons.length);
    const best = file.icons.reduce((a, b) => (b.probability > a.probability || (b.probability === a.probability && b.bits < a.bits) ? b : a));
    expect(all.icons[0]).toEqual(best);
    const [again] = await runSeeds(db, [drawBruteSeedStep], () => undefined);
    expect(again.status).toBe("up-to-date");
  });

  it("pages through one label's icons exactly once, most confident first, any case of the label", async () => {
    const { label, count } = (await listBruteIcons(db, bruteQuerySchema.parse({}))).labels[0];
    const seen: { bits: number; probability: number }[] = [];
    let cursor: string | null = null;
    for (let guard = 0; guard < 1000; guard++) {
      const page: Awaited<ReturnType<typeof listBruteIcons>> = await listBruteIcons(
        db,
        bruteQuerySchema.parse({ label: label.toUpperCase(), limit: "7", ...(cursor ? { cursor } : {}) }),
      );
      expect(page.total).toBe(count);
      expect(page.icons.every((i) => i.label === label)).toBe(true);
      seen.push(...page.icons);
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toHaveLength(count);
    expect(new Set(seen.map((i) => i.bits)).size).toBe(count);
    for (let i = 1; i < seen.length; i++) expect(seen[i].probability).toBeLessThanOrEqual(seen[i - 1].probability);
    expect(seen.map((i) => i.bits).sort((a, b) => a - b)).toEqual(file.icons.filter((i) => i.label === label).map((i) => i.bits));
  });

  it("answers an unknown label with not_found and a made-up cursor with invalid_input", async () => {
    const errorOf = (q: Record<string, string>) => listBruteIcons(db, bruteQuerySchema.parse(q)).then(() => null, (err: unknown) => err);
    const unknown = await errorOf({ label: "no such label" });
    expect(isDomainError(unknown) && [unknown.kind, unknown.code]).toEqual(["not_found", "unknown_label"]);
    const bad = await errorOf({ cursor: "0.5:99999" });
    expect(isDomainError(bad) && [bad.kind, bad.code]).toEqual(["invalid_input", "invalid_cursor"]);
  });
});
