/**
 * The Hue client (node-hue-api v3 API over plain HTTP) against the in-process fake bridge
 * on 127.0.0.1: pairing (101 until the link button is pressed), listing lights and which
 * are on, switching one light, the command pacing (<= 10/s), retries while the bridge is
 * unreachable, and an unknown app key failing at once.
 */
import { afterEach, describe, expect, it } from "vitest";
import { HueBridge, HueError, pairWithBridge, parseBridgeAddress } from "@/lib/lights/hue/client";
import { FakeHueBridge } from "@/tests/helpers/fake-hue-bridge";

const KEY = "testkeytestkeytestkey";
let bridge: FakeHueBridge | undefined;
afterEach(async () => {
  await bridge?.stop();
  bridge = undefined;
});

async function start() {
  bridge = await new FakeHueBridge(
    [
      { id: "1", name: "Hall", on: true },
      { id: "2", name: "Kitchen", on: false },
      { id: "3", name: "Desk", on: true },
    ],
    { users: [KEY] },
  ).start();
  return bridge;
}

describe("bridge addresses", () => {
  it("uses HTTPS for HOST and plain HTTP for HOST:PORT", () => {
    expect(parseBridgeAddress("192.168.1.2")).toEqual({ host: "192.168.1.2", secure: true });
    expect(parseBridgeAddress("127.0.0.1:8080")).toEqual({ host: "127.0.0.1", port: 8080, secure: false });
    expect(parseBridgeAddress("[::1]:80")).toEqual({ host: "::1", port: 80, secure: false });
    expect(() => parseBridgeAddress("http://x")).toThrow(/HOST or HOST:PORT/);
    expect(() => parseBridgeAddress("x:70000")).toThrow(/1-65535/);
  });
});

describe("the Hue client against a fake bridge", () => {
  it("pairs only after the link button is pressed (error 101 before)", async () => {
    const b = await start();
    const address = parseBridgeAddress(b.address);
    await expect(pairWithBridge(address, { timeoutMs: 0 })).rejects.toMatchObject({ hueType: 101 });
    let waited = false;
    const pairing = pairWithBridge(address, { timeoutMs: 5000, everyMs: 50, onWaiting: () => (waited = true) });
    setTimeout(() => (b.linkButtonPressed = true), 200);
    const key = await pairing;
    expect(waited).toBe(true);
    expect(b.users.has(key)).toBe(true);
    // The new key works.
    const lights = await new HueBridge(address, key).readLights();
    expect(lights.map((l) => l.id)).toEqual(["1", "2", "3"]);
  });

  it("lists the lights with which are on, and switches one light at a time", async () => {
    const b = await start();
    const hue = new HueBridge(parseBridgeAddress(b.address), KEY);
    expect(await hue.readLights()).toEqual([
      { id: "1", name: "Hall", on: true },
      { id: "2", name: "Kitchen", on: false },
      { id: "3", name: "Desk", on: true },
    ]);
    await hue.setLight({ id: "3", name: "Desk" }, false);
    await hue.setLight({ id: "2", name: "Kitchen" }, true);
    expect(b.commands.map(({ id, on }) => ({ id, on }))).toEqual([
      { id: "3", on: false },
      { id: "2", on: true },
    ]);
    expect(b.onIds()).toEqual(["1", "2"]);
    expect(await hue.readGroups()).toEqual([{ id: "1", name: "Living room", lights: ["1", "2", "3"] }]);
    expect(b.requests.filter((r) => r.startsWith("PUT")).every((r) => /\/lights\/\d+\/state$/.test(r))).toBe(true); // never a group action
  });

  it("spaces light commands by the command gap (<= 10 per second by default)", async () => {
    const b = await start();
    const hue = new HueBridge(parseBridgeAddress(b.address), KEY);
    await hue.readLights();
    await Promise.all(["1", "2", "3", "1", "2"].map((id, i) => hue.setLight({ id, name: id }, i % 2 === 0)));
    const gaps = b.commands.slice(1).map((c, i) => c.at - b.commands[i].at);
    expect(b.commands).toHaveLength(5);
    for (const g of gaps) expect(g).toBeGreaterThanOrEqual(95); // the pacing itself, not a speed claim
  });

  it("retries while the bridge is unreachable and fails a bad app key at once", async () => {
    const b = await start();
    const logs: string[] = [];
    const hue = new HueBridge(parseBridgeAddress(b.address), KEY, { retryDelaysMs: [20, 20, 20], log: (l) => logs.push(l) });
    await hue.readLights();
    b.dropNext = 2;
    await hue.setLight({ id: "1", name: "Hall" }, false);
    expect(b.onIds()).toEqual(["3"]);
    expect(logs.length).toBeGreaterThanOrEqual(1);
    b.dropNext = 100;
    await expect(hue.setLight({ id: "1", name: "Hall" }, true)).rejects.toMatchObject({ unreachable: true });
    b.dropNext = 0;
    const wrong = new HueBridge(parseBridgeAddress(b.address), "not-a-key", { retryDelaysMs: [20] });
    const err = await wrong.readLights().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HueError);
    expect((err as HueError).unreachable).toBe(false);
  });

  it("fails with 'unreachable' when nothing listens", async () => {
    const b = await start();
    const address = parseBridgeAddress(b.address);
    await b.stop();
    bridge = undefined;
    const hue = new HueBridge(address, KEY, { retryDelaysMs: [10] });
    await expect(hue.readLights()).rejects.toMatchObject({ unreachable: true });
  });
});
