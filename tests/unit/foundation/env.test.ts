import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";

describe("env", () => {
  it("defaults to the embedded database on port 3000 under .data", () => {
    const e = parseEnv({});
    expect(e).toMatchObject({ PORT: 3000, DATA_DIR: ".data", SKIP_SEED: false });
    expect(e.DATABASE_URL).toBeUndefined();
  });
  it("accepts a PostgreSQL URL and treats an empty one as unset", () => {
    expect(parseEnv({ DATABASE_URL: "postgres://u:p@h:5432/db" }).DATABASE_URL).toBe("postgres://u:p@h:5432/db");
    expect(parseEnv({ DATABASE_URL: "" }).DATABASE_URL).toBeUndefined();
  });
  it("rejects nonsense with a message naming the variable", () => {
    expect(() => parseEnv({ PORT: "eighty" })).toThrow(/PORT/);
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL/);
  });
});
