/**
 * MAC addresses as the lights demo handles them: parsed from any case with ":" or "-"
 * (or none) between the six octets, kept as "aa:bb:cc:dd:ee:ff". Browser-safe.
 */

const MAC = /^([0-9a-f]{2})[:-]?([0-9a-f]{2})[:-]?([0-9a-f]{2})[:-]?([0-9a-f]{2})[:-]?([0-9a-f]{2})[:-]?([0-9a-f]{2})$/i;

/** "AA-BB-CC-DD-EE-FF", "aa:bb:..." or "aabbccddeeff" -> "aa:bb:cc:dd:ee:ff"; null when it is not a MAC. */
export function parseMac(text: string): string | null {
  const m = MAC.exec(text.trim());
  if (!m) return null;
  const parts = m.slice(1, 7);
  // Mixed separators ("aa:bb-cc...") are refused: each gap is ":" everywhere, "-" everywhere or nothing.
  const seps = new Set(text.trim().replace(/[0-9a-f]/gi, ""));
  if (seps.size > 1) return null;
  return parts.join(":").toLowerCase();
}

/** "aa:bb:cc:dd:ee:ff" from 6 bytes. */
export function macFromBytes(bytes: ArrayLike<number>, offset = 0): string {
  const out: string[] = [];
  for (let i = 0; i < 6; i++) out.push((bytes[offset + i] ?? 0).toString(16).padStart(2, "0"));
  return out.join(":");
}

/** The 6 bytes of a normalised MAC. */
export function macToBytes(mac: string): number[] {
  const parsed = parseMac(mac);
  if (!parsed) throw new Error(`not a MAC address: ${mac}`);
  return parsed.split(":").map((h) => parseInt(h, 16));
}

/**
 * A locally administered address (bit 1 of the first octet set): chosen by the device, not
 * assigned by a manufacturer - phones use random ones per network today - so no vendor.
 */
export function isLocallyAdministered(mac: string): boolean {
  return (parseInt(mac.slice(0, 2), 16) & 0x02) !== 0;
}

/** A group (multicast/broadcast) address: never a device. */
export function isMulticast(mac: string): boolean {
  return (parseInt(mac.slice(0, 2), 16) & 0x01) !== 0;
}

/** The OUI, "AABBCC", as IEEE's registry keys it. */
export function ouiOf(mac: string): string {
  return mac.slice(0, 8).replace(/:/g, "").toUpperCase();
}

export const PRIVATE_ADDRESS = "private address";

/** The vendor for a MAC through a lookup table keyed by OUI; "private address" for locally administered ones. */
export function vendorFor(mac: string, lookup: (oui: string) => string | undefined): string {
  if (isLocallyAdministered(mac)) return PRIVATE_ADDRESS;
  return lookup(ouiOf(mac)) ?? "unknown vendor";
}
