/**
 * The two kinds of frame the monitor listens for, decoded and encoded by hand: ARP (a Dash
 * button's probe, any device announcing itself) and DHCP requests (newer Dash buttons and
 * every phone joining the network), over Ethernet II (optionally VLAN-tagged) or Linux
 * "cooked" capture (the `any` interface). The encoders build the frames the tests write
 * into .pcap fixtures. Plain Uint8Array code, no Node APIs.
 */
import { macFromBytes, macToBytes } from "../core/mac";
import type { PacketKind } from "../core/engine";

/** What the engine needs from one frame. */
export interface SeenPacket {
  mac: string;
  kind: PacketKind;
  ip: string | null;
  hostname: string | null;
}

export const LINKTYPE_ETHERNET = 1;
export const LINKTYPE_LINUX_SLL = 113;

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_ARP = 0x0806;
const ETHERTYPE_VLAN = 0x8100;
const DHCP_MAGIC = 0x63825363;

const ipText = (b: Uint8Array, o: number) => `${b[o]}.${b[o + 1]}.${b[o + 2]}.${b[o + 3]}`;
const u16 = (b: Uint8Array, o: number) => (b[o] << 8) | b[o + 1];
const u32 = (b: Uint8Array, o: number) => ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;

/** Decodes a captured frame of the given link type; null for anything that is not ARP or a DHCP request. */
export function decodeFrame(frame: Uint8Array, linkType: number): SeenPacket | null {
  let etherType: number;
  let offset: number;
  if (linkType === LINKTYPE_ETHERNET) {
    if (frame.length < 14) return null;
    etherType = u16(frame, 12);
    offset = 14;
    if (etherType === ETHERTYPE_VLAN) {
      if (frame.length < 18) return null;
      etherType = u16(frame, 16);
      offset = 18;
    }
  } else if (linkType === LINKTYPE_LINUX_SLL) {
    if (frame.length < 16) return null;
    etherType = u16(frame, 14);
    offset = 16;
  } else {
    return null;
  }
  if (etherType === ETHERTYPE_ARP) return decodeArp(frame.subarray(offset));
  if (etherType === ETHERTYPE_IPV4) return decodeIpv4Dhcp(frame.subarray(offset));
  return null;
}

/** ARP over Ethernet/IPv4: the sender's MAC; its IP unless it is a probe (sender 0.0.0.0). */
export function decodeArp(arp: Uint8Array): SeenPacket | null {
  if (arp.length < 28) return null;
  if (u16(arp, 0) !== 1 || u16(arp, 2) !== ETHERTYPE_IPV4 || arp[4] !== 6 || arp[5] !== 4) return null;
  const mac = macFromBytes(arp, 8);
  const spa = ipText(arp, 14);
  return { mac, kind: "arp", ip: spa === "0.0.0.0" ? null : spa, hostname: null };
}

function decodeIpv4Dhcp(ip: Uint8Array): SeenPacket | null {
  if (ip.length < 20 || ip[0] >> 4 !== 4) return null;
  const ihl = (ip[0] & 0x0f) * 4;
  if (ip[9] !== 17 || ip.length < ihl + 8) return null; // UDP only
  if ((u16(ip, 6) & 0x1fff) !== 0) return null; // a later fragment
  const udp = ip.subarray(ihl);
  if (u16(udp, 2) !== 67) return null; // to the DHCP server port: a client's request
  return decodeDhcp(udp.subarray(8));
}

/**
 * A BOOTP/DHCP client message (op 1): the client's hardware address, the address it asks
 * for (option 50) or already has (ciaddr), and its host name (option 12).
 */
export function decodeDhcp(bootp: Uint8Array): SeenPacket | null {
  if (bootp.length < 240 || bootp[0] !== 1 || bootp[1] !== 1 || bootp[2] !== 6) return null;
  if (u32(bootp, 236) !== DHCP_MAGIC) return null;
  const mac = macFromBytes(bootp, 28);
  let ip: string | null = ipText(bootp, 12) === "0.0.0.0" ? null : ipText(bootp, 12);
  let hostname: string | null = null;
  for (let o = 240; o < bootp.length; ) {
    const code = bootp[o];
    if (code === 255) break;
    if (code === 0) {
      o++;
      continue;
    }
    if (o + 1 >= bootp.length) break;
    const len = bootp[o + 1];
    const value = bootp.subarray(o + 2, o + 2 + len);
    if (value.length < len) break;
    if (code === 50 && len === 4 && !ip) ip = ipText(value, 0);
    if (code === 12 && len > 0) hostname = printable(value);
    o += 2 + len;
  }
  return { mac, kind: "dhcp", ip, hostname };
}

