import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { get_dmmf } from "@prisma/prisma-schema-wasm";
import { connect, type Database } from "@/lib/db/connect";
import { migrate, readMigrations } from "@/lib/db/migrate";
import { databaseTargets, dropTestDatabases } from "../helpers/databases";

/**
 * The migrations are written without Prisma's native schema engine, so this test is the
 * proof that the database they build is the one schema.prisma describes: every model is
 * a table, every field a column of the right type and nullability, every @id/@unique an index.
 */
const schemaText = fs.readFileSync("prisma/schema.prisma", "utf8");
const dmmf = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: [["schema.prisma", schemaText]] }))) as {
  datamodel: {
    models: {
      name: string;
      dbName: string | null;
      fields: { name: string; dbName: string | null; kind: string; type: string; isRequired: boolean; isList: boolean }[];
    }[];
    indexes: { model: string; type: "id" | "unique" | "normal" | "fulltext"; fields: { name: string }[] }[];
  };
};

const pgType: Record<string, string> = {
  String: "text",
  Int: "integer",
  BigInt: "bigint",
  Float: "double precision",
  Boolean: "boolean",
  DateTime: "timestamp without time zone",
  Bytes: "bytea",
  Json: "jsonb",
  Decimal: "numeric",
};
const arrayUdt: Record<string, string> = { String: "_text", Int: "_int4", Float: "_float8", Boolean: "_bool", BigInt: "_int8" };

/** `Unsupported("cube")` fields are invisible to the DMMF; read them from the schema text. */
function unsupportedColumns(): Map<string, Set<string>> {
  const result = new Map<string, Set<string>>();
  for (const block of schemaText.matchAll(/model\s+\w+\s*\{([^}]*)\}/g)) {
    const table = /@@map\("([^"]+)"\)/.exec(block[1])?.[1];
    if (!table) continue;
    for (const line of block[1].matchAll(/^\s*(\w+)\s+Unsupported\("[^"]+"\)\??(?:.*@map\("([^"]+)"\))?/gm)) {
      if (!result.has(table)) result.set(table, new Set());
      result.get(table)!.add(line[2] ?? line[1]);
    }
  }
  return result;
}

describe.each(databaseTargets())("migrations build the schema on $label $skipReason", ({ target, skipReason }) => {
  let db: Database;
  beforeAll(async () => {
    if (skipReason) return;
    db = await connect(await target());
    await migrate(db.sql);
  });
  afterAll(async () => {
    await db?.close();
    await dropTestDatabases();
  });

  it.skipIf(Boolean(skipReason))("has every model as a table and every scalar field as a matching column", async () => {
    const columns = await db.sql.query<{ table_name: string; column_name: string; data_type: string; udt_name: string; is_nullable: string }>(
      `SELECT table_name, column_name, data_type, udt_name, is_nullable FROM information_schema.columns WHERE table_schema = current_schema()`,
    );
    const byTable = new Map<string, Map<string, (typeof columns)[number]>>();
    for (const c of columns) {
      if (!byTable.has(c.table_name)) byTable.set(c.table_name, new Map());
      byTable.get(c.table_name)!.set(c.column_name, c);
    }
    const unsupported = unsupportedColumns();
    const modelTables = new Set<string>();
    for (const model of dmmf.datamodel.models) {
      const table = model.dbName ?? model.name;
      modelTables.add(table);
      const cols = byTable.get(table);
      expect(cols, `table ${table} for model ${model.name}`).toBeDefined();
      const expected = new Set<string>(unsupported.get(table) ?? []);
      for (const field of model.fields.filter((f) => f.kind === "scalar" || f.kind === "enum")) {
        const column = field.dbName ?? field.name;
        expected.add(column);
        const col = cols!.get(column);
        expect(col, `${table}.${column}`).toBeDefined();
        if (field.isList) expect(col!.udt_name, `${table}.${column} type`).toBe(arrayUdt[field.type]);
        else expect(col!.data_type, `${table}.${column} type`).toBe(pgType[field.type]);
        expect(col!.is_nullable, `${table}.${column} nullability`).toBe(field.isRequired && !field.isList ? "NO" : "YES");
      }
      expect([...cols!.keys()].sort(), `columns of ${table}`).toEqual([...expected].sort());
    }
    // No table exists that the schema does not know about (besides the migrator's own).
    const tables = [...byTable.keys()].filter((t) => t !== "_app_migrations");
    expect(tables.sort()).toEqual([...modelTables].sort());
  });

  it.skipIf(Boolean(skipReason))("has a unique index for every @id, @unique and @@unique", async () => {
    const indexes = await db.sql.query<{ table_name: string; columns: string[] | string; is_unique: boolean }>(
      `SELECT t.relname AS table_name, ix.indisunique AS is_unique,
              array_agg(a.attname ORDER BY array_position(ix.indkey::int2[], a.attnum)) AS columns
         FROM pg_index ix
         JOIN pg_class t ON t.oid = ix.indrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = current_schema()
         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = ANY(ix.indkey)
        GROUP BY t.relname, ix.indexrelid, ix.indisunique`,
    );
    const asList = (c: string[] | string) => (Array.isArray(c) ? c : c.replace(/[{}]/g, "").split(","));
    for (const index of dmmf.datamodel.indexes) {
      const model = dmmf.datamodel.models.find((m) => m.name === index.model)!;
      const table = model.dbName ?? model.name;
      const cols = index.fields.map((f) => {
        const field = model.fields.find((x) => x.name === f.name)!;
        return field.dbName ?? field.name;
      });
      const found = indexes.find(
        (i) => i.table_name === table && JSON.stringify(asList(i.columns)) === JSON.stringify(cols) && (index.type === "normal" || i.is_unique),
      );
      expect(found, `${index.type} index on ${table}(${cols.join(", ")})`).toBeDefined();
    }
  });

  it.skipIf(Boolean(skipReason))("applies nothing twice and refuses an edited migration", async () => {
    expect(await migrate(db.sql)).toEqual([]);
    const edited = readMigrations().map((m, i) => (i === 0 ? { ...m, checksum: "edited" } : m));
    await expect(migrate(db.sql, edited)).rejects.toThrow(/was changed after it was applied/);
  });
});
