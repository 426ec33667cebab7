/**
 * The auto-lights rules as scenarios on a fake clock: a virtual bridge with four lamps, the
 * runner driving the pure engine, time moved by advanceWithRunner. Every rule of issue #11:
 * press off / press on exactly the same lights, debounce, leaving after away_minutes (on a
 * timer, no packet needed), coming home, new devices with vendors, failed commands that
 * lose nothing, and a restart in the middle (state serialised and loaded into a new runner).
 */
import { describe, expect, it } from "vitest";
import { VirtualClock } from "@/lib/lights/core/clock";
import { initialState, nextDue, step, type EngineConfig, type LightsEvent, type LightsState } from "@/lib/lights/core/engine";
import { isLocallyAdministered, parseMac, vendorFor } from "@/lib/lights/core/mac";
import { advanceWithRunner, LightsRunner } from "@/lib/lights/core/runner";
import { VirtualBridge } from "@/lib/lights/core/virtual-bridge";

const PHONE_A = "3c:22:fb:00:00:01";
const PHONE_B = "da:a1:19:00:00:02"; // locally administered (private address)
const DASH = "fc:a6:67:00:00:03";
const OTHER = "00:17:88:00:00:04";
const MIN = 60_000;
const T0 = Date.UTC(2017, 0, 10, 18, 0, 0);

const config: EngineConfig = { phoneMacs: [PHONE_A, PHONE_B], dashMac: DASH, awayMinutes: 20 };
const vendors: Record<string, string> = { "3C22FB": "Apple, Inc.", FCA667: "Amazon Technologies Inc.", "001788": "Philips Lighting BV" };
const vendorOf = (mac: string) => vendorFor(mac, (oui) => vendors[oui]);

function lamps() {
  return [
    { id: "1", name: "Hall", on: true },
    { id: "2", name: "Kitchen", on: false },
    { id: "3", name: "Living room", on: true },
    { id: "4", name: "Desk", on: true },
  ];
}

function setup(options: { initial?: LightsState; bridge?: VirtualBridge; start?: number } = {}) {
  const clock = new VirtualClock(options.start ?? T0);
  const bridge = options.bridge ?? new VirtualBridge(lamps());
  const logs: string[] = [];
  const runner = new LightsRunner({
    clock,
    bridge,
    config,
    vendorOf,
    initial: options.initial ?? initialState(),
    onStep: (_s, _e, effects) => {
      for (const e of effects) if (e.type === "log") logs.push(`${e.kind}: ${e.text}`);
    },
  });
  runner.start();
  const packet = async (mac: string, atMinutes: number, extra: Partial<Extract<LightsEvent, { type: "packet" }>> = {}) => {
    await advanceWithRunner(clock, runner, T0 + atMinutes * MIN);
    runner.push({ type: "packet", at: clock.now(), mac, kind: "arp", ...extra });
    await runner.idle();
  };
  const advance = (toMinutes: number) => advanceWithRunner(clock, runner, T0 + toMinutes * MIN);
  return { clock, bridge, runner, logs, packet, advance };
}

describe("MAC addresses", () => {
  it("accepts any case with ':' or '-' or none, refuses the rest", () => {
    expect(parseMac("FC-A6-67-00-00-03")).toBe(DASH);
    expect(parseMac("fc:A6:67:00:00:03")).toBe(DASH);
    expect(parseMac("fca667000003")).toBe(DASH);
    expect(parseMac("fc:a6-67:00:00:03")).toBeNull();
    expect(parseMac("fc:a6:67:00:00")).toBeNull();
    expect(parseMac("gg:a6:67:00:00:03")).toBeNull();
  });
  it("says 'private address' for locally administered MACs and names the vendor otherwise", () => {
    expect(isLocallyAdministered(PHONE_B)).toBe(true);
    expect(isLocallyAdministered(PHONE_A)).toBe(false);
    expect(vendorOf(PHONE_B)).toBe("private address");
    expect(vendorOf(DASH)).toBe("Amazon Technologies Inc.");
    expect(vendorOf("00:00:5e:00:00:01")).toBe("unknown vendor");
  });
});

