/**
 * Command-line flags for the offline scripts and benches: `--name value` or `--name=value`.
 * (node:util parseArgs rejects unknown flags and npm's pass-through shapes; these scripts
 * take a handful of optional flags and say what was wrong with one.)
 */

/** The flag's value, or undefined when it is absent. */
export function flag(argv: readonly string[], name: string): string | undefined {
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  return argv[i].includes("=") ? argv[i].slice(argv[i].indexOf("=") + 1) : argv[i + 1];
}

export function flagOr(argv: readonly string[], name: string, fallback: string): string {
  return flag(argv, name) ?? fallback;
}

/** A whole-number flag in [min, max]; a RangeError that names the flag otherwise. */
export function wholeNumberFlag(argv: readonly string[], name: string, fallback: number, min: number, max: number): number {
  const raw = flag(argv, name);
  const v = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(v) || v < min || v > max) throw new RangeError(`--${name} must be a whole number in ${min}..${max}, got ${raw}`);
  return v;
}
