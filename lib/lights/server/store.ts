/**
 * The lights engine's state in Postgres (PGlite or PostgreSQL) through Prisma: one
 * `lights_state` row per monitor ("server", "cli"), its devices, its event log (newest
 * MAX_EVENTS kept) and the app keys bridges granted. Written after every engine step, so a
 * restart resumes where it stopped: remembered lights, last seen times, home/away, devices.
 */
import "server-only";
import type { Database } from "@/lib/db";
import type { DeviceSeen, Effect, EngineConfig, LightRef, LightsEvent, LightsState, Presence, ReadPurpose } from "../core/engine";
import { initialState } from "../core/engine";
import type { LogEntry } from "../core/api-schema";

export const MAX_EVENTS = 500;

type Prisma = Database["prisma"];

const toDate = (ms: number | null) => (ms === null ? null : new Date(ms));
const toMs = (d: Date | null) => (d === null ? null : d.getTime());

export interface StoredMonitor {
  state: LightsState;
  /** The assignment last stored (flags/env override it when given). */
  config: EngineConfig | null;
}

/** The monitor's saved state and assignment, or a fresh state. */
export async function loadMonitor(prisma: Prisma, monitor: string): Promise<StoredMonitor> {
  const row = await prisma.lightsState.findUnique({ where: { monitor } });
  const devices = await prisma.lightsDevice.findMany({ where: { monitor } });
  const state = initialState();
  for (const d of devices) {
    state.devices[d.mac] = { mac: d.mac, vendor: d.vendor, ip: d.ip, hostname: d.hostname, firstSeen: d.firstSeen.getTime(), lastSeen: d.lastSeen.getTime(), packets: d.packets };
  }
  if (!row) return { state, config: null };
  state.presence = (["unknown", "home", "away"].includes(row.presence) ? row.presence : "unknown") as Presence;
  state.lastPhoneSeen = toMs(row.lastPhoneSeen);
  state.lastPress = toMs(row.lastPress);
  state.remembered = Array.isArray(row.remembered) ? (row.remembered as unknown as LightRef[]).filter((l) => l && typeof l.id === "string").map((l) => ({ id: l.id, name: String(l.name ?? l.id) })) : [];
  state.pendingRead = row.pendingRead === "press" || row.pendingRead === "away" ? (row.pendingRead as ReadPurpose) : null;
  state.restoring = row.restoring;
  return { state, config: { phoneMacs: row.phoneMacs, dashMac: row.dashMac, awayMinutes: row.awayMinutes } };
}

function stateColumns(state: LightsState, config: EngineConfig) {
  return {
    presence: state.presence,
    lastPhoneSeen: toDate(state.lastPhoneSeen),
    lastPress: toDate(state.lastPress),
    remembered: state.remembered.map((l) => ({ id: l.id, name: l.name })),
    pendingRead: state.pendingRead,
    restoring: state.restoring,
    phoneMacs: [...config.phoneMacs],
    dashMac: config.dashMac,
    awayMinutes: config.awayMinutes,
  };
}

export async function saveState(prisma: Prisma, monitor: string, state: LightsState, config: EngineConfig): Promise<void> {
  const columns = stateColumns(state, config);
  await prisma.lightsState.upsert({ where: { monitor }, create: { monitor, ...columns }, update: columns });
}

function deviceColumns(d: DeviceSeen) {
  return { vendor: d.vendor, ip: d.ip, hostname: d.hostname, firstSeen: new Date(d.firstSeen), lastSeen: new Date(d.lastSeen), packets: d.packets };
}

let eventsSincePrune = 0;

/** Persists one engine step: the state row, the device the packet came from, the log lines. */
export async function saveStep(prisma: Prisma, monitor: string, state: LightsState, config: EngineConfig, event: LightsEvent, effects: Effect[]): Promise<void> {
  await saveState(prisma, monitor, state, config);
  if (event.type === "packet") {
    const d = state.devices[event.mac];
    if (d) await prisma.lightsDevice.upsert({ where: { monitor_mac: { monitor, mac: d.mac } }, create: { monitor, mac: d.mac, ...deviceColumns(d) }, update: deviceColumns(d) });
  }
  const logs = effects.filter((e): e is Extract<Effect, { type: "log" }> => e.type === "log");
  if (logs.length) {
    await prisma.lightsEvent.createMany({ data: logs.map((l) => ({ monitor, at: new Date(l.at), kind: l.kind, text: l.text, mac: l.mac ?? null })) });
    eventsSincePrune += logs.length;
    if (eventsSincePrune >= 50) {
      eventsSincePrune = 0;
      await pruneEvents(prisma, monitor);
    }
  }
}

export async function pruneEvents(prisma: Prisma, monitor: string): Promise<void> {
  const keep = await prisma.lightsEvent.findMany({ where: { monitor }, orderBy: { id: "desc" }, skip: MAX_EVENTS - 1, take: 1, select: { id: true } });
  if (keep.length) await prisma.lightsEvent.deleteMany({ where: { monitor, id: { lt: keep[0].id } } });
}

/** The newest `limit` log lines, oldest first. */
export async function recentEvents(prisma: Prisma, monitor: string, limit = 100): Promise<LogEntry[]> {
  const rows = await prisma.lightsEvent.findMany({ where: { monitor }, orderBy: { id: "desc" }, take: limit });
  return rows.reverse().map((r) => ({ id: r.id, at: r.at.getTime(), kind: r.kind, text: r.text, mac: r.mac }));
}

export async function bridgeKey(prisma: Prisma, bridge: string): Promise<string | null> {
  return (await prisma.lightsBridgeKey.findUnique({ where: { bridge } }))?.appKey ?? null;
}

export async function saveBridgeKey(prisma: Prisma, bridge: string, appKey: string): Promise<void> {
  await prisma.lightsBridgeKey.upsert({ where: { bridge }, create: { bridge, appKey }, update: { appKey } });
}
