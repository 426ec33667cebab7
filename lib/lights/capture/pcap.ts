/**
 * The classic libpcap file format (what `tcpdump -w` writes): read every record with its
 * timestamp, and write one (for the fixtures the tests make). Microsecond and nanosecond
 * variants, either byte order. pcapng (Wireshark's default) is recognised and refused with
 * the command that converts it.
 */

export interface PcapRecord {
  /** Capture time in milliseconds since the epoch (fractional below a millisecond). */
  timeMs: number;
  data: Uint8Array;
}

export interface PcapFile {
  linkType: number;
  records: PcapRecord[];
}

export class PcapFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PcapFormatError";
  }
}

const MAGIC_US = 0xa1b2c3d4;
const MAGIC_NS = 0xa1b23c4d;
const PCAPNG = 0x0a0d0d0a;
/** A record larger than this is corrupt (libpcap's own limit is 256 KiB). */
const MAX_RECORD = 262_144;

export function readPcap(bytes: Uint8Array): PcapFile {
  if (bytes.length < 24) throw new PcapFormatError("not a pcap file: shorter than its 24-byte header");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const be = view.getUint32(0, false);
  const le = view.getUint32(0, true);
  if (be === PCAPNG) throw new PcapFormatError("this is a pcapng file; convert it to classic pcap first: editcap -F pcap in.pcapng out.pcap (or tcpdump -r in.pcapng -w out.pcap)");
  let little: boolean;
  let nano: boolean;
  if (le === MAGIC_US || le === MAGIC_NS) [little, nano] = [true, le === MAGIC_NS];
  else if (be === MAGIC_US || be === MAGIC_NS) [little, nano] = [false, be === MAGIC_NS];
  else throw new PcapFormatError(`not a pcap file (magic 0x${be.toString(16).padStart(8, "0")})`);
  const linkType = view.getUint32(20, little) & 0x0fffffff;
  const records: PcapRecord[] = [];
  let o = 24;
  while (o + 16 <= bytes.length) {
    const sec = view.getUint32(o, little);
    const frac = view.getUint32(o + 4, little);
    const incl = view.getUint32(o + 8, little);
    if (incl > MAX_RECORD) throw new PcapFormatError(`record ${records.length + 1} claims ${incl} bytes: the file is corrupt`);
    if (o + 16 + incl > bytes.length) break; // a truncated last record (capture cut off): stop there
    records.push({ timeMs: sec * 1000 + (nano ? frac / 1e6 : frac / 1e3), data: bytes.slice(o + 16, o + 16 + incl) });
    o += 16 + incl;
  }
  return { linkType, records };
}

/** A little-endian microsecond pcap file with the given records. */
export function writePcap(linkType: number, records: PcapRecord[]): Uint8Array {
  const size = 24 + records.reduce((n, r) => n + 16 + r.data.length, 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC_US, true);
  view.setUint16(4, 2, true);
  view.setUint16(6, 4, true);
  view.setUint32(16, 65535, true);
  view.setUint32(20, linkType, true);
  let o = 24;
  for (const r of records) {
    const sec = Math.floor(r.timeMs / 1000);
    const usec = Math.round((r.timeMs - sec * 1000) * 1000);
    view.setUint32(o, sec, true);
    view.setUint32(o + 4, usec, true);
    view.setUint32(o + 8, r.data.length, true);
    view.setUint32(o + 12, r.data.length, true);
    out.set(r.data, o + 16);
    o += 16 + r.data.length;
  }
  return out;
}
