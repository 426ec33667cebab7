/**
 * The brute-forced 4x4 icons in Postgres (draw_brute_icon, draw_brute_run) and the query
 * behind GET /api/draw/brute. Pages are served from a per-process copy (a few thousand
 * rows, reloaded when the seed step's stamp changes), sorted most confident first.
 */
import "server-only";
import type { SqlDb } from "@/lib/db";
import { perSeedCache } from "@/lib/db/seed";
import { invalidInput, notFound } from "@/lib/errors";
import { countLabels, decodeCursor, encodeCursor, pageAfter, type BruteIcon, type BruteIconSet, type BruteQuery, type BruteResponse } from "../core/brute";

export const DRAW_BRUTE_SEED_STEP = "draw-brute";

/** Replaces the icons and the run row. Returns rows written. */
export async function storeBruteIcons(db: SqlDb, file: BruteIconSet): Promise<number> {
  await db.sql.transaction(async (tx) => {
    await tx.query(`DELETE FROM draw_brute_icon`);
    await tx.query(`DELETE FROM draw_brute_run`);
    for (let i = 0; i < file.icons.length; i += 5000) {
      await tx.query(
        `INSERT INTO draw_brute_icon (bits, label, probability)
         SELECT bits, label, probability FROM jsonb_to_recordset($1::jsonb) AS t(bits int, label text, probability float8)`,
        [JSON.stringify(file.icons.slice(i, i + 5000))],
      );
    }
    await tx.query(`INSERT INTO draw_brute_run (id, input_size, threshold, classified) VALUES (1, $1, $2, $3)`, [file.inputSize, file.threshold, file.classified]);
  });
  return file.icons.length + 1;
}

interface BruteCatalogue {
  inputSize: number;
  threshold: number;
  /** Most confident first, ties by bits. */
  icons: BruteIcon[];
  byLabel: Map<string, BruteIcon[]>;
  /** Lower-cased label -> label. */
  labelKeys: Map<string, string>;
  labels: { label: string; count: number }[];
}

const catalogue = perSeedCache(DRAW_BRUTE_SEED_STEP, async (db): Promise<BruteCatalogue> => {
  const [run] = await db.sql.query<{ input_size: number; threshold: number }>(`SELECT input_size, threshold FROM draw_brute_run WHERE id = 1`);
  const rows = await db.sql.query<{ bits: number; label: string; probability: number }>(
    `SELECT bits, label, probability FROM draw_brute_icon ORDER BY probability DESC, bits ASC`,
  );
  const icons = rows.map((r) => ({ bits: Number(r.bits), label: r.label, probability: Number(r.probability) }));
  const byLabel = new Map<string, BruteIcon[]>();
  for (const icon of icons) {
    const list = byLabel.get(icon.label);
    if (list) list.push(icon);
    else byLabel.set(icon.label, [icon]);
  }
  return {
    inputSize: run ? Number(run.input_size) : 0,
    threshold: run ? Number(run.threshold) : 0,
    icons,
    byLabel,
    labelKeys: new Map([...byLabel.keys()].map((l) => [l.toLowerCase(), l])),
    labels: countLabels(icons),
  };
});

/**
 * One page of icons, most confident first; `label` (the full ImageNet label, any case)
 * narrows them. `total` counts the icons that match, `labels` lists every label with
 * icons. An unknown label is a 404 (unknown_label), a cursor this API did not make a 400.
 */
export async function listBruteIcons(db: SqlDb, query: BruteQuery): Promise<BruteResponse> {
  const cat = await catalogue(db);
  let icons = cat.icons;
  if (query.label !== undefined) {
    const label = cat.labelKeys.get(query.label.toLowerCase());
    if (!label) {
      throw notFound("unknown_label", `No 4x4 icon has the top label "${query.label}"; the labels with icons are listed at /api/draw/brute.`, {
        label: query.label,
      });
    }
    icons = cat.byLabel.get(label)!;
  }
  let cursor = null;
  if (query.cursor !== undefined) {
    cursor = decodeCursor(query.cursor);
    if (!cursor) throw invalidInput("invalid_cursor", "The cursor is not one this API returned as nextCursor.", { cursor: query.cursor });
  }
  const page = pageAfter(icons, query.limit, cursor);
  return {
    total: icons.length,
    threshold: cat.threshold,
    inputSize: cat.inputSize,
    labels: cat.labels,
    icons: page.items.map((i) => ({ bits: i.bits, label: i.label, probability: i.probability })),
    nextCursor: page.next ? encodeCursor(page.next) : null,
  };
}
