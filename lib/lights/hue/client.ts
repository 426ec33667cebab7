/**
 * Philips Hue through node-hue-api's v3 API: list the lights and which are on, switch one
 * on or off, pair (the link button), discover bridges on the LAN (UPnP/SSDP).
 *
 * `HOST` talks to the bridge's HTTPS API (node-hue-api checks the certificate's CN against
 * the bridge id); `HOST:PORT` uses plain HTTP (emulators, the tests' fake bridge). Light
 * commands go out one at a time, at most ~10 per second (the bridge's own guidance); a
 * bridge that cannot be reached is retried with exponential backoff before the command is
 * reported failed - and the engine keeps remembered lights until a switch-on succeeded.
 */
import { createRequire } from "node:module";
import type { LightRef } from "../core/engine";
import type { BridgeLight, LightsBridge } from "../core/runner";

// node-hue-api prints a warning on every plain-HTTP connection unless this is set when it
// loads; plain HTTP is chosen on purpose here (HOST:PORT), and said once by describeBridge.
process.env.NODE_HUE_API_USE_INSECURE_CONNECTION ??= "1";
const hue = createRequire(import.meta.url)("node-hue-api") as typeof import("node-hue-api");
const { v3 } = hue;

type HueApi = Awaited<ReturnType<ReturnType<typeof v3.api.createLocal>["connect"]>>;
interface Bootstrap {
  connect(username?: string, clientkey?: string, timeout?: number): Promise<HueApi>;
}

/** HTTPS (certificate CN checked against the bridge id) for HOST, plain HTTP for HOST:PORT. */
function bootstrapFor(address: BridgeAddress): Bootstrap {
  return (address.secure ? v3.api.createLocal(address.host, address.port) : v3.api.createInsecureLocal(address.host, address.port)) as unknown as Bootstrap;
}

export interface BridgeAddress {
  host: string;
  port?: number;
  /** HTTPS unless a port was given. */
  secure: boolean;
}

/** "192.168.1.2" -> HTTPS; "127.0.0.1:8080" -> plain HTTP. */
export function parseBridgeAddress(text: string): BridgeAddress {
  const trimmed = text.trim();
  const m = /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(trimmed);
  if (!m) throw new Error(`--hue_bridge must be HOST or HOST:PORT, not ${JSON.stringify(text)}`);
  const host = m[1].replace(/^\[|\]$/g, "");
  if (m[2] === undefined) return { host, secure: true };
  const port = Number(m[2]);
  if (port < 1 || port > 65535) throw new Error(`--hue_bridge port must be 1-65535, not ${m[2]}`);
  return { host, port, secure: false };
}

export function describeBridge(a: BridgeAddress): string {
  return a.secure ? `https://${a.host}` : `http://${a.host}:${a.port} (plain HTTP)`;
}

/** The bridge's "link button not pressed" error. */
export const LINK_BUTTON_NOT_PRESSED = 101;

export class HueError extends Error {
  constructor(
    message: string,
    readonly hueType: number,
    /** Network-level: the bridge did not answer (worth retrying). */
    readonly unreachable: boolean,
  ) {
    super(message);
    this.name = "HueError";
  }
}

const NETWORK_CODES = /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN|ENOTFOUND|socket hang up|timeout/i;

function toHueError(err: unknown): HueError {
  if (err instanceof HueError) return err;
  const e = err as { message?: string; code?: string; getHueErrorType?: () => number; _hueError?: { description?: string } };
  const type = typeof e?.getHueErrorType === "function" ? e.getHueErrorType() : -1;
  const message = e?._hueError?.description ?? e?.message ?? String(err);
  const unreachable = type < 0 && NETWORK_CODES.test(`${e?.code ?? ""} ${message}`);
  return new HueError(message, type, unreachable);
}

export interface HueOptions {
  /** Minimum gap between two light commands (ms): 100 = at most 10 per second. */
  commandGapMs?: number;
  /** Delays before each retry of an unreachable bridge (ms). */
  retryDelaysMs?: readonly number[];
  /** Request timeout (ms). */
  timeoutMs?: number;
  log?: (line: string) => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A connection to one bridge with one app key; connects lazily and again after a failure. */
export class HueBridge implements LightsBridge {
  private api: Promise<HueApi> | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private lastCommand = 0;
  private readonly gap: number;
  private readonly retries: readonly number[];

