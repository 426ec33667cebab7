/**
 * The page's simulator: a virtual house (four Hue lamps on a virtual bridge, two phones, a
 * Dash button, visitors) around the very same engine and runner the CLI and the server
 * run, on a virtual clock the visitor fast-forwards. Phones at home talk to the Wi-Fi now
 * and then (every 3 to 13 minutes: the original post never saw a phone silent for longer
 * than 13); a phone that leaves goes quiet; one that comes home sends a DHCP request at
 * once. Touches no real light. Browser-safe, and unit-tested like the engine.
 */
import { VirtualClock } from "./clock";
import { DEFAULT_AWAY_MINUTES, initialState, nextDue, type Effect, type EngineConfig, type LightsState } from "./engine";
import { vendorFor } from "./mac";
import { advanceWithRunner, LightsRunner } from "./runner";
import { VirtualBridge } from "./virtual-bridge";

/** Vendor names for the simulator's MACs, as IEEE's registry spells them (a unit test checks against oui-data). */
export const SIMULATOR_VENDORS: Record<string, string> = {
  "3C22FB": "Apple, Inc.",
  FCA667: "Amazon Technologies Inc.",
  "001788": "Philips Lighting BV",
  E4E0C5: "Samsung Electronics Co.,Ltd",
  B827EB: "Raspberry Pi Foundation",
};

export interface SimPhone {
  name: string;
  mac: string;
  home: boolean;
}

export interface SimLogLine {
  id: number;
  at: number;
  kind: Effect extends infer E ? (E extends { type: "log"; kind: infer K } ? K : never) : never;
  text: string;
}

export const SIM_DASH = "fc:a6:67:2e:90:11";
export const SIM_BRIDGE_MAC = "00:17:88:61:aa:03";
const VISITORS = ["e4:e0:c5:41:7d:20", "b8:27:eb:0c:55:19", "3c:22:fb:77:10:c4", "7a:3f:02:9e:64:d1"];
/** Minutes between a home phone's packets, in turn. */
const CHATTER_MINUTES = [3, 7, 13, 5, 9, 4];
const MIN = 60_000;

export const SIM_START = Date.UTC(2017, 9, 2, 7, 30, 0); // a Monday morning (shown in UTC)

export class Simulation {
  readonly clock: VirtualClock;
  readonly bridge: VirtualBridge;
  readonly runner: LightsRunner;
  readonly phones: SimPhone[];
  readonly log: SimLogLine[] = [];
  readonly config: EngineConfig;
  private logId = 0;
  private chatter = new Map<string, () => void>();
  private chatterTurn = 0;
  private visitors = 0;
  private busy: Promise<void> = Promise.resolve();
  private listeners = new Set<() => void>();

  constructor(options: { awayMinutes?: number; start?: number } = {}) {
    this.clock = new VirtualClock(options.start ?? SIM_START);
    this.bridge = new VirtualBridge([
      { id: "1", name: "Hall", on: true },
      { id: "2", name: "Kitchen", on: true },
      { id: "3", name: "Living room", on: false },
      { id: "4", name: "Desk", on: true },
    ]);
    this.phones = [
      { name: "Anna's phone", mac: "3c:22:fb:5a:01:02", home: true },
      { name: "Ben's phone", mac: "da:a1:19:6b:33:0e", home: true }, // a private (random) address, as phones use today
    ];
    this.config = { phoneMacs: this.phones.map((p) => p.mac), dashMac: SIM_DASH, awayMinutes: options.awayMinutes ?? DEFAULT_AWAY_MINUTES };
    this.runner = new LightsRunner({
      clock: this.clock,
      bridge: this.bridge,
      config: this.config,
      vendorOf: (mac) => vendorFor(mac, (oui) => SIMULATOR_VENDORS[oui]),
      initial: initialState(),
      onStep: (_state, _event, effects) => {
        for (const e of effects) if (e.type === "log") this.log.push({ id: ++this.logId, at: e.at, kind: e.kind, text: e.text });
        if (this.log.length > 300) this.log.splice(0, this.log.length - 300);
      },
    });
    this.runner.start();
  }

  /** Called after anything changed (the page re-renders); returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get state(): LightsState {
    return this.runner.current;
  }

  get now(): number {
    return this.clock.now();
  }

  /** When "nobody home" falls due, or null. */
  get awayDue(): number | null {
    return nextDue(this.state, this.config);
  }

