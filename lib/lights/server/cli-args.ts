/**
 * The `auto-lights` command line: --name=value flags (also "--name value"), MACs in any
 * case with ":" or "-". Pure parsing, so the tests can check every refusal.
 */
import "server-only";
import { DEFAULT_AWAY_MINUTES } from "../core/engine";
import { parseMac } from "../core/mac";
import { parseBridgeAddress } from "../hue/client";
import type { MonitorOptions } from "./monitor";

export interface CliArgs {
  hueBridge?: string;
  hueUser?: string;
  phoneMacs?: string[];
  dashMac?: string | null;
  awayMinutes?: number;
  interface?: string;
  replay?: string;
  dryRun: boolean;
  pair: boolean;
  discover: boolean;
  help: boolean;
}

export const USAGE = `Usage: npx auto-lights --hue_bridge=<ip[:port]> --phone_mac=<mac,mac> --dash_mac=<mac> [options]

Watches the local network for a Dash button and the household's phones (ARP and DHCP) and
switches Philips Hue lights: off when the button is pressed or no phone has been seen for
--away_minutes; back on when the button is pressed again or a phone comes back. Prints every
new MAC address with its manufacturer (that is how you find your phone's and button's MACs).

  --hue_bridge=HOST        the bridge's HTTPS API (HOST:PORT = plain HTTP: emulators, tests)
  --hue_user=KEY           the bridge app key; without it the stored key is used, else
                           the bridge is paired (press its link button when asked)
  --phone_mac=MAC[,MAC]    phones that mean "someone is home"
  --dash_mac=MAC           the Dash button
  --away_minutes=N         minutes without a phone before "nobody home" (default ${DEFAULT_AWAY_MINUTES})
  --interface=NAME         capture on this interface (default: libpcap's first)
  --replay=FILE.pcap       replay a capture by its own timestamps instead of listening
  --dry_run                read the bridge but send no light command
  --pair                   only pair with --hue_bridge and store the app key
  --discover               only search the LAN for Hue bridges (UPnP)
  --help                   this text

Live capture needs root or CAP_NET_RAW and the optional npm package cap (built against
libpcap-dev); without it a DHCP listener on UDP 67 is used (DHCP only). State is kept in
DATABASE_URL's PostgreSQL, else an embedded database in DATA_DIR/auto-lights (default .data).`;

const VALUE_FLAGS = new Set(["hue_bridge", "hue_user", "phone_mac", "dash_mac", "away_minutes", "interface", "replay"]);
const BOOLEAN_FLAGS = new Set(["dry_run", "pair", "discover", "help"]);

export function parseCliArgs(argv: readonly string[]): { args: CliArgs } | { error: string } {
  const args: CliArgs = { dryRun: false, pair: false, discover: false, help: false };
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i];
    if (raw === "-h") {
      args.help = true;
      continue;
    }
    const m = /^--([a-z_-]+)(?:=(.*))?$/s.exec(raw);
    if (!m) return { error: `unexpected argument ${JSON.stringify(raw)}` };
    const name = m[1].replace(/-/g, "_");
    let value = m[2];
    if (seen.has(name)) return { error: `--${name} given twice` };
    seen.add(name);
    if (BOOLEAN_FLAGS.has(name)) {
      if (value !== undefined) return { error: `--${name} takes no value` };
      if (name === "dry_run") args.dryRun = true;
      else if (name === "pair") args.pair = true;
      else if (name === "discover") args.discover = true;
      else args.help = true;
      continue;
    }
    if (!VALUE_FLAGS.has(name)) return { error: `unknown option --${name}` };
    if (value === undefined) {
      if (i + 1 >= argv.length || argv[i + 1].startsWith("--")) return { error: `--${name} needs a value (--${name}=...)` };
      value = argv[++i];
    }
    switch (name) {
      case "hue_bridge":
        try {
          parseBridgeAddress(value);
        } catch (err) {
          return { error: (err as Error).message };
        }
        args.hueBridge = value.trim();
        break;
      case "hue_user":
        if (!/^[A-Za-z0-9-]{1,64}$/.test(value)) return { error: "--hue_user must be the bridge's app key (letters, digits, -)" };
        args.hueUser = value;
        break;
      case "phone_mac": {
        const macs: string[] = [];
        for (const part of value.split(",").map((s) => s.trim()).filter(Boolean)) {
          const mac = parseMac(part);
          if (!mac) return { error: `--phone_mac: ${JSON.stringify(part)} is not a MAC address (like aa:bb:cc:dd:ee:ff)` };
          if (!macs.includes(mac)) macs.push(mac);
        }
        args.phoneMacs = macs;
        break;
      }
      case "dash_mac": {
        const mac = parseMac(value);
        if (!mac) return { error: `--dash_mac: ${JSON.stringify(value)} is not a MAC address (like aa:bb:cc:dd:ee:ff)` };
        args.dashMac = mac;
        break;
      }
      case "away_minutes": {
        if (!/^[1-9][0-9]{0,4}$/.test(value)) return { error: "--away_minutes must be a whole number of minutes, 1-99999" };
        args.awayMinutes = Number(value);
        break;
      }
      case "interface":
        if (!/^[A-Za-z0-9_.:@-]{1,32}$/.test(value)) return { error: `--interface: ${JSON.stringify(value)} is not an interface name` };
        args.interface = value;
        break;
      case "replay":
        if (!value) return { error: "--replay needs a file" };
        args.replay = value;
        break;
    }
  }
  if (args.pair && !args.hueBridge) return { error: "--pair needs --hue_bridge" };
  if (args.replay && args.interface) return { error: "--replay and --interface exclude each other" };
  return { args };
}

/**
 * The monitor's options from parsed flags (the CLI's, or the server's LIGHTS_* variables
 * turned into flags): no bridge means watching only (dry run). `resolve` makes --replay absolute.
 */
export function monitorOptionsFromArgs(a: CliArgs, resolve: (file: string) => string = (f) => f): Omit<MonitorOptions, "db" | "name"> {
  return {
    source: a.replay ? { kind: "replay", file: resolve(a.replay) } : { kind: "live", iface: a.interface },
    bridge: a.hueBridge ?? null,
    hueUser: a.hueUser,
    dryRun: a.dryRun || !a.hueBridge,
    phoneMacs: a.phoneMacs,
    dashMac: a.dashMac,
    awayMinutes: a.awayMinutes,
  };
}
