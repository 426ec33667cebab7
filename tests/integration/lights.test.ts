/**
 * Auto lights with a real database and the fake Hue bridge: the monitor's state survives a
 * restart through Postgres (remembered lights, presence, devices, the paired app key), on
 * both backends; and the CLI end to end - `auto-lights --replay=<pcap> --hue_bridge=
 * 127.0.0.1:PORT` - sends the expected light commands to the bridge in the expected order.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db";
import { encodeArpFrame, encodeDhcpFrame, LINKTYPE_ETHERNET } from "@/lib/lights/capture/frames";
import { writePcap, type PcapRecord } from "@/lib/lights/capture/pcap";
import { LightsMonitor } from "@/lib/lights/server/monitor";
import { loadMonitor } from "@/lib/lights/server/store";
import { describeEachBackend } from "../helpers/describe-backends";
import { dropTestDatabases, openTestDatabase } from "../helpers/databases";
import { FakeHueBridge } from "../helpers/fake-hue-bridge";

const ROOT = path.resolve(import.meta.dirname, "../..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lights-int-"));
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await dropTestDatabases();
});

const PHONE = "3c:22:fb:12:34:56";
const DASH = "fc:a6:67:ab:cd:ef";
const STRANGER = "00:17:88:aa:bb:cc";
const MIN = 60_000;
const T0 = Date.UTC(2017, 2, 1, 7, 0, 0);

function pcap(name: string, records: PcapRecord[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, writePcap(LINKTYPE_ETHERNET, records));
  return file;
}

function lamps() {
  return [
    { id: "1", name: "Hall", on: true },
    { id: "2", name: "Kitchen", on: false },
    { id: "3", name: "Desk", on: true },
  ];
}

describeEachBackend("lights monitor state", (backend) => {
  let db: Database;
  afterAll(async () => db?.close());

  it("resumes after a restart: remembered lights, presence, devices and the paired app key come from the database", async () => {
    db = await openTestDatabase(backend);
    const bridge = await new FakeHueBridge(lamps()).start();
    bridge.linkButtonPressed = true;
    try {
      const first = pcap(`first-${backend.label.length}.pcap`, [
        { timeMs: T0, data: encodeDhcpFrame(PHONE, { requestedIp: "192.168.1.40", hostname: "phone" }) },
        { timeMs: T0 + MIN, data: encodeDhcpFrame(STRANGER, { hostname: "hue" }) },
        { timeMs: T0 + 2 * MIN, data: encodeArpFrame(DASH) }, // press: Hall and Desk off
      ]);
      const lines: string[] = [];
      const options = { name: "test", db, bridge: bridge.address, phoneMacs: [PHONE], dashMac: DASH, awayMinutes: 20, print: (l: string) => lines.push(l), hue: { retryDelaysMs: [20] } };
      const a = new LightsMonitor({ ...options, source: { kind: "replay", file: first } });
      await a.start();
      await a.finished;
      await a.idle();
      a.stop();
      expect(bridge.onIds()).toEqual([]);
      expect(bridge.users.size).toBe(1); // paired once, the key stored
      const stored = await loadMonitor(db.prisma, "test");
      expect(stored.state.remembered.map((l) => l.id)).toEqual(["1", "3"]);
      expect(stored.state.presence).toBe("home");
      expect(stored.state.devices[STRANGER]).toMatchObject({ hostname: "hue", firstSeen: T0 + MIN });
      expect(stored.config).toEqual({ phoneMacs: [PHONE], dashMac: DASH, awayMinutes: 20 });

      // A new process: the button pressed again restores exactly the remembered lights.
      const second = pcap(`second-${backend.label.length}.pcap`, [
        { timeMs: T0 + 3 * MIN, data: encodeDhcpFrame(STRANGER) },
        { timeMs: T0 + 4 * MIN, data: encodeArpFrame(DASH) },
      ]);
      const b = new LightsMonitor({ ...options, phoneMacs: undefined, dashMac: undefined, source: { kind: "replay", file: second } });
      await b.start();
      await b.finished;
      await b.idle();
      b.stop();
      expect(bridge.onIds()).toEqual(["1", "3"]);
      expect(bridge.users.size).toBe(1); // no second pairing
      expect(bridge.commands.map(({ id, on }) => `${id}:${on ? "on" : "off"}`)).toEqual(["1:off", "3:off", "1:on", "3:on"]);
      const after = await loadMonitor(db.prisma, "test");
      expect(after.state.remembered).toEqual([]);
      expect(after.state.devices[STRANGER]).toMatchObject({ firstSeen: T0 + MIN, lastSeen: T0 + 3 * MIN, packets: 2 });
      expect(lines.filter((l) => / new-device /.test(l))).toHaveLength(3); // the stranger is not new the second time
      const snap = b.snapshot();
      expect(snap.devices.find((d) => d.mac === DASH)?.role).toBe("button");
      expect(snap.events.some((e) => e.kind === "press")).toBe(true);
    } finally {
      await bridge.stop();
    }
  });
});

function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, "bin", "auto-lights.mjs"), ...args], { env: { ...process.env, ...env }, cwd: dir });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("npx auto-lights end to end", () => {
  // A whole process: tsx compiles the CLI, PGlite starts and migrates (~30-60 s on a loaded 2-core machine).
  it("replays a capture into the fake bridge: the expected commands in the expected order, one printed line each", { timeout: 240_000 }, async () => {
    const bridge = await new FakeHueBridge(lamps(), { users: ["clikey"] }).start();
    try {
      const file = pcap("evening.pcap", [
        { timeMs: T0, data: encodeDhcpFrame(PHONE, { hostname: "phone" }) },
        { timeMs: T0 + MIN, data: encodeArpFrame(DASH) }, // off: 1, 3
        { timeMs: T0 + MIN + 1500, data: encodeDhcpFrame(DASH) }, // same press
        { timeMs: T0 + 5 * MIN, data: encodeArpFrame(DASH) }, // on: 1, 3
        { timeMs: T0 + 40 * MIN, data: encodeArpFrame(STRANGER, { senderIp: "192.168.1.9" }) }, // away fired at 20 min: off 1, 3
        { timeMs: T0 + 50 * MIN, data: encodeDhcpFrame(PHONE) }, // home: on 1, 3
      ]);
      const dataDir = path.join(dir, "cli-data");
      const { code, stdout, stderr } = await runCli(
        [`--replay=${file}`, `--hue_bridge=${bridge.address}`, "--hue_user=clikey", `--phone_mac=${PHONE.toUpperCase().replace(/:/g, "-")}`, `--dash_mac=${DASH}`, "--away_minutes=20"],
        { DATA_DIR: dataDir, DATABASE_URL: "" },
      );
      expect(code, stderr).toBe(0);
      expect(bridge.commands.map(({ id, on }) => `${id}:${on ? "on" : "off"}`)).toEqual(["1:off", "3:off", "1:on", "3:on", "1:off", "3:off", "1:on", "3:on"]);
      const lines = stdout.trim().split("\n");
      for (const l of lines) expect(l).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z /);
      const at = (minutes: number) => new Date(T0 + minutes * MIN).toISOString();
      expect(lines.some((l) => l.startsWith(`${at(0)} new-device`) && l.includes(PHONE) && l.includes("Apple"))).toBe(true);
      expect(lines.filter((l) => / press /.test(l))).toHaveLength(2);
      expect(lines.some((l) => l.startsWith(`${at(20)} away`))).toBe(true); // on the timer, between packets
      expect(lines.some((l) => l.startsWith(`${at(50)} home`))).toBe(true);
      expect(lines.filter((l) => / command /.test(l))).toHaveLength(8);
      expect(fs.existsSync(path.join(dataDir, "auto-lights"))).toBe(true);
    } finally {
      await bridge.stop();
    }
  });

  it("refuses bad flags with the usage and exit code 2", async () => {
    const { code, stderr } = await runCli(["--dash_mac=12:34"], {});
    expect(code).toBe(2);
    expect(stderr).toMatch(/--dash_mac: "12:34" is not a MAC address/);
    expect(stderr).toMatch(/Usage: npx auto-lights/);
  });
});
