/**
 * The auto-lights rules as a pure state machine: `step(state, event, config)` returns the
 * next state and what to do (effects); nothing here reads a clock, the network or a bridge.
 * Every event carries its own time. Browser-safe: the CLI, the server's monitor and the
 * page's simulator all run this same function (through LightsRunner in runner.ts).
 *
 * The rules (issue #11):
 * - Button: a packet from the Dash MAC is a press; packets within 5 s of a press belong to
 *   it. With lights remembered, switch exactly those back on (forgetting each once its
 *   command succeeded); otherwise read which lights are on, remember them and switch them
 *   off - one command per light, never a group action.
 * - Leaving: any phone seen means someone is home; when someone was home and no phone has
 *   been seen for awayMinutes, nobody is home: remember the lights that are on and switch
 *   them off, unless lights are already remembered. Checked on a timer (nextDue).
 * - Coming home: nobody home and a phone is seen: switch the remembered lights back on.
 * - New devices: the first packet from an unknown MAC is reported with its vendor.
 */
import { isMulticast } from "./mac";

export const DEFAULT_AWAY_MINUTES = 20;
export const PRESS_DEBOUNCE_MS = 5000;
/** Devices the state keeps (least recently seen dropped first): bounds what a busy LAN costs. */
export const MAX_DEVICES = 2000;

export interface EngineConfig {
  /** Normalised MACs ("aa:bb:..."). */
  phoneMacs: readonly string[];
  dashMac: string | null;
  awayMinutes: number;
}

export type Presence = "unknown" | "home" | "away";

export interface DeviceSeen {
  mac: string;
  vendor: string;
  ip: string | null;
  hostname: string | null;
  firstSeen: number;
  lastSeen: number;
  packets: number;
}

export interface LightRef {
  id: string;
  name: string;
}

/** Why the engine asked for the lights' state. */
export type ReadPurpose = "press" | "away";

export interface LightsState {
  presence: Presence;
  /** Last packet from any phone (ms), or null. */
  lastPhoneSeen: number | null;
  /** Time of the last press (for the 5 s debounce). */
  lastPress: number | null;
  /** Lights the engine switched off and will switch back on. */
  remembered: LightRef[];
  /** A read of the lights' state asked for and not answered yet. */
  pendingRead: ReadPurpose | null;
  /** Switch-on commands sent for the remembered lights, not all confirmed yet. */
  restoring: boolean;
  devices: Record<string, DeviceSeen>;
}

export function initialState(): LightsState {
  return { presence: "unknown", lastPhoneSeen: null, lastPress: null, remembered: [], pendingRead: null, restoring: false, devices: {} };
}

export type PacketKind = "arp" | "dhcp";

export type LightsEvent =
  | { type: "packet"; at: number; mac: string; kind: PacketKind; ip?: string | null; hostname?: string | null }
  /** The away timer (or any periodic check). */
  | { type: "tick"; at: number }
  /** The bridge's answer to a read-lights effect. */
  | { type: "lights"; at: number; purpose: ReadPurpose; lights: { id: string; name: string; on: boolean }[] }
  /** The reading failed (bridge unreachable after retries): the action is dropped, nothing forgotten. */
  | { type: "lights-failed"; at: number; purpose: ReadPurpose; error: string }
  /** The outcome of a switch effect. */
  | { type: "switched"; at: number; light: LightRef; on: boolean; ok: boolean; error?: string };

export type LogKind = "new-device" | "press" | "home" | "away" | "command" | "error" | "info";

export type Effect =
  | { type: "log"; at: number; kind: LogKind; text: string; mac?: string }
  | { type: "new-device"; at: number; device: DeviceSeen }
  | { type: "read-lights"; at: number; purpose: ReadPurpose }
  | { type: "switch"; at: number; light: LightRef; on: boolean; reason: string };

export interface StepResult {
  state: LightsState;
  effects: Effect[];
}

/** Looks a vendor up (pure function injected by the caller: the OUI table is not in the browser bundle). */
export type VendorLookup = (mac: string) => string;

function restoreEffects(state: LightsState, at: number, reason: string): Effect[] {
  return state.remembered.map((light) => ({ type: "switch" as const, at, light, on: true, reason }));
}

function names(lights: readonly LightRef[]): string {
  return lights.length ? lights.map((l) => l.name).join(", ") : "none";
}

function awayMs(config: EngineConfig): number {
  return config.awayMinutes * 60_000;
}

/** When the next tick matters (the away check), or null when no timer is needed. */
export function nextDue(state: LightsState, config: EngineConfig): number | null {
  if (state.presence !== "home" || state.lastPhoneSeen === null) return null;
  return state.lastPhoneSeen + awayMs(config);
}

function recordDevice(state: LightsState, event: Extract<LightsEvent, { type: "packet" }>, vendorOf: VendorLookup): { devices: Record<string, DeviceSeen>; added?: DeviceSeen } {
  const known = state.devices[event.mac];
  if (known) {
    const updated: DeviceSeen = {
      ...known,
      lastSeen: Math.max(known.lastSeen, event.at),
      packets: known.packets + 1,
      ip: event.ip ?? known.ip,
      hostname: event.hostname ?? known.hostname,
    };
    return { devices: { ...state.devices, [event.mac]: updated } };
  }
  const added: DeviceSeen = { mac: event.mac, vendor: vendorOf(event.mac), ip: event.ip ?? null, hostname: event.hostname ?? null, firstSeen: event.at, lastSeen: event.at, packets: 1 };
  const devices = { ...state.devices, [event.mac]: added };
  const macs = Object.keys(devices);
  if (macs.length > MAX_DEVICES) {
    const oldest = macs.reduce((a, b) => (devices[a].lastSeen <= devices[b].lastSeen ? a : b));
    delete devices[oldest];
  }
  return { devices, added };
}

