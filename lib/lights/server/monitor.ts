/**
 * One running auto-lights monitor: packets (live capture, the DHCP fallback, or a .pcap
 * replay) -> the engine (LightsRunner) -> the Hue bridge, with the state in Postgres. The
 * CLI (scripts/lights/auto-lights.ts) and the server (server.ts, for the live dashboard)
 * both run this. Every line it prints carries a timestamp (the engine's clock: a replay's
 * is the capture's). Nothing here throws past start(): failures become the status.
 */
import "server-only";
import path from "node:path";
import type { Database } from "@/lib/db";
import { realClock, type Clock, type VirtualClock } from "../core/clock";
import { DEFAULT_AWAY_MINUTES, type Effect, type EngineConfig, type LightRef, type LightsEvent, type LightsState } from "../core/engine";
import { EVENTS_SHOWN, MAX_DEVICES_SHOWN, type DeviceRole, type LogEntry, type MonitorSnapshot } from "../core/api-schema";
import { errorText, LightsRunner, type BridgeLight, type LightsBridge } from "../core/runner";
import { readCapture, replayClock, replayInto, type ReplayPacket } from "../capture/replay";
import { CaptureUnavailableError, startDhcpListener, startLiveCapture, type PacketSource } from "../capture/sources";
import { macVendor } from "../capture/vendor";
import { describeBridge, HueBridge, pairWithBridge, parseBridgeAddress, type BridgeAddress } from "../hue/client";
import { bridgeKey, loadMonitor, recentEvents, saveBridgeKey, saveState, saveStep } from "./store";

export type MonitorSource = { kind: "live"; iface?: string } | { kind: "replay"; file: string };

export interface MonitorOptions {
  /** Row key of the state: "server" or "cli". */
  name: string;
  db: Database;
  source: MonitorSource;
  /** "HOST" or "HOST:PORT", or null for none (then only --dry_run makes sense). */
  bridge: string | null;
  hueUser?: string;
  dryRun?: boolean;
  /** Given (flags, env) values win over the stored assignment; unset ones keep it. */
  phoneMacs?: string[];
  dashMac?: string | null;
  awayMinutes?: number;
  /** One line per event (CLI: stdout; server: the server log). */
  print?: (line: string) => void;
  /** How long to wait for the bridge's link button when there is no app key (ms). */
  pairTimeoutMs?: number;
  /** For a long replay: given the packet count, returns what to call after each packet (a progress bar with ETA). */
  replayProgress?: (total: number) => (done: number) => void;
  /** Options for the Hue client (tests shorten retries). */
  hue?: ConstructorParameters<typeof HueBridge>[2];
}

/** Reads nothing and switches nothing: no bridge was given. */
class NoBridge implements LightsBridge {
  async readLights(): Promise<BridgeLight[]> {
    return [];
  }
  async setLight(): Promise<void> {}
}

/** Reads the real bridge, sends no command (--dry_run). */
class DryRunBridge implements LightsBridge {
  constructor(private readonly inner: LightsBridge) {}
  readLights() {
    return this.inner.readLights();
  }
  async setLight(): Promise<void> {}
}

/** Until pairing succeeded, every call says why. */
class UnpairedBridge implements LightsBridge {
  constructor(private readonly why: string) {}
  async readLights(): Promise<BridgeLight[]> {
    throw new Error(this.why);
  }
  async setLight(): Promise<void> {
    throw new Error(this.why);
  }
}

export type MonitorListener = () => void;

export class LightsMonitor {
  private runner: LightsRunner | null = null;
  private source: PacketSource | null = null;
  private clock: Clock = realClock;
  private bridge: LightsBridge = new NoBridge();
  private hue: HueBridge | null = null;
  private lights: BridgeLight[] | null = null;
  private events: LogEntry[] = [];
  private eventId = 0;
  private listeners = new Set<MonitorListener>();
  private refreshTimer: ReturnType<typeof setInterval> | null = null;
  private config: EngineConfig = { phoneMacs: [], dashMac: null, awayMinutes: DEFAULT_AWAY_MINUTES };
  status = "starting";
  sourceDescription = "";
  bridgeStatus = "no bridge";
  /** Resolves when a replay has been fed completely (never for live capture). */
  finished: Promise<void> = new Promise(() => undefined);

  constructor(readonly options: MonitorOptions) {}

  private print(at: number, text: string): void {
    this.options.print?.(`${new Date(at).toISOString()} ${text}`);
  }

  private get prisma() {
    return this.options.db.prisma;
  }

  /** Loads state, connects the bridge, starts the packet source. Never throws: see status. */
  async start(): Promise<void> {
    try {
      await this.startInner();
    } catch (err) {
      this.status = `failed: ${errorText(err)}`;
      this.print(Date.now(), `monitor failed: ${errorText(err)}`);
      this.notify();
    }
  }

