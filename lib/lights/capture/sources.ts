/**
 * Where packets come from: live capture through libpcap (the optional npm package `cap`,
 * built against Debian's libpcap-dev), a plain DHCP listener on UDP port 67 when libpcap is
 * not there, or a .pcap file (replay.ts). Live capture and port 67 need root or
 * CAP_NET_RAW / CAP_NET_BIND_SERVICE; the errors say so.
 */
import dgram from "node:dgram";
import { createRequire } from "node:module";
import { decodeDhcp, decodeFrame, type SeenPacket } from "./frames";

export interface PacketSource {
  /** "libpcap on eth0 (arp or DHCP requests)" */
  readonly description: string;
  stop(): void;
}

export type PacketHandler = (packet: SeenPacket, at: number) => void;

/** BPF: ARP, and DHCP requests (to the server port). */
export const CAPTURE_FILTER = "arp or (udp and dst port 67)";

export class CaptureUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CaptureUnavailableError";
  }
}

interface CapModule {
  Cap: {
    new (): {
      open(device: string, filter: string, bufSize: number, buffer: Buffer): string;
      setMinBytes?(n: number): void;
      on(event: "packet", fn: (nbytes: number, truncated: boolean) => void): void;
      close(): void;
    };
    deviceList(): { name: string; addresses: { addr: string }[] }[];
    findDevice(ip?: string): string | undefined;
  };
}

const LIBPCAP_MISSING =
  "live capture needs the optional npm package `cap`, which is built against libpcap: " +
  "install Debian's libpcap-dev (apt-get install libpcap-dev), then run `npm install` again " +
  "(or `npm rebuild cap`). Until then use --replay=<file.pcap>, or the DHCP listener on UDP 67 (DHCP only, no ARP).";

/** The `cap` addon, or the reason it cannot be loaded. */
export function loadCap(): { cap: CapModule } | { missing: string } {
  try {
    return { cap: createRequire(import.meta.url)("cap") as CapModule };
  } catch (err) {
    return { missing: `${LIBPCAP_MISSING} (${err instanceof Error ? err.message.split("\n")[0] : String(err)})` };
  }
}

const PERMISSION_HINT =
  "capturing packets needs root or the CAP_NET_RAW capability: run as root, or once " +
  "`sudo setcap cap_net_raw,cap_net_admin=eip $(readlink -f $(which node))`";

/** Live capture of ARP and DHCP requests on `iface` (default: libpcap's first device). */
export function startLiveCapture(iface: string | undefined, onPacket: PacketHandler, onError: (err: Error) => void): PacketSource {
  const loaded = loadCap();
  if ("missing" in loaded) throw new CaptureUnavailableError(loaded.missing);
  const { Cap } = loaded.cap;
  const device = iface ?? Cap.findDevice();
  if (!device) throw new CaptureUnavailableError("libpcap found no network interface to capture on; name one with --interface=eth0");
  const names = Cap.deviceList().map((d) => d.name);
  if (!names.includes(device)) throw new CaptureUnavailableError(`no interface ${device}; libpcap sees: ${names.join(", ")}`);
  const c = new Cap();
  const buffer = Buffer.alloc(65_535);
  let linkType: string;
  try {
    linkType = c.open(device, CAPTURE_FILTER, 4 * 1024 * 1024, buffer);
  } catch (err) {
    const text = err instanceof Error ? err.message : String(err);
    if (/permit|EPERM|EACCES|privilege/i.test(text)) throw new CaptureUnavailableError(`cannot capture on ${device}: ${text}; ${PERMISSION_HINT}`);
    throw new CaptureUnavailableError(`cannot capture on ${device}: ${text}`);
  }
  c.setMinBytes?.(0);
  const linkNumber = linkType === "ETHERNET" ? 1 : linkType === "LINUX_SLL" ? 113 : -1;
  if (linkNumber < 0) {
    c.close();
    throw new CaptureUnavailableError(`interface ${device} has link type ${linkType}; only Ethernet and Linux cooked capture are decoded`);
  }
  c.on("packet", (nbytes) => {
    try {
      const packet = decodeFrame(new Uint8Array(buffer.subarray(0, nbytes)), linkNumber);
      if (packet) onPacket(packet, Date.now());
    } catch (err) {
      onError(err instanceof Error ? err : new Error(String(err)));
    }
  });
  return { description: `libpcap on ${device} (ARP and DHCP requests)`, stop: () => c.close() };
}

/**
 * The fallback without libpcap: a UDP socket on port 67 sees the DHCP requests that reach
 * this host (broadcast DISCOVER/REQUEST: phones joining, newer Dash buttons) - no ARP.
 * Cannot share the port with a DHCP server running on the same host.
 */
export function startDhcpListener(
  onPacket: PacketHandler,
  onError: (err: Error) => void,
  options: { port?: number; host?: string } = {},
): Promise<PacketSource> {
  const port = options.port ?? 67;
  const socket = dgram.createSocket({ type: "udp4", reuseAddr: true });
  return new Promise((resolve, reject) => {
    let listening = false;
    socket.on("error", (err: NodeJS.ErrnoException) => {
      if (!listening) {
        socket.close();
        const hint =
          err.code === "EACCES"
            ? `; port ${port} needs root or CAP_NET_BIND_SERVICE`
            : err.code === "EADDRINUSE"
              ? `; something (a DHCP server?) already listens on ${port}`
              : "";
        reject(new CaptureUnavailableError(`cannot listen for DHCP on UDP ${port}: ${err.message}${hint}`));
      } else onError(err);
    });
    socket.on("message", (msg) => {
      const packet = decodeDhcp(new Uint8Array(msg));
      if (packet) onPacket(packet, Date.now());
    });
    socket.bind(port, options.host ?? "0.0.0.0", () => {
      listening = true;
      socket.setBroadcast(true);
      resolve({ description: `DHCP listener on UDP ${options.host ?? "0.0.0.0"}:${(socket.address() as { port: number }).port} (DHCP only, no ARP)`, stop: () => socket.close() });
    });
  });
}
