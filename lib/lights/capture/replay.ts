/**
 * Replays a .pcap file through the engine with the packets' own timestamps as its clock:
 * the runner's clock is a VirtualClock that starts at the first packet; before each packet
 * the clock moves to its time, firing any timer due in between (the away check) in order;
 * the replay ends at the last packet.
 */
import fs from "node:fs";
import { VirtualClock } from "../core/clock";
import { advanceWithRunner, type LightsRunner } from "../core/runner";
import { decodeFrame, type SeenPacket } from "./frames";
import { readPcap } from "./pcap";

export interface ReplayPacket extends SeenPacket {
  at: number;
}

/** The ARP and DHCP packets of a pcap file, in file order, with their capture times (ms). */
export function readCapture(file: string): { packets: ReplayPacket[]; records: number; linkType: number } {
  const pcap = readPcap(new Uint8Array(fs.readFileSync(file)));
  const packets: ReplayPacket[] = [];
  for (const r of pcap.records) {
    const p = decodeFrame(r.data, pcap.linkType);
    if (p) packets.push({ ...p, at: Math.round(r.timeMs) });
  }
  return { packets, records: pcap.records.length, linkType: pcap.linkType };
}

/** A virtual clock at the capture's first packet (or `fallback` for an empty capture). */
export function replayClock(packets: readonly ReplayPacket[], fallback = Date.now()): VirtualClock {
  return new VirtualClock(packets[0]?.at ?? fallback);
}

/** Feeds every packet to the runner at its own time; resolves when the last one is handled. */
export async function replayInto(runner: LightsRunner, clock: VirtualClock, packets: readonly ReplayPacket[], onProgress?: (done: number) => void): Promise<void> {
  for (const [i, p] of packets.entries()) {
    // Out-of-order timestamps (merged captures) never move the clock back.
    const at = Math.max(p.at, clock.now());
    await advanceWithRunner(clock, runner, at);
    runner.push({ type: "packet", at, mac: p.mac, kind: p.kind, ip: p.ip, hostname: p.hostname });
    await runner.idle();
    onProgress?.(i + 1);
  }
}
