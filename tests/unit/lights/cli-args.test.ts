/**
 * The auto-lights flags (and the server's LIGHTS_* variables, which go through the same
 * parser): MACs in any case with ":" or "-", HOST vs HOST:PORT, every refusal with a message
 * naming the flag - or the variable, for the server.
 */
import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { monitorOptionsFromArgs, parseCliArgs } from "@/lib/lights/server/cli-args";
import { monitorSettings } from "@/lib/lights/server/server";

const ok = (argv: string[]) => {
  const r = parseCliArgs(argv);
  if ("error" in r) throw new Error(r.error);
  return r.args;
};
const error = (argv: string[]) => {
  const r = parseCliArgs(argv);
  return "error" in r ? r.error : null;
};

describe("auto-lights flags", () => {
  it("reads the issue's flags, MACs in any case and with ':' or '-'", () => {
    const a = ok(["--hue_bridge=192.168.1.2", "--phone_mac=3C-22-FB-12-34-56,da:a1:19:6b:33:0e", "--dash_mac", "FC:A6:67:AB:CD:EF", "--away_minutes=30", "--interface=eth0", "--dry_run"]);
    expect(a).toMatchObject({ hueBridge: "192.168.1.2", phoneMacs: ["3c:22:fb:12:34:56", "da:a1:19:6b:33:0e"], dashMac: "fc:a6:67:ab:cd:ef", awayMinutes: 30, interface: "eth0", dryRun: true });
    expect(monitorOptionsFromArgs(a)).toMatchObject({ source: { kind: "live", iface: "eth0" }, bridge: "192.168.1.2", dryRun: true });
    expect(monitorOptionsFromArgs(ok(["--replay=x.pcap"]), (f) => `/abs/${f}`)).toMatchObject({ source: { kind: "replay", file: "/abs/x.pcap" }, bridge: null, dryRun: true });
    expect(ok(["--help"]).help).toBe(true);
  });

  it("refuses what it cannot use, naming the flag", () => {
    expect(error(["--phone_mac=3c:22:fb:12:34"])).toMatch(/--phone_mac: "3c:22:fb:12:34" is not a MAC/);
    expect(error(["--dash_mac=zz"])).toMatch(/--dash_mac/);
    expect(error(["--hue_bridge=http://bridge"])).toMatch(/HOST or HOST:PORT/);
    expect(error(["--away_minutes=0"])).toMatch(/--away_minutes/);
    expect(error(["--away_minutes=1e1"])).toMatch(/--away_minutes/);
    expect(error(["--dry_run=yes"])).toMatch(/takes no value/);
    expect(error(["--colour=red"])).toMatch(/unknown option --colour/);
    expect(error(["--dash_mac"])).toMatch(/needs a value/);
    expect(error(["--dash_mac=fc:a6:67:ab:cd:ef", "--dash_mac=fc:a6:67:ab:cd:ef"])).toMatch(/twice/);
    expect(error(["--pair"])).toMatch(/--pair needs --hue_bridge/);
    expect(error(["--replay=a.pcap", "--interface=eth0"])).toMatch(/exclude/);
    expect(error(["stray"])).toMatch(/unexpected argument/);
  });
});

describe("the server's LIGHTS_* settings", () => {
  it("runs no monitor unless asked, and names the variable that is wrong", () => {
    expect(monitorSettings(parseEnv({}))).toBeNull();
    expect(monitorSettings(parseEnv({ LIGHTS_PHONE_MACS: "3c:22:fb:12:34:56" }))).toBeNull(); // MACs alone ask for nothing
    expect(monitorSettings(parseEnv({ LIGHTS_MONITOR: "1" }))).toMatchObject({ bridge: null, dryRun: true, source: { kind: "live" } });
    expect(monitorSettings(parseEnv({ LIGHTS_HUE_BRIDGE: "10.0.0.2", LIGHTS_PHONE_MACS: "nope" }))).toEqual({
      error: 'LIGHTS_* settings: LIGHTS_PHONE_MACS: "nope" is not a MAC address (like aa:bb:cc:dd:ee:ff)',
    });
    expect(monitorSettings(parseEnv({ LIGHTS_REPLAY: "/tmp/x.pcap", LIGHTS_HUE_BRIDGE: "127.0.0.1:8080", LIGHTS_DRY_RUN: "1" }))).toMatchObject({
      source: { kind: "replay", file: "/tmp/x.pcap" },
      bridge: "127.0.0.1:8080",
      dryRun: true,
    });
  });

  it("refuses a short admin token when the environment is read", () => {
    expect(() => parseEnv({ LIGHTS_ADMIN_TOKEN: "short" })).toThrow(/at least 16/);
    expect(parseEnv({ LIGHTS_ADMIN_TOKEN: "" }).LIGHTS_ADMIN_TOKEN).toBeUndefined();
  });
});
