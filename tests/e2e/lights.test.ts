/**
 * The /lights page in Chromium: the simulator acting out every rule (button off/on, leaving
 * after 20 virtual minutes, coming home, a new device with its maker), at phone width too;
 * the read-only API of a server without a monitor; and a second app server that runs a
 * monitor (LIGHTS_REPLAY of a capture written here, the fake Hue bridge on 127.0.0.1,
 * LIGHTS_ADMIN_TOKEN): the live dashboard over server-sent events, an admin change with and
 * without the token, a hand-switched light arriving at the bridge, and event streams that
 * are released when their clients go.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { encodeArpFrame, encodeDhcpFrame, LINKTYPE_ETHERNET } from "@/lib/lights/capture/frames";
import { writePcap } from "@/lib/lights/capture/pcap";
import { lightsStateSchema } from "@/lib/lights/core/api-schema";
import { startBuiltApp, type RunningApp } from "../helpers/app-server";
import { FakeHueBridge } from "../helpers/fake-hue-bridge";
import { newPageCollectingErrors, useChromium } from "./chromium";

const baseURL = inject("baseURL");
const browser = useChromium();

describe("the simulator on /lights", () => {
  it("acts out the rules: button off and on, leaving, coming home, new devices", async () => {
    const { page } = await newPageCollectingErrors(browser(), { width: 1366, height: 900 });
    await page.goto(`${baseURL}/lights`);
    await page.getByTestId("sim-press").waitFor();
    const lampOn = async (id: string) => (await page.getByTestId(`sim-lamp-${id}`).getAttribute("aria-pressed")) === "true";
    await expect(page.getByTestId("sim-presence").innerText()).resolves.toBe("Someone is home");
    expect([await lampOn("1"), await lampOn("2"), await lampOn("3"), await lampOn("4")]).toEqual([true, true, false, true]);
    await expect(page.getByTestId("no-monitor").innerText()).resolves.toContain("LIGHTS_HUE_BRIDGE");

    await page.getByTestId("sim-press").click();
    await page.waitForFunction(() => document.querySelector('[data-testid="sim-remembered"]')?.textContent === "Hall, Kitchen, Desk");
    expect([await lampOn("1"), await lampOn("2"), await lampOn("4")]).toEqual([false, false, false]);
    await expect(page.getByTestId("sim-log").innerText()).resolves.toMatch(/fc:a6:67:2e:90:11 \(Amazon Technologies Inc\.\)/);

    await page.getByRole("button", { name: "+1 min" }).click();
    await page.getByTestId("sim-press").click();
    await page.waitForFunction(() => document.querySelector('[data-testid="sim-remembered"]')?.textContent === "nothing");
    expect([await lampOn("1"), await lampOn("2"), await lampOn("3"), await lampOn("4")]).toEqual([true, true, false, true]);

    await page.getByTestId("sim-phone-0").click();
    await page.getByTestId("sim-phone-1").click();
    await expect(page.getByTestId("sim-countdown").innerText()).resolves.toMatch(/Lights go off at/);
    await page.getByRole("button", { name: "+20 min" }).click();
    await page.getByRole("button", { name: "+5 min" }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="sim-presence"]')?.textContent === "Nobody home");
    expect([await lampOn("1"), await lampOn("2"), await lampOn("4")]).toEqual([false, false, false]);

    await page.getByTestId("sim-phone-1").click(); // Ben comes home
    await page.waitForFunction(() => document.querySelector('[data-testid="sim-presence"]')?.textContent === "Someone is home");
    expect([await lampOn("1"), await lampOn("2"), await lampOn("3"), await lampOn("4")]).toEqual([true, true, false, true]);

    await page.getByRole("button", { name: /visitor/ }).click();
    await page.waitForFunction(() => /Samsung/.test(document.querySelector('[data-testid="sim-log"]')?.textContent ?? ""));
  });

  it("fits a phone screen and keeps working after a reload", async () => {
    const { page } = await newPageCollectingErrors(browser(), { width: 390, height: 844 });
    await page.goto(`${baseURL}/lights`);
    await page.getByTestId("sim-press").waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.getByTestId("sim-press").click();
    await page.waitForFunction(() => document.querySelector('[data-testid="sim-remembered"]')?.textContent !== "nothing");
    await page.reload();
    await page.getByTestId("sim-press").waitFor();
    await expect(page.getByTestId("sim-remembered").innerText()).resolves.toBe("nothing"); // a fresh virtual house
  });

  it("without a monitor the API is read-only and says so", async () => {
    const state = lightsStateSchema.parse(await (await fetch(`${baseURL}/api/lights/state`)).json());
    expect(state).toEqual({ running: false, adminEnabled: false, monitor: null });
    const answer = await fetch(`${baseURL}/api/lights/assign`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ mac: "FC-A6-67-AB-CD-EF", role: "phone" }) });
    expect(answer.status).toBe(403);
    expect((await answer.json()).error.code).toBe("read_only");
  });
});

describe("the live dashboard of a server that runs a monitor", () => {
  const PHONE = "3c:22:fb:12:34:56";
  const DASH = "fc:a6:67:ab:cd:ef";
  const TOKEN = "e2e-admin-token-0123456789";
  const T0 = Date.UTC(2017, 2, 1, 18, 0, 0);
  let bridge: FakeHueBridge;
  let app: RunningApp;
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "lights-e2e-"));
    const file = path.join(dir, "home.pcap");
    fs.writeFileSync(
      file,
      writePcap(LINKTYPE_ETHERNET, [
        { timeMs: T0, data: encodeDhcpFrame(PHONE, { requestedIp: "192.168.1.40", hostname: "annas-phone" }) },
        { timeMs: T0 + 60_000, data: encodeDhcpFrame("b8:27:eb:00:11:22", { requestedIp: "192.168.1.41", hostname: "raspberrypi" }) },
        { timeMs: T0 + 120_000, data: encodeArpFrame(DASH) },
      ]),
    );
    bridge = await new FakeHueBridge(
      [
        { id: "1", name: "Hall", on: true },
        { id: "2", name: "Kitchen", on: false },
      ],
      { users: ["e2ekey"] },
    ).start();
    app = await startBuiltApp({
      env: {
        SKIP_SEED: "1",
        LIGHTS_REPLAY: file,
        LIGHTS_HUE_BRIDGE: bridge.address,
        LIGHTS_HUE_USER: "e2ekey",
        LIGHTS_PHONE_MACS: PHONE.toUpperCase(),
        LIGHTS_ADMIN_TOKEN: TOKEN,
        DATABASE_URL: "",
      },
    });
    // The replay runs at start; wait for its end.
    for (let i = 0; i < 100; i++) {
      const s = lightsStateSchema.parse(await (await fetch(`${app.baseURL}/api/lights/state`)).json());
      if (s.monitor?.status === "replay finished") break;
      await new Promise((r) => setTimeout(r, 200));
    }
  });
  afterAll(async () => {
    await app?.stop();
    await bridge?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("shows the replayed devices, vendors and events over server-sent events", async () => {
    const state = lightsStateSchema.parse(await (await fetch(`${app.baseURL}/api/lights/state`)).json());
    expect(state.running).toBe(true);
    expect(state.adminEnabled).toBe(true);
    expect(state.monitor?.status).toBe("replay finished");
    expect(state.monitor?.devices.map((d) => d.mac).sort()).toEqual([PHONE, "b8:27:eb:00:11:22", DASH].sort());
    expect(bridge.commands).toEqual([]); // the button is not assigned yet: no press

    const { page } = await newPageCollectingErrors(browser(), { width: 1366, height: 900 });
    await page.goto(`${app.baseURL}/lights`);
    await page.getByTestId("live-dashboard").waitFor();
    await page.waitForFunction(() => /live/.test(document.querySelector(".lt-live-head")?.textContent ?? ""));
    const devices = await page.getByTestId("live-devices").innerText();
    expect(devices).toContain("Raspberry Pi Foundation");
    expect(devices).toContain("annas-phone");
    expect(devices).toMatch(/Amazon Technologies Inc\./);
    await expect(page.getByTestId("live-presence").innerText()).resolves.toBe("Someone is home");
  });

  it("needs the admin token for a change: a wrong one is refused, the right one assigns the button and switches a light", async () => {
    const checked = await newPageCollectingErrors(browser(), { width: 1366, height: 900 });
    const { page } = checked;
    checked.expectApiStatus(403, "/api/lights/assign");
    await page.goto(`${app.baseURL}/lights`);
    await page.getByTestId("live-dashboard").waitFor();
    await page.getByLabel("Admin token").fill("wrong-token-wrong-token");
    await page.getByRole("button", { name: "Unlock changes" }).click();
    await page.getByLabel(`Role of ${DASH}`).selectOption("button");
    const alert = page.locator('p.error-box[role="alert"]');
    await alert.waitFor();
    await expect(alert.innerText()).resolves.toMatch(/admin token/);
    expect(lightsStateSchema.parse(await (await fetch(`${app.baseURL}/api/lights/state`)).json()).monitor?.dashMac).toBeNull();

    await page.getByLabel("Admin token").fill(TOKEN);
    await page.getByRole("button", { name: "Unlock changes" }).click();
    await page.getByLabel(`Role of ${DASH}`).selectOption("button");
    await page.waitForFunction(() => /is now the button/.test(document.querySelector('[data-testid="live-log"]')?.textContent ?? ""));
    expect(lightsStateSchema.parse(await (await fetch(`${app.baseURL}/api/lights/state`)).json()).monitor?.dashMac).toBe(DASH);

    await page.getByRole("button", { name: "Switch off" }).click(); // the Hall
    await page.waitForFunction(() => /switched off by hand/.test(document.querySelector('[data-testid="live-log"]')?.textContent ?? ""));
    expect(bridge.commands.map(({ id, on }) => ({ id, on }))).toEqual([{ id: "1", on: false }]);
  });

  it("releases event streams when their clients go (more than the 20-stream limit, one after another)", async () => {
    for (let i = 0; i < 25; i++) {
      const controller = new AbortController();
      const res = await fetch(`${app.baseURL}/api/lights/events`, { signal: controller.signal, headers: { accept: "text/event-stream" } });
      expect(res.status, `stream ${i + 1}`).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
      const reader = res.body!.getReader();
      let text = "";
      while (!text.includes("event: snapshot")) text += new TextDecoder().decode((await reader.read()).value);
      controller.abort();
      await reader.cancel().catch(() => undefined);
    }
    await new Promise((r) => setTimeout(r, 300));
    const res = await fetch(`${app.baseURL}/api/lights/events?zz=1`);
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe("invalid_query");
  });
});
