/**
 * `npm run deep-ink -- ...` argument parsing: flags to the raw options that
 * core/options.ts checks, plus the outputs. `--name=value` or `--name value`.
 */
import { DeepInkOptionsError, type DeepInkOptionsInput } from "../core/options";

export const CLI_USAGE =
  'usage: npm run deep-ink -- [--layer=NAME] [--channel=N | --class="tabby cat"] [--size=112] [--steps=200] [--blob=12] ' +
  "[--flips=32] [--black=100] [--white=128] [--seed=1] [--cooldown=10] [--anywhere] [--out=run.gif] [--json=run.json] [--png=final.png] [--every=1] [--scale=1] [--list-layers]";

export interface CliArgs {
  options: DeepInkOptionsInput;
  out?: string;
  json?: string;
  png?: string;
  every: number;
  scale: number;
  listLayers: boolean;
  help: boolean;
}

const NUMERIC: Record<string, keyof DeepInkOptionsInput> = {
  channel: "channel",
  size: "size",
  steps: "steps",
  blob: "blob",
  flips: "flipsPerStep",
  black: "black",
  white: "white",
  seed: "seed",
  cooldown: "cooldown",
};
const FLAGS = ["layer", "class", ...Object.keys(NUMERIC), "out", "json", "png", "every", "scale", "anywhere", "list-layers", "help"];

function number(flag: string, value: string): number {
  if (!/^-?\d+$/.test(value)) throw new DeepInkOptionsError(`--${flag} ${JSON.stringify(value)} is not a whole number`, { option: flag, value });
  return Number(value);
}

export function parseCliArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = { options: {}, every: 1, scale: 1, listLayers: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = /^--([a-z-]+)(?:=(.*))?$/s.exec(a);
    if (!m) throw new DeepInkOptionsError(`unexpected argument ${JSON.stringify(a)}\n${CLI_USAGE}`, { value: a });
    const flag = m[1];
    if (!FLAGS.includes(flag)) {
      throw new DeepInkOptionsError(`unknown flag --${flag}; allowed: ${FLAGS.map((f) => `--${f}`).join(", ")}`, { value: flag });
    }
    if (flag === "list-layers") {
      args.listLayers = true;
      continue;
    }
    if (flag === "anywhere") {
      args.options.anywhere = true;
      continue;
    }
    if (flag === "help") {
      args.help = true;
      continue;
    }
    let value = m[2];
    if (value === undefined) {
      value = argv[++i];
      if (value === undefined) throw new DeepInkOptionsError(`--${flag} needs a value\n${CLI_USAGE}`, { option: flag });
    }
    if (flag === "layer") args.options.layer = value;
    else if (flag === "class") args.options.className = value;
    else if (flag === "out") args.out = value;
    else if (flag === "json") args.json = value;
    else if (flag === "png") args.png = value;
    else if (flag === "every") args.every = Math.max(1, number(flag, value));
    else if (flag === "scale") args.scale = Math.min(8, Math.max(1, number(flag, value)));
    else (args.options as Record<string, number>)[NUMERIC[flag]] = number(flag, value);
  }
  return args;
}