/** One event in, the next state and the effects out. Never mutates `state`. */
export function step(state: LightsState, event: LightsEvent, config: EngineConfig, vendorOf: VendorLookup): StepResult {
  const effects: Effect[] = [];
  const log = (kind: LogKind, text: string, mac?: string) => effects.push({ type: "log", at: event.at, kind, text, ...(mac ? { mac } : {}) });
  let next: LightsState = state;

  switch (event.type) {
    case "packet": {
      if (isMulticast(event.mac)) return { state, effects };
      const { devices, added } = recordDevice(state, event, vendorOf);
      next = { ...state, devices };
      if (added) {
        effects.push({ type: "new-device", at: event.at, device: added });
        log("new-device", `new device ${added.mac} (${added.vendor})${added.ip ? ` at ${added.ip}` : ""}${added.hostname ? ` "${added.hostname}"` : ""}`, added.mac);
      }
      if (config.dashMac && event.mac === config.dashMac) {
        if (next.lastPress !== null && event.at - next.lastPress < PRESS_DEBOUNCE_MS && event.at >= next.lastPress) break;
        next = { ...next, lastPress: event.at };
        if (next.remembered.length > 0) {
          log("press", `button pressed: switching ${next.remembered.length} remembered light(s) back on (${names(next.remembered)})`, event.mac);
          next = { ...next, restoring: true, pendingRead: null };
          effects.push(...restoreEffects(next, event.at, "button"));
        } else {
          log("press", "button pressed: switching off the lights that are on", event.mac);
          next = { ...next, pendingRead: "press" };
          effects.push({ type: "read-lights", at: event.at, purpose: "press" });
        }
      }
      if (config.phoneMacs.includes(event.mac)) {
        const was = next.presence;
        next = { ...next, lastPhoneSeen: Math.max(next.lastPhoneSeen ?? event.at, event.at), presence: "home" };
        if (was === "away") {
          log("home", `someone is home (${event.mac} seen)${next.remembered.length ? `: switching ${names(next.remembered)} back on` : ""}`, event.mac);
          if (next.remembered.length) {
            next = { ...next, restoring: true, pendingRead: next.pendingRead === "away" ? null : next.pendingRead };
            effects.push(...restoreEffects(next, event.at, "home"));
          } else if (next.pendingRead === "away") {
            next = { ...next, pendingRead: null };
          }
        } else if (was === "unknown") {
          log("home", `someone is home (${event.mac} seen)`, event.mac);
        }
      }
      break;
    }
    case "tick": {
      const due = nextDue(state, config);
      if (due !== null && event.at >= due) {
        const minutes = config.awayMinutes;
        next = { ...state, presence: "away" };
        if (state.remembered.length === 0) {
          log("away", `nobody home: no phone seen for ${minutes} min; switching off the lights that are on`);
          next = { ...next, pendingRead: "away" };
          effects.push({ type: "read-lights", at: event.at, purpose: "away" });
        } else {
          log("away", `nobody home: no phone seen for ${minutes} min; ${names(state.remembered)} already off and remembered`);
        }
      }
      break;
    }
    case "lights": {
      if (state.pendingRead !== event.purpose) break; // answered too late: superseded
      next = { ...state, pendingRead: null };
      if (state.remembered.length > 0) break; // something else already switched lights off
      const on = event.lights.filter((l) => l.on).map((l) => ({ id: l.id, name: l.name }));
      if (on.length === 0) {
        log("info", "no light is on: nothing to switch off or remember");
        break;
      }
      next = { ...next, remembered: on, restoring: false };
      for (const light of on) effects.push({ type: "switch", at: event.at, light, on: false, reason: event.purpose === "press" ? "button" : "away" });
      break;
    }
    case "lights-failed": {
      if (state.pendingRead !== event.purpose) break;
      next = { ...state, pendingRead: null };
      log("error", `could not read the lights (${event.error}); nothing switched`);
      break;
    }
    case "switched": {
      if (!event.ok) {
        log("error", `switching ${event.light.name} ${event.on ? "on" : "off"} failed: ${event.error ?? "unknown error"}${event.on ? " (still remembered)" : ""}`);
        break;
      }
      log("command", `${event.light.name} (light ${event.light.id}) switched ${event.on ? "on" : "off"}`);
      if (event.on && state.remembered.some((l) => l.id === event.light.id)) {
        const remembered = state.remembered.filter((l) => l.id !== event.light.id);
        next = { ...state, remembered, restoring: remembered.length > 0 && state.restoring };
      }
      break;
    }
  }
  return { state: next, effects };
}

/** Effects to re-issue after a restart: an unanswered read, unconfirmed switch-on commands. */
export function resumeEffects(state: LightsState, at: number): Effect[] {
  const effects: Effect[] = [];
  if (state.pendingRead) effects.push({ type: "read-lights", at, purpose: state.pendingRead });
  if (state.restoring) effects.push(...restoreEffects(state, at, "resume"));
  return effects;
}