  /** Runs fn after whatever is running (one change at a time), then notifies. */
  private serial(fn: () => Promise<void> | void): Promise<void> {
    this.busy = this.busy.then(async () => {
      await fn();
      await this.runner.idle();
      for (const l of this.listeners) l();
    });
    return this.busy;
  }

  private booted: Promise<void> | null = null;

  /** boot(), once however often it is asked for (React runs effects twice in development). */
  bootOnce(): Promise<void> {
    this.booted ??= this.boot();
    return this.booted;
  }

  /** The first minute: the bridge and both phones are on the network. */
  boot(): Promise<void> {
    return this.serial(() => {
      this.packet(SIM_BRIDGE_MAC, "arp", "192.168.1.2", null);
      for (const p of this.phones) if (p.home) this.arrive(p, false);
    });
  }

  private packet(mac: string, kind: "arp" | "dhcp", ip: string | null, hostname: string | null): void {
    this.runner.push({ type: "packet", at: this.clock.now(), mac, kind, ip, hostname });
  }

  private scheduleChatter(phone: SimPhone): void {
    this.chatter.get(phone.mac)?.();
    const minutes = CHATTER_MINUTES[this.chatterTurn++ % CHATTER_MINUTES.length];
    const cancel = this.clock.at(this.clock.now() + minutes * MIN, () => {
      if (!phone.home) return;
      this.packet(phone.mac, "arp", this.ipOf(phone), null);
      this.scheduleChatter(phone);
    });
    this.chatter.set(phone.mac, cancel);
  }

  private ipOf(phone: SimPhone): string {
    return `192.168.1.${10 + this.phones.indexOf(phone)}`;
  }

  private arrive(phone: SimPhone, announce: boolean): void {
    phone.home = true;
    this.packet(phone.mac, "dhcp", this.ipOf(phone), phone.name.replace(/'s phone$/, "s-Phone"));
    if (announce) this.note(`${phone.name} joins the Wi-Fi`);
    this.scheduleChatter(phone);
  }

  private note(text: string): void {
    this.log.push({ id: ++this.logId, at: this.clock.now(), kind: "info", text });
  }

  setPhoneHome(index: number, home: boolean): Promise<void> {
    return this.serial(() => {
      const phone = this.phones[index];
      if (!phone || phone.home === home) return;
      if (home) this.arrive(phone, true);
      else {
        phone.home = false;
        this.chatter.get(phone.mac)?.();
        this.chatter.delete(phone.mac);
        this.note(`${phone.name} leaves the house (goes quiet on the network)`);
      }
    });
  }

  /** A Dash button wakes up: an ARP probe, then a DHCP request a moment later (one press). */
  pressButton(): Promise<void> {
    return this.serial(async () => {
      this.note("the Dash button is pressed (it wakes up and joins the Wi-Fi)");
      this.packet(SIM_DASH, "arp", null, null);
      await advanceWithRunner(this.clock, this.runner, this.clock.now() + 1200);
      this.packet(SIM_DASH, "dhcp", "192.168.1.30", null);
    });
  }

  /** A device nobody has seen: the log names its maker (or "private address"). */
  addVisitor(): Promise<void> {
    return this.serial(() => {
      const mac = VISITORS[this.visitors++ % VISITORS.length];
      this.packet(mac, "dhcp", `192.168.1.${40 + (this.visitors % 200)}`, null);
    });
  }

  toggleLamp(id: string): Promise<void> {
    return this.serial(() => {
      this.bridge.toggleByHand(id);
      const lamp = this.bridge.lights.find((l) => l.id === id);
      if (lamp) this.note(`${lamp.name} switched ${lamp.on ? "on" : "off"} by hand`);
    });
  }

  setUnreachable(unreachable: boolean): Promise<void> {
    return this.serial(() => {
      this.bridge.unreachable = unreachable;
      this.note(unreachable ? "the bridge is unplugged: commands fail (the engine keeps what it remembers)" : "the bridge is back");
    });
  }

  advance(ms: number): Promise<void> {
    return this.serial(() => advanceWithRunner(this.clock, this.runner, this.clock.now() + ms));
  }

  /** Settles any queued change. */
  settle(): Promise<void> {
    return this.busy;
  }
}
