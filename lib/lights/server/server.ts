/**
 * The server's own auto-lights monitor (at most one per process, kept on globalThis across
 * Next's dev reloads), configured by the LIGHTS_* environment variables and started from
 * instrumentation.ts; the live dashboard and its routes read it here. Nothing here can take
 * the server down: a bad setting or a failing capture only shows in the monitor's status.
 * Changes (assigning MACs, switching lights) need LIGHTS_ADMIN_TOKEN (checkAdminToken).
 */
import "server-only";
import crypto from "node:crypto";
import { env, type Env } from "@/lib/env";
import { busy, forbidden, notFound } from "@/lib/errors";
import { getDatabase } from "@/lib/server/database";
import type { DeviceRole, LightsStateResponse } from "../core/api-schema";
import { errorText } from "../core/runner";
import { monitorOptionsFromArgs, parseCliArgs } from "./cli-args";
import { LightsMonitor, type MonitorOptions } from "./monitor";

const g = globalThis as unknown as { lightsMonitor?: LightsMonitor | null; lightsMonitorError?: string };

/** The monitor's options from the environment, null when none is asked for, or the problem with a setting. */
export function monitorSettings(e: Env = env()): Omit<MonitorOptions, "db" | "name"> | null | { error: string } {
  const wanted = [e.LIGHTS_HUE_BRIDGE, e.LIGHTS_REPLAY].some((v) => v && v.trim()) || ["1", "true"].includes((e.LIGHTS_MONITOR ?? "").trim());
  if (!wanted) return null;
  // The same rules as the command line's flags.
  const argv: string[] = [];
  const flag = (name: string, value: string | undefined) => {
    if (value !== undefined && value.trim() !== "") argv.push(`--${name}=${value.trim()}`);
  };
  flag("hue_bridge", e.LIGHTS_HUE_BRIDGE);
  flag("hue_user", e.LIGHTS_HUE_USER);
  flag("phone_mac", e.LIGHTS_PHONE_MACS);
  flag("dash_mac", e.LIGHTS_DASH_MAC);
  flag("away_minutes", e.LIGHTS_AWAY_MINUTES);
  flag("interface", e.LIGHTS_INTERFACE);
  flag("replay", e.LIGHTS_REPLAY);
  if (["1", "true"].includes((e.LIGHTS_DRY_RUN ?? "").trim())) argv.push("--dry_run");
  const parsed = parseCliArgs(argv);
  if ("error" in parsed) return { error: `LIGHTS_* settings: ${parsed.error.replace(/--([a-z_]+)/g, (_, n: string) => ENV_NAME[n] ?? `--${n}`)}` };
  return monitorOptionsFromArgs(parsed.args);
}

const ENV_NAME: Record<string, string> = {
  hue_bridge: "LIGHTS_HUE_BRIDGE",
  hue_user: "LIGHTS_HUE_USER",
  phone_mac: "LIGHTS_PHONE_MACS",
  dash_mac: "LIGHTS_DASH_MAC",
  away_minutes: "LIGHTS_AWAY_MINUTES",
  interface: "LIGHTS_INTERFACE",
  replay: "LIGHTS_REPLAY",
};

/** Starts the monitor if the environment asks for one; never throws. */
export async function startServerMonitor(): Promise<void> {
  if (g.lightsMonitor !== undefined) return;
  g.lightsMonitor = null;
  try {
    const settings = monitorSettings();
    if (settings === null) return;
    if ("error" in settings) {
      g.lightsMonitorError = settings.error;
      console.error(`[lights] monitor not started: ${settings.error}`);
      return;
    }
    const db = await getDatabase();
    const monitor = new LightsMonitor({ ...settings, name: "server", db, print: (line) => console.log(`[lights] ${line}`) });
    g.lightsMonitor = monitor;
    await monitor.start();
  } catch (err) {
    g.lightsMonitorError = errorText(err);
    console.error("[lights] monitor not started:", err);
  }
}

export function serverMonitor(): LightsMonitor | null {
  return g.lightsMonitor ?? null;
}

export function lightsState(): LightsStateResponse {
  const monitor = serverMonitor();
  return { running: monitor !== null, adminEnabled: env().LIGHTS_ADMIN_TOKEN !== undefined, monitor: monitor?.snapshot() ?? null };
}

const digest = (s: string) => crypto.createHash("sha256").update(s).digest();

/** `Authorization: Bearer <token>` must carry LIGHTS_ADMIN_TOKEN; compared in constant time. */
export function checkAdminToken(authorization: string | null): void {
  const expected = env().LIGHTS_ADMIN_TOKEN;
  if (!expected) throw forbidden("read_only", "This server's lights dashboard is read-only: it was started without LIGHTS_ADMIN_TOKEN.");
  const given = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
  if (!given || !crypto.timingSafeEqual(digest(given), digest(expected))) {
    throw forbidden("bad_admin_token", "Changes need the admin token (Authorization: Bearer <LIGHTS_ADMIN_TOKEN>).");
  }
}

function runningMonitor(): LightsMonitor {
  const monitor = serverMonitor();
  if (!monitor) throw notFound("no_monitor", "No lights monitor runs in this server.");
  return monitor;
}

export async function assignDevice(mac: string, role: DeviceRole): Promise<LightsStateResponse> {
  await runningMonitor().assign(mac, role);
  return lightsState();
}

export async function switchLightByHand(lightId: string, on: boolean): Promise<LightsStateResponse> {
  const monitor = runningMonitor();
  const light = monitor.lightById(lightId);
  if (!light) throw notFound("unknown_light", `The bridge has no light ${lightId} (as of its last reading).`);
  try {
    await monitor.switchLight({ id: light.id, name: light.name }, on);
  } catch (err) {
    throw busy("bridge_failed", `The bridge did not switch ${light.name}: ${errorText(err)}`);
  }
  return lightsState();
}

/** Why no monitor runs although one was asked for (a bad setting), or null. */
export function monitorStartError(): string | null {
  return g.lightsMonitorError ?? null;
}