  private async startInner(): Promise<void> {
    const o = this.options;
    const stored = await loadMonitor(this.prisma, o.name);
    this.config = {
      phoneMacs: o.phoneMacs ?? stored.config?.phoneMacs ?? [],
      dashMac: o.dashMac !== undefined ? o.dashMac : (stored.config?.dashMac ?? null),
      awayMinutes: o.awayMinutes ?? stored.config?.awayMinutes ?? DEFAULT_AWAY_MINUTES,
    };
    this.events = (await recentEvents(this.prisma, o.name, EVENTS_SHOWN)).map((e) => ({ ...e }));
    this.eventId = this.events.at(-1)?.id ?? 0;

    let packets: ReplayPacket[] = [];
    if (o.source.kind === "replay") {
      const capture = readCapture(o.source.file);
      packets = capture.packets;
      this.clock = replayClock(packets);
      this.sourceDescription = `replay of ${path.basename(o.source.file)} (${capture.records} packets, ${packets.length} ARP/DHCP)`;
    }

    await this.connectBridge();
    this.print(this.clock.now(), `phones: ${this.config.phoneMacs.join(", ") || "none"}; button: ${this.config.dashMac ?? "none"}; away after ${this.config.awayMinutes} min; bridge: ${this.bridgeStatus}`);

    this.runner = new LightsRunner({
      clock: this.clock,
      bridge: this.bridge,
      config: this.config,
      vendorOf: macVendor,
      initial: stored.state,
      onStep: (state, event, effects) => this.onStep(state, event, effects),
      onError: (err) => this.print(this.clock.now(), `could not save the state: ${errorText(err)}`),
    });
    this.runner.start();

    if (o.source.kind === "replay") {
      this.status = "replaying";
      this.print(this.clock.now(), `${this.sourceDescription}: start`);
      this.notify();
      const clock = this.clock as VirtualClock;
      this.finished = replayInto(this.runner, clock, packets, o.replayProgress?.(packets.length)).then(async () => {
        await this.refreshLights();
        this.status = "replay finished";
        this.print(this.clock.now(), `${this.sourceDescription}: end`);
        this.notify();
      });
      return;
    }
    this.source = await this.startCapture(o.source.iface);
    this.status = "running";
    this.print(this.clock.now(), `listening: ${this.sourceDescription}`);
    this.refreshTimer = setInterval(() => void this.refreshLights(), 60_000);
    this.refreshTimer.unref?.();
    void this.refreshLights();
    this.notify();
  }

  private async startCapture(iface: string | undefined): Promise<PacketSource> {
    const onPacket = (p: { mac: string; kind: "arp" | "dhcp"; ip: string | null; hostname: string | null }, at: number) =>
      this.runner?.push({ type: "packet", at, mac: p.mac, kind: p.kind, ip: p.ip, hostname: p.hostname });
    const onError = (err: Error) => this.print(Date.now(), `capture error: ${err.message}`);
    try {
      const live = startLiveCapture(iface, onPacket, onError);
      this.sourceDescription = live.description;
      return live;
    } catch (err) {
      if (!(err instanceof CaptureUnavailableError) || !/optional npm package `cap`/.test(err.message)) throw err;
      this.print(Date.now(), `${err.message}`);
      this.print(Date.now(), "falling back to the DHCP listener on UDP 67");
      const dhcp = await startDhcpListener(onPacket, onError);
      this.sourceDescription = dhcp.description;
      return dhcp;
    }
  }

  private async connectBridge(): Promise<void> {
    const o = this.options;
    if (!o.bridge) {
      this.bridge = new NoBridge();
      this.bridgeStatus = o.dryRun ? "none (dry run: no lights known)" : "none";
      return;
    }
    const address: BridgeAddress = parseBridgeAddress(o.bridge);
    let key = o.hueUser ?? (await bridgeKey(this.prisma, o.bridge));
    if (!key) {
      this.print(this.clock.now(), `no app key for ${describeBridge(address)}: press the link button on the bridge (waiting ${Math.round((o.pairTimeoutMs ?? 60_000) / 1000)} s)`);
      try {
        key = await pairWithBridge(address, { timeoutMs: o.pairTimeoutMs ?? 60_000 });
        await saveBridgeKey(this.prisma, o.bridge, key);
        this.print(this.clock.now(), `paired with ${describeBridge(address)}; app key stored in the database`);
      } catch (err) {
        const why = `not paired with ${describeBridge(address)} (${errorText(err)}); press the link button and restart, or pass --hue_user`;
        this.bridge = new UnpairedBridge(why);
        this.bridgeStatus = why;
        return;
      }
    }
    this.hue = new HueBridge(address, key, { ...o.hue, log: (line) => this.print(this.clock.now(), line) });
    this.bridge = o.dryRun ? new DryRunBridge(this.hue) : this.hue;
    this.bridgeStatus = `${describeBridge(address)}${o.dryRun ? " (dry run: commands not sent)" : ""}`;
  }