describe("the button", () => {
  it("switches off exactly the lights that are on, one command each, and back on exactly those", async () => {
    const { bridge, runner, packet } = setup();
    await packet(DASH, 1);
    expect(bridge.onIds()).toEqual([]);
    expect(bridge.commands).toEqual([
      { id: "1", on: false },
      { id: "3", on: false },
      { id: "4", on: false },
    ]);
    expect(runner.current.remembered.map((l) => l.id)).toEqual(["1", "3", "4"]);
    await packet(DASH, 2);
    expect(bridge.onIds()).toEqual(["1", "3", "4"]); // the kitchen stays off: it was off before
    expect(bridge.commands.slice(3)).toEqual([
      { id: "1", on: true },
      { id: "3", on: true },
      { id: "4", on: true },
    ]);
    expect(runner.current.remembered).toEqual([]);
  });

  it("treats packets within 5 s of a press as the same press", async () => {
    const { bridge, packet, clock, runner } = setup();
    await packet(DASH, 1);
    for (const ms of [1000, 2500, 4999]) {
      runner.push({ type: "packet", at: T0 + MIN + ms, mac: DASH, kind: "dhcp" });
      await runner.idle();
    }
    expect(bridge.onIds()).toEqual([]); // still off: no second press
    expect(bridge.commands).toHaveLength(3);
    await advanceWithRunner(clock, runner, T0 + MIN + 5000);
    runner.push({ type: "packet", at: clock.now(), mac: DASH, kind: "dhcp" });
    await runner.idle();
    expect(bridge.onIds()).toEqual(["1", "3", "4"]); // 5 s after: a new press
  });

  it("with nothing on, remembers nothing and a second press does not switch anything on", async () => {
    const bridge = new VirtualBridge(lamps().map((l) => ({ ...l, on: false })));
    const { packet, runner, logs } = setup({ bridge });
    await packet(DASH, 1);
    await packet(DASH, 2);
    expect(bridge.commands).toEqual([]);
    expect(runner.current.remembered).toEqual([]);
    expect(logs.filter((l) => l.startsWith("press"))).toHaveLength(2);
  });
});

describe("leaving and coming home", () => {
  it("switches off after away_minutes without a phone, on the timer alone, and back on when a phone returns", async () => {
    const { bridge, packet, advance, runner, logs } = setup();
    await packet(PHONE_A, 0);
    expect(runner.current.presence).toBe("home");
    await packet(PHONE_B, 5); // another phone keeps the house occupied
    await advance(24.9);
    expect(bridge.onIds()).toEqual(["1", "3", "4"]);
    expect(runner.current.presence).toBe("home");
    await advance(25); // 20 minutes after the last phone, no packet at all
    expect(runner.current.presence).toBe("away");
    expect(bridge.onIds()).toEqual([]);
    expect(logs.some((l) => l.startsWith("away: nobody home"))).toBe(true);
    bridge.toggleByHand("2"); // someone's timer lamp: not the engine's business
    await packet(PHONE_B, 40);
    expect(runner.current.presence).toBe("home");
    expect(bridge.onIds()).toEqual(["1", "2", "3", "4"]);
    expect(bridge.commands.filter((c) => c.on).map((c) => c.id)).toEqual(["1", "3", "4"]);
    expect(runner.current.remembered).toEqual([]);
  });

  it("does not switch anything when the button already switched the lights off, and restores them on return", async () => {
    const { bridge, packet, advance, runner } = setup();
    await packet(PHONE_A, 0);
    await packet(DASH, 1); // lights off by hand, on the way out
    expect(bridge.commands).toHaveLength(3);
    await advance(30);
    expect(runner.current.presence).toBe("away");
    expect(bridge.commands).toHaveLength(3); // nothing new: they are remembered already
    await packet(PHONE_A, 45);
    expect(bridge.onIds()).toEqual(["1", "3", "4"]);
  });

  it("a phone seen for the first time only marks someone home; no lights move", async () => {
    const { bridge, packet, runner } = setup();
    await packet(PHONE_A, 0);
    expect(runner.current.presence).toBe("home");
    expect(bridge.commands).toEqual([]);
  });

  it("never leaves 'unknown' by the timer: no phone seen yet means no away decision", async () => {
    const { bridge, advance, runner } = setup();
    await advance(120);
    expect(runner.current.presence).toBe("unknown");
    expect(nextDue(runner.current, config)).toBeNull();
    expect(bridge.commands).toEqual([]);
  });

  it("honours a different away_minutes", async () => {
    const clock = new VirtualClock(T0);
    const bridge = new VirtualBridge(lamps());
    const runner = new LightsRunner({ clock, bridge, config: { ...config, awayMinutes: 2 }, vendorOf, initial: initialState() });
    runner.start();
    runner.push({ type: "packet", at: T0, mac: PHONE_A, kind: "dhcp" });
    await advanceWithRunner(clock, runner, T0 + 1.9 * MIN);
    expect(runner.current.presence).toBe("home");
    await advanceWithRunner(clock, runner, T0 + 2 * MIN);
    expect(runner.current.presence).toBe("away");
    expect(bridge.onIds()).toEqual([]);
  });
});

