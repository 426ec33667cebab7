// `npx auto-lights` (bin/auto-lights.mjs runs this with tsx): watch the LAN for a Dash
// button and the household's phones and switch Philips Hue lights (README "Auto lights").
import path from "node:path";
import { openDatabase } from "@/lib/db";
import { env } from "@/lib/env";
import { consoleProgress } from "@/lib/progress";
import { monitorOptionsFromArgs, parseCliArgs, USAGE } from "@/lib/lights/server/cli-args";
import { LightsMonitor } from "@/lib/lights/server/monitor";
import { describeBridge, discoverBridges, pairWithBridge, parseBridgeAddress } from "@/lib/lights/hue/client";
import { saveBridgeKey } from "@/lib/lights/server/store";

const parsed = parseCliArgs(process.argv.slice(2));
if ("error" in parsed) {
  console.error(`auto-lights: ${parsed.error}\n\n${USAGE}`);
  process.exit(2);
}
const args = parsed.args;
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
// bin/auto-lights.mjs runs this in the project root; paths the user typed are relative to where they typed them.
const userCwd = process.env.AUTO_LIGHTS_CWD ?? process.cwd();
const stamp = (text: string) => console.log(`${new Date().toISOString()} ${text}`);

if (args.discover) {
  stamp("searching the LAN for Hue bridges (UPnP, 5 s)...");
  const bridges = await discoverBridges(5000).catch((err: unknown) => {
    console.error(`auto-lights: discovery failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
  if (bridges.length === 0) stamp("no bridge answered; give its IP with --hue_bridge (the Hue app shows it)");
  for (const b of bridges) stamp(`bridge ${b.ip} (${b.name})`);
  process.exit(0);
}

// The CLI keeps its own embedded database unless DATABASE_URL names a server: PGlite allows
// one process per directory, and the web server may be using DATA_DIR/pglite.
const e = env();
const target = e.DATABASE_URL ? { kind: "postgres" as const, url: e.DATABASE_URL } : { kind: "pglite" as const, dataDir: path.resolve(userCwd, e.DATA_DIR, "auto-lights") };
const db = await openDatabase(target, { log: (line) => console.error(line) });

if (args.pair) {
  const address = parseBridgeAddress(args.hueBridge!);
  stamp(`pairing with ${describeBridge(address)}: press the link button on the bridge now (waiting 60 s)`);
  try {
    const key = await pairWithBridge(address, { timeoutMs: 60_000 });
    await saveBridgeKey(db.prisma, args.hueBridge!, key);
    stamp(`paired; app key ${key} stored in the database (or pass it as --hue_user)`);
  } catch (err) {
    console.error(`auto-lights: ${err instanceof Error ? err.message : String(err)}`);
    await db.close();
    process.exit(1);
  }
  await db.close();
  process.exit(0);
}

if (!args.hueBridge && !args.dryRun) stamp("no --hue_bridge: watching only, no light is switched (implies --dry_run)");
const monitor = new LightsMonitor({
  ...monitorOptionsFromArgs(args, (file) => path.resolve(userCwd, file)),
  name: "cli",
  db,
  print: (line) => console.log(line),
  // Every packet is a database write: a long capture gets a progress bar with ETA on stderr.
  replayProgress: (total) => (total >= 500 ? consoleProgress("replay", total).update : () => undefined),
});
await monitor.start();
if (monitor.status.startsWith("failed")) {
  await db.close();
  process.exit(1);
}
if (args.replay) {
  await monitor.finished;
  await monitor.idle();
  monitor.stop();
  await db.close();
  process.exit(0);
}
const shutdown = async (signal: string) => {
  stamp(`${signal}: stopping`);
  monitor.stop();
  await db.close();
  process.exit(0);
};
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