  private async refreshLights(): Promise<void> {
    try {
      this.lights = await this.bridge.readLights();
      if (this.hue) this.bridgeStatus = this.bridgeStatus.replace(/ \(unreachable.*\)$/, "");
    } catch (err) {
      if (this.hue && !/unreachable/.test(this.bridgeStatus)) this.bridgeStatus += ` (unreachable: ${errorText(err)})`;
    }
    this.notify();
  }

  private async onStep(state: LightsState, event: LightsEvent, effects: Effect[]): Promise<void> {
    for (const e of effects) {
      if (e.type !== "log") continue;
      const dry = this.options.dryRun && e.kind === "command" ? " [dry run: not sent]" : "";
      this.print(e.at, `${e.kind.padEnd(10)} ${e.text}${dry}`);
      this.events.push({ id: ++this.eventId, at: e.at, kind: e.kind, text: e.text + dry, mac: e.mac ?? null });
    }
    if (this.events.length > EVENTS_SHOWN) this.events.splice(0, this.events.length - EVENTS_SHOWN);
    if (event.type === "lights") this.lights = event.lights;
    if (event.type === "switched" && event.ok && this.lights) {
      this.lights = this.lights.map((l) => (l.id === event.light.id ? { ...l, on: event.on } : l));
    }
    await saveStep(this.prisma, this.options.name, state, this.config, event, effects);
    this.notify();
  }

  /** Resolves when the engine has nothing left to do. */
  idle(): Promise<void> {
    return this.runner?.idle() ?? Promise.resolve();
  }

  stop(): void {
    this.source?.stop();
    this.source = null;
    this.runner?.stop();
    if (this.refreshTimer) clearInterval(this.refreshTimer);
    this.refreshTimer = null;
    if (this.status === "running") this.status = "stopped";
  }

  subscribe(listener: MonitorListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    for (const l of this.listeners) {
      try {
        l();
      } catch {
        // a listener's failure (a closed stream) is its own business
      }
    }
  }

  /** Makes `mac` a phone, the button, or neither; persisted and used from the next packet. */
  async assign(mac: string, role: DeviceRole): Promise<void> {
    const phones = this.config.phoneMacs.filter((m) => m !== mac);
    let dash = this.config.dashMac === mac ? null : this.config.dashMac;
    if (role === "phone") phones.push(mac);
    if (role === "button") dash = mac;
    this.config = { ...this.config, phoneMacs: phones, dashMac: dash };
    this.runner?.reconfigure(this.config);
    if (this.runner) await saveState(this.prisma, this.options.name, this.runner.current, this.config);
    this.addNote(`${mac} is now ${role === "other" ? "neither phone nor button" : role === "phone" ? "a phone" : "the button"} (changed on the dashboard)`);
  }

  /** Switches one bridge light by hand (the dashboard's admin). */
  async switchLight(light: LightRef, on: boolean): Promise<void> {
    await this.bridge.setLight(light, on);
    if (this.lights) this.lights = this.lights.map((l) => (l.id === light.id ? { ...l, on } : l));
    this.addNote(`${light.name} (light ${light.id}) switched ${on ? "on" : "off"} by hand on the dashboard${this.options.dryRun ? " [dry run: not sent]" : ""}`);
  }

  private addNote(text: string): void {
    const at = this.clock.now();
    this.print(at, `info       ${text}`);
    this.events.push({ id: ++this.eventId, at, kind: "info", text, mac: null });
    void this.prisma.lightsEvent.create({ data: { monitor: this.options.name, at: new Date(at), kind: "info", text, mac: null } }).catch(() => undefined);
    this.notify();
  }

  lightById(id: string): BridgeLight | undefined {
    return this.lights?.find((l) => l.id === id);
  }

  snapshot(): MonitorSnapshot {
    const state = this.runner?.current;
    const roleOf = (mac: string): DeviceRole => (this.config.phoneMacs.includes(mac) ? "phone" : this.config.dashMac === mac ? "button" : "other");
    const devices = Object.values(state?.devices ?? {})
      .sort((a, b) => b.lastSeen - a.lastSeen)
      .slice(0, MAX_DEVICES_SHOWN)
      .map((d) => ({ ...d, role: roleOf(d.mac) }));
    return {
      source: this.sourceDescription,
      status: this.status,
      bridge: this.options.bridge,
      bridgeStatus: this.bridgeStatus,
      dryRun: this.options.dryRun ?? false,
      presence: state?.presence ?? "unknown",
      lastPhoneSeen: state?.lastPhoneSeen ?? null,
      awayMinutes: this.config.awayMinutes,
      phoneMacs: [...this.config.phoneMacs],
      dashMac: this.config.dashMac,
      remembered: state?.remembered ?? [],
      lights: this.lights,
      devices,
      events: this.events.slice(-EVENTS_SHOWN),
      now: this.clock.now(),
    };
  }
}