  constructor(
    readonly address: BridgeAddress,
    private readonly username: string,
    private readonly options: HueOptions = {},
  ) {
    this.gap = options.commandGapMs ?? 100;
    this.retries = options.retryDelaysMs ?? [500, 1000, 2000, 4000, 8000];
  }

  private connect(): Promise<HueApi> {
    if (!this.api) {
      this.api = bootstrapFor(this.address).connect(this.username, undefined, this.options.timeoutMs ?? 10_000).catch((err: unknown) => {
        this.api = null;
        throw err;
      });
    }
    return this.api;
  }

  /** Runs fn, retrying with backoff while the bridge is unreachable; Hue errors (bad key, no such light) fail at once. */
  private async withRetry<T>(what: string, fn: (api: HueApi) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn(await this.connect());
      } catch (raw) {
        const err = toHueError(raw);
        if (err.unreachable) this.api = null;
        if (!err.unreachable || attempt >= this.retries.length) throw err;
        this.options.log?.(`bridge unreachable (${err.message}) while ${what}; retrying in ${this.retries[attempt]} ms`);
        await sleep(this.retries[attempt]);
      }
    }
  }

  /** Serialises commands and spaces them by the command gap. */
  private paced<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(async () => {
      const wait = this.lastCommand + this.gap - Date.now();
      if (wait > 0) await sleep(wait);
      try {
        return await fn();
      } finally {
        this.lastCommand = Date.now();
      }
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  async readLights(): Promise<BridgeLight[]> {
    return this.paced(() =>
      this.withRetry("reading the lights", async (api) => {
        const lights = (await api.lights.getAll()) as unknown as { id: number | string; name: string; state: { on?: boolean } }[];
        return lights.map((l) => ({ id: String(l.id), name: l.name, on: l.state?.on === true }));
      }),
    );
  }

  async setLight(light: LightRef, on: boolean): Promise<void> {
    await this.paced(() =>
      this.withRetry(`switching ${light.name} ${on ? "on" : "off"}`, async (api) => {
        const ok = await api.lights.setLightState(light.id, { on });
        if (!ok) throw new HueError(`the bridge did not confirm light ${light.id} ${on ? "on" : "off"}`, -1, false);
      }),
    );
  }

  /** The bridge's groups (rooms, zones): id, name, light ids; not group 0 (all lights). */
  async readGroups(): Promise<{ id: string; name: string; lights: string[] }[]> {
    return this.withRetry("reading the groups", async (api) => {
      const groups = (await api.groups.getAll()) as unknown as { id: number | string; name: string; lights?: (string | number)[] }[];
      return groups.filter((g) => String(g.id) !== "0").map((g) => ({ id: String(g.id), name: g.name, lights: (g.lights ?? []).map(String) }));
    });
  }
}

/**
 * Pairs with the bridge: asks for an app key, which the bridge grants only within 30 s of
 * its link button being pressed (error 101 before that). Polls every `everyMs` until
 * `timeoutMs`; returns the app key (the "username" of the v1 API).
 */
export async function pairWithBridge(
  address: BridgeAddress,
  options: { appName?: string; deviceName?: string; timeoutMs?: number; everyMs?: number; onWaiting?: () => void } = {},
): Promise<string> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let told = false;
  for (;;) {
    try {
      const api = await bootstrapFor(address).connect();
      const user = (await api.users.createUser(options.appName ?? "auto-lights", options.deviceName ?? "osinga-demos")) as { username: string };
      return user.username;
    } catch (raw) {
      const err = toHueError(raw);
      if (err.hueType !== LINK_BUTTON_NOT_PRESSED) throw err;
      if (!told) options.onWaiting?.();
      told = true;
      if (Date.now() >= deadline) throw new HueError("the bridge's link button was not pressed in time", LINK_BUTTON_NOT_PRESSED, false);
      await sleep(options.everyMs ?? 2000);
    }
  }
}

/** Bridges on the LAN by UPnP (SSDP multicast, no internet needed): their IP and name. */
export async function discoverBridges(timeoutMs = 5000): Promise<{ ip: string; name: string }[]> {
  const found = (await v3.discovery.upnpSearch(timeoutMs)) as { ipaddress?: string; name?: string; model?: { name?: string } }[];
  return found.filter((b) => b?.ipaddress).map((b) => ({ ip: b.ipaddress!, name: b.name ?? b.model?.name ?? "Hue bridge" }));
}
