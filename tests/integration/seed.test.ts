import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, type Database } from "@/lib/db/connect";
import { migrate } from "@/lib/db/migrate";
import { runSeeds, type SeedStep } from "@/lib/db/seed";
import { databaseTargets, dropTestDatabases } from "../helpers/databases";

describe.each(databaseTargets())("seeding on $label $skipReason", ({ target, skipReason }) => {
  let db: Database;
  let dataFile: string;
  let runs = 0;
  const step = (): SeedStep => ({
    name: "test-step",
    dataFiles: [dataFile],
    version: 1,
    async run(database, progress) {
      runs++;
      const lines = fs.readFileSync(dataFile, "utf8").trim().split("\n");
      progress(`loading ${lines.length} keys`);
      await database.sql.query(`DELETE FROM vector_collection WHERE name LIKE 'seedtest-%'`);
      for (const line of lines) {
        await database.sql.query(`INSERT INTO vector_collection (name, dims, metric, reduced_dims) VALUES ($1, 2, 'cosine', 2)`, [`seedtest-${line}`]);
      }
      return lines.length;
    },
  });

  beforeAll(async () => {
    if (skipReason) return;
    dataFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "seed-")), "keys.txt");
    fs.writeFileSync(dataFile, "a\nb\nc\n");
    db = await connect(await target());
    await migrate(db.sql);
  });
  afterAll(async () => {
    await db?.close();
    await dropTestDatabases();
  });

  it.skipIf(Boolean(skipReason))("runs a step once, skips it while its data is unchanged, re-runs when it changes", async () => {
    const lines: string[] = [];
    const first = await runSeeds(db, [step()], (l) => lines.push(l));
    expect(first).toMatchObject([{ name: "test-step", status: "seeded", rows: 3 }]);
    expect(lines.some((l) => l.includes("[seed 1/1] test-step: loading 3 keys"))).toBe(true);

    const second = await runSeeds(db, [step()], () => undefined);
    expect(second).toMatchObject([{ status: "up-to-date", rows: 3 }]);
    expect(runs).toBe(1);

    fs.writeFileSync(dataFile, "a\nb\nc\nd\n");
    const third = await runSeeds(db, [step()], () => undefined);
    expect(third).toMatchObject([{ status: "seeded", rows: 4 }]);
    const rows = await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM vector_collection WHERE name LIKE 'seedtest-%'`);
    expect(rows[0].n).toBe(4);
  });
});
