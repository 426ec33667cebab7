/**
 * The page's simulator (lib/lights/core/simulation.ts) tells the story the page promises:
 * phones chatter while home, the house goes dark 20 minutes after the last phone leaves,
 * lights come back with the first phone, the button toggles, visitors get their maker's
 * name - and its vendor table agrees with the OUI registry the CLI uses.
 */
import { describe, expect, it } from "vitest";
import { macVendor } from "@/lib/lights/capture/vendor";
import { ouiOf } from "@/lib/lights/core/mac";
import { SIM_DASH, SIMULATOR_VENDORS, Simulation } from "@/lib/lights/core/simulation";

const MIN = 60_000;

describe("the simulator", () => {
  it("stays home while the phones chatter, goes dark 20 minutes after the last one leaves, and lights up when one returns", async () => {
    const sim = new Simulation();
    await sim.boot();
    expect(sim.state.presence).toBe("home");
    await sim.advance(120 * MIN); // two hours at home: chatter keeps the house occupied
    expect(sim.state.presence).toBe("home");
    expect(sim.bridge.onIds()).toEqual(["1", "2", "4"]);

    await sim.setPhoneHome(0, false);
    await sim.setPhoneHome(1, false);
    const left = sim.now;
    await sim.advance(14 * MIN);
    expect(sim.state.presence).toBe("home"); // the last packet was under 20 minutes ago
    await sim.advance(30 * MIN);
    expect(sim.state.presence).toBe("away");
    expect(sim.bridge.onIds()).toEqual([]);
    const away = sim.log.find((l) => l.kind === "away")!;
    expect(away.at - left).toBeLessThanOrEqual(20 * MIN); // 20 min after the last packet, which came before leaving
    expect(away.at - left).toBeGreaterThan(7 * MIN);

    await sim.setPhoneHome(1, true);
    expect(sim.state.presence).toBe("home");
    expect(sim.bridge.onIds()).toEqual(["1", "2", "4"]);
  });

  it("the button toggles exactly the lamps that were on, as one press per wake-up", async () => {
    const sim = new Simulation();
    await sim.boot();
    await sim.toggleLamp("3"); // living room on by hand
    await sim.pressButton();
    expect(sim.bridge.onIds()).toEqual([]);
    expect(sim.log.filter((l) => l.kind === "press")).toHaveLength(1); // ARP + DHCP = one press
    await sim.advance(MIN);
    await sim.pressButton();
    expect(sim.bridge.onIds()).toEqual(["1", "2", "3", "4"]);
  });

  it("keeps the remembered lamps while the bridge is unplugged", async () => {
    const sim = new Simulation();
    await sim.boot();
    await sim.pressButton();
    await sim.setUnreachable(true);
    await sim.advance(MIN);
    await sim.pressButton();
    expect(sim.state.remembered.map((l) => l.id)).toEqual(["1", "2", "4"]);
    await sim.setUnreachable(false);
    await sim.advance(MIN);
    await sim.pressButton();
    expect(sim.bridge.onIds()).toEqual(["1", "2", "4"]);
  });

  it("names visitors' makers and the button's", async () => {
    const sim = new Simulation();
    await sim.boot();
    await sim.addVisitor();
    await sim.addVisitor();
    await sim.pressButton();
    const lines = sim.log.filter((l) => l.kind === "new-device").map((l) => l.text);
    expect(lines.some((l) => l.includes("Samsung"))).toBe(true);
    expect(lines.some((l) => l.includes("Raspberry Pi"))).toBe(true);
    expect(lines.some((l) => l.includes(SIM_DASH) && l.includes("Amazon"))).toBe(true);
    expect(lines.some((l) => l.includes("private address"))).toBe(true); // Ben's phone
  });

  it("spells every vendor as the OUI registry does", () => {
    for (const [oui, name] of Object.entries(SIMULATOR_VENDORS)) {
      const mac = `${oui.slice(0, 2)}:${oui.slice(2, 4)}:${oui.slice(4, 6)}:00:00:01`.toLowerCase();
      expect(ouiOf(mac)).toBe(oui);
      expect(macVendor(mac)).toBe(name);
    }
  });
});
