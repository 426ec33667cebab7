/**
 * Manufacturer names for MAC addresses from IEEE's OUI registry, offline: the npm package
 * `oui-data` (BSD-2-Clause, the registry as one JSON object keyed by OUI, ~5 MB, loaded on
 * first use). Locally administered MACs (random per-network addresses, as phones use
 * today) have no manufacturer: "private address".
 */
import { createRequire } from "node:module";
import { vendorFor } from "../core/mac";

let table: Record<string, string> | undefined;

function lookup(oui: string): string | undefined {
  table ??= createRequire(import.meta.url)("oui-data") as Record<string, string>;
  const entry = table[oui];
  // Entries are "Name\naddress lines..."; the name is what a person recognises.
  return entry ? entry.split("\n")[0].trim() : undefined;
}

/** "Amazon Technologies Inc.", "private address" or "unknown vendor". */
export function macVendor(mac: string): string {
  return vendorFor(mac, lookup);
}
