/**
 * Shapes of the lights demo's API (app/api/lights/*) and of the live dashboard's
 * server-sent events. Browser-safe (zod only): the page, the routes and the tests share them.
 */
import { z } from "zod";
import { parseMac } from "./mac";

export const logEntrySchema = z.object({
  id: z.number().int(),
  at: z.number(),
  kind: z.string(),
  text: z.string(),
  mac: z.string().nullable(),
});
export type LogEntry = z.infer<typeof logEntrySchema>;

export const deviceRoleSchema = z.enum(["phone", "button", "other"]);
export type DeviceRole = z.infer<typeof deviceRoleSchema>;

export const deviceViewSchema = z.object({
  mac: z.string(),
  vendor: z.string(),
  ip: z.string().nullable(),
  hostname: z.string().nullable(),
  firstSeen: z.number(),
  lastSeen: z.number(),
  packets: z.number().int(),
  role: deviceRoleSchema,
});
export type DeviceView = z.infer<typeof deviceViewSchema>;

const lightSchema = z.object({ id: z.string(), name: z.string(), on: z.boolean() });

/** What the running monitor looks like right now. */
export const monitorSnapshotSchema = z.object({
  /** "libpcap on eth0 (ARP and DHCP requests)", "replay of x.pcap", ... */
  source: z.string(),
  /** "running" | "replay finished" | "capture unavailable: ..." */
  status: z.string(),
  bridge: z.string().nullable(),
  bridgeStatus: z.string(),
  dryRun: z.boolean(),
  presence: z.enum(["unknown", "home", "away"]),
  lastPhoneSeen: z.number().nullable(),
  awayMinutes: z.number(),
  phoneMacs: z.array(z.string()),
  dashMac: z.string().nullable(),
  remembered: z.array(z.object({ id: z.string(), name: z.string() })),
  /** The bridge's lights at the last read, or null before one succeeded. */
  lights: z.array(lightSchema).nullable(),
  devices: z.array(deviceViewSchema),
  events: z.array(logEntrySchema),
  /** Clock of the engine (a replay's is the capture's). */
  now: z.number(),
});
export type MonitorSnapshot = z.infer<typeof monitorSnapshotSchema>;

/** GET /api/lights/state, and each `snapshot` event of GET /api/lights/events. */
export const lightsStateSchema = z.object({
  running: z.boolean(),
  /** Whether changes are possible at all (the server has LIGHTS_ADMIN_TOKEN). */
  adminEnabled: z.boolean(),
  monitor: monitorSnapshotSchema.nullable(),
});
export type LightsStateResponse = z.infer<typeof lightsStateSchema>;

/** Devices shown on the dashboard (most recently seen first). */
export const MAX_DEVICES_SHOWN = 200;
export const EVENTS_SHOWN = 100;

const macSchema = z
  .string()
  .max(32)
  .transform((text, ctx) => {
    const mac = parseMac(text);
    if (!mac) {
      ctx.addIssue({ code: "custom", message: "must be a MAC address like aa:bb:cc:dd:ee:ff" });
      return z.NEVER;
    }
    return mac;
  });

/** POST /api/lights/assign: make a seen MAC a phone, the button, or neither. */
export const assignBodySchema = z.object({ mac: macSchema, role: deviceRoleSchema }).strict();
export type AssignBody = z.input<typeof assignBodySchema>;

/** POST /api/lights/switch: switch one of the bridge's lights by hand. */
export const switchBodySchema = z.object({ lightId: z.string().min(1).max(16).regex(/^[0-9A-Za-z-]+$/, "must be a light id like 3"), on: z.boolean() }).strict();
export type SwitchBody = z.input<typeof switchBodySchema>;

export const noMonitorHint =
  "No monitor runs in this server. Start one with LIGHTS_HUE_BRIDGE=<ip[:port]> LIGHTS_PHONE_MACS=<mac,mac> LIGHTS_DASH_MAC=<mac> npm start " +
  "(plus LIGHTS_INTERFACE=eth0, or LIGHTS_REPLAY=<file.pcap> to replay a capture), or use the command line: npx auto-lights --help.";

/**
 * JSON body limit of the admin routes: their bodies are a few dozen bytes, but a malformed
 * deeply nested body must still reach the JSON parser (and be a 400), not stop at the limit.
 */
export const LIGHTS_BODY_LIMIT = 32_768;