describe("new devices", () => {
  it("reports each MAC once, with its vendor, IP and DHCP host name, and keeps first/last seen", async () => {
    const { packet, runner, logs } = setup();
    await packet(OTHER, 1, { kind: "dhcp", ip: "192.168.1.7", hostname: "Hue-bridge" });
    await packet(OTHER, 3);
    await packet(PHONE_B, 4);
    await packet("ff:ff:ff:ff:ff:ff", 5); // broadcast: not a device
    const newDevices = logs.filter((l) => l.startsWith("new-device"));
    expect(newDevices).toEqual(['new-device: new device 00:17:88:00:00:04 (Philips Lighting BV) at 192.168.1.7 "Hue-bridge"', "new-device: new device da:a1:19:00:00:02 (private address)"]);
    const d = runner.current.devices[OTHER];
    expect(d).toMatchObject({ ip: "192.168.1.7", hostname: "Hue-bridge", firstSeen: T0 + MIN, lastSeen: T0 + 3 * MIN, packets: 2 });
    expect(Object.keys(runner.current.devices)).not.toContain("ff:ff:ff:ff:ff:ff");
  });
});

describe("failures and restarts", () => {
  it("keeps the remembered lights when switching them back on fails, and restores them on the next press", async () => {
    const { bridge, packet, runner, logs } = setup();
    await packet(DASH, 1);
    bridge.unreachable = true;
    await packet(DASH, 2);
    expect(runner.current.remembered.map((l) => l.id)).toEqual(["1", "3", "4"]);
    expect(logs.filter((l) => l.startsWith("error"))).toHaveLength(3);
    bridge.unreachable = false;
    await packet(DASH, 3);
    expect(bridge.onIds()).toEqual(["1", "3", "4"]);
    expect(runner.current.remembered).toEqual([]);
  });

  it("drops a press whose light reading failed, without remembering anything", async () => {
    const { bridge, packet, runner } = setup();
    bridge.unreachable = true;
    await packet(DASH, 1);
    expect(runner.current.remembered).toEqual([]);
    expect(runner.current.pendingRead).toBeNull();
    bridge.unreachable = false;
    await packet(DASH, 2);
    expect(bridge.onIds()).toEqual([]);
  });

  it("survives a restart in the middle: remembered lights, presence and the away timer carry over", async () => {
    const first = setup();
    await first.packet(PHONE_A, 0);
    await first.packet(DASH, 1);
    const saved = JSON.parse(JSON.stringify(first.runner.current)) as LightsState; // as the store keeps it
    first.runner.stop();

    // The process was down from minute 1 to minute 30: the away check is overdue.
    const second = setup({ initial: saved, bridge: first.bridge, start: T0 + 30 * MIN });
    await second.runner.idle();
    expect(second.runner.current.presence).toBe("away");
    expect(first.bridge.commands).toHaveLength(3); // nothing new: already remembered
    await second.packet(PHONE_A, 31);
    expect(first.bridge.onIds()).toEqual(["1", "3", "4"]);
  });

  it("re-issues an unanswered read and unconfirmed switch-on commands after a restart", async () => {
    const cfg = config;
    // A press whose read was asked for but never answered (the process died).
    let s = initialState();
    s = step(s, { type: "packet", at: T0, mac: DASH, kind: "arp" }, cfg, vendorOf).state;
    expect(s.pendingRead).toBe("press");
    const bridge = new VirtualBridge(lamps());
    const { runner } = setup({ initial: s, bridge, start: T0 + 1000 });
    await runner.idle();
    expect(bridge.onIds()).toEqual([]);
    // Switch-on commands sent but not confirmed: restoring carries over and is sent again.
    const restoring: LightsState = { ...runner.current, restoring: true };
    const again = setup({ initial: restoring, bridge, start: T0 + 2000 });
    await again.runner.idle();
    expect(bridge.onIds()).toEqual(["1", "3", "4"]);
    expect(again.runner.current.remembered).toEqual([]);
    expect(again.runner.current.restoring).toBe(false);
  });

  it("ignores a light reading nobody asked for (a stale answer)", () => {
    const s = initialState();
    const r = step(s, { type: "lights", at: T0, purpose: "press", lights: [{ id: "1", name: "Hall", on: true }] }, config, vendorOf);
    expect(r.state.remembered).toEqual([]);
    expect(r.effects).toEqual([]);
  });
});