/** Host names are ASCII by the RFCs; anything else is shown as "?" rather than trusted. */
function printable(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : "?";
  return s.slice(0, 64);
}

// ---------------------------------------------------------------------------------------------
// Encoders (for fixtures and the loopback tests)

const BROADCAST = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff];
const ipBytes = (ip: string) => ip.split(".").map((x) => Number(x) & 0xff);

function ethernet(src: string, etherType: number, payload: Uint8Array): Uint8Array {
  const frame = new Uint8Array(14 + payload.length);
  frame.set(BROADCAST, 0);
  frame.set(macToBytes(src), 6);
  frame[12] = etherType >> 8;
  frame[13] = etherType & 0xff;
  frame.set(payload, 14);
  return frame;
}

/** An ARP probe (who-has `target`, sender IP 0.0.0.0) as a Dash button sends on waking, or an announcement with `senderIp`. */
export function encodeArpFrame(mac: string, options: { targetIp?: string; senderIp?: string } = {}): Uint8Array {
  const arp = new Uint8Array(28);
  arp.set([0, 1, 0x08, 0x00, 6, 4, 0, 1], 0);
  arp.set(macToBytes(mac), 8);
  arp.set(ipBytes(options.senderIp ?? "0.0.0.0"), 14);
  arp.set(ipBytes(options.targetIp ?? "192.168.1.50"), 24);
  return ethernet(mac, ETHERTYPE_ARP, arp);
}

/** The BOOTP payload of a DHCPREQUEST (or DISCOVER) from `mac`, with requested IP and host name options. */
export function encodeDhcpPayload(mac: string, options: { requestedIp?: string; hostname?: string; messageType?: number; xid?: number } = {}): Uint8Array {
  const opts: number[] = [53, 1, options.messageType ?? 3];
  if (options.requestedIp) opts.push(50, 4, ...ipBytes(options.requestedIp));
  if (options.hostname) {
    const name = [...options.hostname].map((c) => c.charCodeAt(0) & 0x7f);
    opts.push(12, name.length, ...name);
  }
  opts.push(55, 3, 1, 3, 6, 255);
  const bootp = new Uint8Array(240 + opts.length);
  bootp.set([1, 1, 6, 0], 0);
  const xid = options.xid ?? 0x3903f326;
  bootp.set([xid >>> 24, (xid >>> 16) & 0xff, (xid >>> 8) & 0xff, xid & 0xff], 4);
  bootp.set(macToBytes(mac), 28);
  bootp.set([0x63, 0x82, 0x53, 0x63], 236);
  bootp.set(opts, 240);
  return bootp;
}

/** A whole Ethernet frame: IPv4 0.0.0.0:68 -> 255.255.255.255:67 carrying the DHCP payload. */
export function encodeDhcpFrame(mac: string, options: Parameters<typeof encodeDhcpPayload>[1] = {}): Uint8Array {
  const bootp = encodeDhcpPayload(mac, options);
  const udpLen = 8 + bootp.length;
  const ip = new Uint8Array(20 + udpLen);
  ip.set([0x45, 0, (20 + udpLen) >> 8, (20 + udpLen) & 0xff, 0, 0, 0, 0, 64, 17, 0, 0], 0);
  ip.set([0, 0, 0, 0, 255, 255, 255, 255], 12);
  let sum = 0;
  for (let i = 0; i < 20; i += 2) sum += (ip[i] << 8) | ip[i + 1];
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  const check = ~sum & 0xffff;
  ip[10] = check >> 8;
  ip[11] = check & 0xff;
  ip.set([0, 68, 0, 67, udpLen >> 8, udpLen & 0xff, 0, 0], 20); // UDP checksum 0: none
  ip.set(bootp, 28);
  return ethernet(mac, ETHERTYPE_IPV4, ip);
}
