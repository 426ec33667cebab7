// Reading and writing the "Universal numbers" tables (numbers_language,
// numbers_pair, numbers_universal, numbers_tree). The seed step computes the
// result once and stores it here; pages and API routes only read. No HTTP.

import "server-only";
import { z } from "zod";
import type { Database } from "@/lib/db";
import { closestLanguageSchema, numbersTreeNodeSchema } from "../core/schema";
import type { LanguagePair, NumbersResult, NumbersTreeNode, StoredLanguage, UniversalNumber } from "../core/types";

const closestListSchema = z.array(closestLanguageSchema);
const TREE_ROW_ID = 1;

/**
 * Replaces everything stored for the demo with `result` (plus each language's
 * native spellings, shown next to the words), in one transaction, so
 * readers see the old rows or the new ones, never a mix. Returns the rows written.
 *
 * Each table is filled by one INSERT over a JSON array (jsonb_to_recordset):
 * one round trip for all 2775 pairs on either backend. Not Prisma's createMany,
 * because it writes Float[] values rounded to 15 digits (2.4000000000000004
 * comes back as 2.4); JSON numbers parse back to the very same doubles.
 */
export async function storeNumbersResult(db: Database, result: NumbersResult, native: ReadonlyMap<string, string[]> = new Map()): Promise<number> {
  const treeIndex = new Map(result.treeOrder.map((name, index) => [name, index]));
  const missing = result.languages.filter((language) => !treeIndex.has(language.name));
  if (missing.length > 0 || treeIndex.size !== result.languages.length) {
    throw new Error(`The tree order does not list every language once (missing: ${missing.map((l) => l.name).join(", ") || "none"}).`);
  }
  const languages = result.languages.map((language, position) => ({
    name: language.name,
    position,
    words: language.words,
    normalised: language.normalised,
    native: native.get(language.name) ?? [],
    tree_order: treeIndex.get(language.name)!,
    closest: (result.closest[language.name] ?? []).map(({ name, score }) => ({ name, score })),
  }));
  const pairs = result.pairs.map((pair, rank) => ({ a: pair.a, b: pair.b, rank, score: pair.score, distances: pair.distances }));
  const universal = result.universal.map(({ number, word, language }) => ({ number, word, language }));
  await db.sql.transaction(async (tx) => {
    await tx.query(`DELETE FROM numbers_pair`);
    await tx.query(`DELETE FROM numbers_language`);
    await tx.query(`DELETE FROM numbers_universal`);
    await tx.query(`DELETE FROM numbers_tree`);
    await tx.query(
      `INSERT INTO numbers_language (name, position, words, normalised, native, tree_order, closest)
       SELECT name, position, words, normalised, native, tree_order, closest
         FROM jsonb_to_recordset($1::jsonb) AS t(name text, position int, words text[], normalised text[], native text[], tree_order int, closest jsonb)`,
      [JSON.stringify(languages)],
    );
    await tx.query(
      `INSERT INTO numbers_pair (a, b, rank, score, distances)
       SELECT a, b, rank, score, distances
         FROM jsonb_to_recordset($1::jsonb) AS t(a text, b text, rank int, score float8, distances float8[])`,
      [JSON.stringify(pairs)],
    );
    await tx.query(
      `INSERT INTO numbers_universal (number, word, language)
       SELECT number, word, language FROM jsonb_to_recordset($1::jsonb) AS t(number int, word text, language text)`,
      [JSON.stringify(universal)],
    );
    await tx.query(`INSERT INTO numbers_tree (id, tree) VALUES ($1, $2::jsonb)`, [TREE_ROW_ID, JSON.stringify(result.tree)]);
  });
  return languages.length + pairs.length + universal.length + 1;
}

/** The ten universal numbers, 1 first. */
export async function loadUniversal(db: Database): Promise<UniversalNumber[]> {
  const rows = await db.prisma.numbersUniversal.findMany({ orderBy: { number: "asc" } });
  return rows.map(({ number, word, language }) => ({ number, word, language }));
}

/** Every kept language in processing order, with its tree position and closest languages. */
export async function loadLanguages(db: Database): Promise<StoredLanguage[]> {
  const rows = await db.prisma.numbersLanguage.findMany({ orderBy: { position: "asc" } });
  return rows.map((row) => ({
    name: row.name,
    words: row.words,
    normalised: row.normalised,
    native: row.native.length === row.words.length ? row.native : row.words.map(() => ""),
    treeOrder: row.treeOrder,
    closest: closestListSchema.parse(row.closest),
  }));
}

export async function countPairs(db: Database): Promise<number> {
  return db.prisma.numbersPair.count();
}

/** The `limit` best pairs (all when undefined), best first; ties in processing order. */
export async function loadPairs(db: Database, limit?: number): Promise<LanguagePair[]> {
  const rows = await db.prisma.numbersPair.findMany({ orderBy: { rank: "asc" }, take: limit });
  return rows.map(({ a, b, score, distances }) => ({ a, b, score, distances }));
}

/** The language tree, or an empty root when nothing is seeded. */
export async function loadTree(db: Database): Promise<NumbersTreeNode> {
  const row = await db.prisma.numbersTree.findUnique({ where: { id: TREE_ROW_ID } });
  return row ? numbersTreeNodeSchema.parse(row.tree) : { children: [] };
}

/** Everything, in the shape computeNumbersResult returns. */
export async function loadNumbersResult(db: Database): Promise<NumbersResult> {
  const [languages, universal, pairs, tree] = await Promise.all([loadLanguages(db), loadUniversal(db), loadPairs(db), loadTree(db)]);
  return {
    languages: languages.map(({ name, words, normalised }) => ({ name, words, normalised })),
    universal,
    pairs,
    tree,
    treeOrder: [...languages].sort((x, y) => x.treeOrder - y.treeOrder).map((language) => language.name),
    closest: Object.fromEntries(languages.map((language) => [language.name, language.closest])),
  };
}
