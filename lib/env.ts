import path from "node:path";
import { z } from "zod";

/** Unset or blank -> undefined. */
const optionalSecret = z
  .string()
  .optional()
  .transform((v) => v?.trim() || undefined);
/** An http(s) origin ("https://host[:port]"), without path, query or credentials. */
const httpOrigin = z
  .string()
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === "http:" || u.protocol === "https:") && u.pathname === "/" && !u.search && !u.hash && !u.username && !u.password;
    } catch {
      return false;
    }
  }, "must be an http(s) origin such as https://api.spotify.com (no path)")
  .transform((v) => new URL(v).origin);

/** Every environment variable the app reads, parsed once. */
export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Where the embedded database and other run-time state live. */
  DATA_DIR: z.string().min(1).default(".data"),
  /** A real PostgreSQL server; when unset the embedded PGlite database is used. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgres:// or postgresql://")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** Skip seeding at start (tests that seed themselves). */
  SKIP_SEED: z
    .enum(["0", "1", "true", "false"])
    .optional()
    .transform((v) => v === "1" || v === "true"),
  /** Spotify app client credentials (optional; both or none): song links and `npm run radio:crawl` (data/radio/SPOTIFY.md). */
  SPOTIFY_CLIENT_ID: optionalSecret,
  SPOTIFY_CLIENT_SECRET: optionalSecret,
  /** Where Spotify's Web API and accounts service answer; tests point them at a local stand-in. */
  SPOTIFY_API_URL: httpOrigin.default("https://api.spotify.com"),
  SPOTIFY_ACCOUNTS_URL: httpOrigin.default("https://accounts.spotify.com"),
  /**
   * Auto lights (README "Auto lights"): the server runs a monitor when LIGHTS_HUE_BRIDGE or
   * LIGHTS_REPLAY is set, or LIGHTS_MONITOR=1 (watch only). The values are checked when the
   * monitor starts - a bad one stops the monitor with a message, never the server.
   */
  LIGHTS_MONITOR: z.string().optional(),
  LIGHTS_HUE_BRIDGE: z.string().optional(),
  LIGHTS_HUE_USER: z.string().optional(),
  LIGHTS_PHONE_MACS: z.string().optional(),
  LIGHTS_DASH_MAC: z.string().optional(),
  LIGHTS_AWAY_MINUTES: z.string().optional(),
  LIGHTS_INTERFACE: z.string().optional(),
  LIGHTS_REPLAY: z.string().optional(),
  LIGHTS_DRY_RUN: z.string().optional(),
  /** Changes on the live lights dashboard (assigning MACs, switching lights) must carry this token; unset = read-only. */
  LIGHTS_ADMIN_TOKEN: z
    .string()
    .min(16, "LIGHTS_ADMIN_TOKEN must be at least 16 characters")
    .optional()
    .or(z.literal("").transform(() => undefined)),
});

export type Env = z.infer<typeof envSchema>;

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  return parsed.data;
}

let cached: Env | undefined;
/** The process environment, parsed on first use. */
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}

export function pgliteDir(e: Env = env()): string {
  return path.resolve(e.DATA_DIR, "pglite");
}
