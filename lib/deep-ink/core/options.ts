/**
 * Deep Ink's options: one zod schema for the page, the worker and the CLI, and the check
 * against MobileNet's layer catalog and ImageNet labels. Every error names the bad value
 * and lists what is allowed. Browser-safe (zod + the plain layer catalog, no tfjs).
 */
import { z } from "zod";
import { DomainError, type ErrorDetails } from "@/lib/errors";
import { CLASS_COUNT, LOGITS_OUTPUT, OUTPUTS, outputByName, type OutputInfo } from "@/lib/vision/layers";

export const MIN_SIZE = 32;
export const MAX_SIZE = 448;
export const SIZE_MULTIPLE = 16;
export const MAX_STEPS = 2000;

/** Layers a drawing may target: every block's pre-activation and relu6 output, and the class scores (logits). */
export const DRAWABLE_LAYERS: readonly OutputInfo[] = OUTPUTS.filter((o) => o.kind === "pre" || o.kind === "relu" || o.kind === "logits");
export const DRAWABLE_LAYER_NAMES: readonly string[] = DRAWABLE_LAYERS.map((o) => o.name);

export const DEFAULT_OPTIONS = {
  layer: "conv_pw_5_relu",
  channel: 10,
  size: 112,
  blob: 12,
  flipsPerStep: 32,
  steps: 200,
  black: 100,
  white: 128,
  seed: 1,
  anywhere: false,
  cooldown: 10,
} as const;

export class DeepInkOptionsError extends DomainError<"invalid_option"> {
  constructor(message: string, details?: ErrorDetails) {
    super("invalid_input", "invalid_option", message, details);
    this.name = "DeepInkOptionsError";
  }
}

const int = (name: string, min: number, max: number) =>
  z.number({ error: `${name} must be a number` }).refine((v) => Number.isInteger(v) && v >= min && v <= max, {
    error: (issue) => `${name} ${JSON.stringify(issue.input)} is not allowed: use a whole number from ${min} to ${max}`,
  });

/**
 * What a caller may pass. `channel` or `className` picks the channel (a class name implies
 * the class scores, layer `conv_preds`); `black` / `white` are 8-bit grey levels (0 =
 * black, 255 = white) that the network sees as grey / 127.5 - 1.
 */
export const deepInkOptionsInputSchema = z
  .object({
    layer: z.string().max(100).optional(),
    channel: int("channel", 0, 100_000).optional(),
    className: z.string().trim().min(1, "class must not be empty").max(200).optional(),
    size: z.number({ error: "size must be a number" }).optional(),
    blob: int("blob", 1, MAX_SIZE).optional(),
    flipsPerStep: int("flipsPerStep", 1, MAX_SIZE * MAX_SIZE).optional(),
    steps: int("steps", 1, MAX_STEPS).optional(),
    black: int("black", 0, 255).optional(),
    white: int("white", 0, 255).optional(),
    seed: int("seed", 0, 2 ** 31 - 1).optional(),
    anywhere: z.boolean({ error: "anywhere must be true or false" }).optional(),
    cooldown: int("cooldown", 0, MAX_STEPS).optional(),
  })
  .strict();
export type DeepInkOptionsInput = z.input<typeof deepInkOptionsInputSchema>;

/** Checked, complete options. */
export interface DeepInkOptions {
  layer: string;
  channel: number;
  /** The ImageNet label when the channel is a class (layer conv_preds). */
  className?: string;
  size: number;
  /** Diameter of the starting ink blob in pixels. */
  blob: number;
  flipsPerStep: number;
  steps: number;
  /** 8-bit grey level of "black" (network input black / 127.5 - 1). */
  black: number;
  /** 8-bit grey level of "white"; must be lighter than black. */
  white: number;
  seed: number;
  /** Let any pixel flip, not only those on the ink's edge (see core/ink.ts isOnInkEdge). */
  anywhere: boolean;
  /** Steps a pixel rests after it flipped (0 = none; see core/ink.ts advanceRun). */
  cooldown: number;
}

/** The parts of an ImageNet label: "tabby, tabby cat" -> ["tabby", "tabby cat"]. */
function labelNames(label: string): string[] {
  return label.split(",").map((s) => s.trim().toLowerCase());
}

/**
 * Class indices whose label matches `query` (case-insensitive), best first: a label's
 * comma-separated name equal to it, then a name containing it as a whole word ("cat" ->
 * "tabby cat"), then a name starting with it, then any substring. For the class picker and
 * for suggestions when --class names no class.
 */
export function searchClasses(labels: readonly string[], query: string, limit = 20): { index: number; label: string }[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const tiers: number[][] = [[], [], [], []];
  labels.forEach((label, i) => {
    const names = labelNames(label);
    if (names.includes(q)) tiers[0].push(i);
    else if (names.some((n) => ` ${n} `.includes(` ${q} `))) tiers[1].push(i);
    else if (names.some((n) => n.startsWith(q))) tiers[2].push(i);
    else if (label.toLowerCase().includes(q)) tiers[3].push(i);
  });
  return tiers
    .flat()
    .slice(0, limit)
    .map((index) => ({ index, label: labels[index] }));
}

/** "conv1_bn, conv1_relu, ..., conv_preds" compressed: the pattern and the ends. */
export function describeAllowedLayers(): string {
  return `${DRAWABLE_LAYER_NAMES.join(", ")}`;
}

/**
 * Checks raw options (from a form, a worker message or the command line) and fills in the
 * defaults. Throws DeepInkOptionsError naming the bad value and what is allowed.
 * `labels` (the 1,000 ImageNet labels) is needed only for `className`.
 */
export function resolveOptions(raw: unknown, labels?: readonly string[]): DeepInkOptions {
  const parsed = deepInkOptionsInputSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.join(".");
    const message =
      issue.code === "unrecognized_keys"
        ? `unknown option ${issue.keys.map((k) => JSON.stringify(k)).join(", ")}; allowed: ${Object.keys(deepInkOptionsInputSchema.shape).join(", ")}`
        : issue.message.startsWith(where)
          ? issue.message
          : `${where}: ${issue.message}`;
    throw new DeepInkOptionsError(message, { option: where || undefined });
  }
  const input = parsed.data;

  let layer = input.layer ?? (input.className !== undefined ? LOGITS_OUTPUT : DEFAULT_OPTIONS.layer);
  layer = layer.trim();
  const info = outputByName(layer);
  if (!info || !DRAWABLE_LAYER_NAMES.includes(layer)) {
    throw new DeepInkOptionsError(`layer ${JSON.stringify(layer)} is unknown; allowed: ${describeAllowedLayers()}`, {
      option: "layer",
      value: layer,
      allowed: DRAWABLE_LAYER_NAMES,
    });
  }

  let channel = input.channel ?? DEFAULT_OPTIONS.channel;
  let className: string | undefined;
  if (input.className !== undefined) {
    if (layer !== LOGITS_OUTPUT) {
      throw new DeepInkOptionsError(`class ${JSON.stringify(input.className)} needs layer ${LOGITS_OUTPUT} (the class scores), not ${JSON.stringify(layer)}`, {
        option: "className",
      });
    }
    if (input.channel !== undefined) throw new DeepInkOptionsError("give either channel or class, not both", { option: "className" });
    if (!labels || labels.length !== CLASS_COUNT) throw new Error("resolveOptions: the 1,000 ImageNet labels are needed to look up a class");
    const hits = searchClasses(labels, input.className, 8);
    const q = input.className.trim().toLowerCase();
    const exact = hits.filter((h) => labelNames(h.label).includes(q) || h.label.toLowerCase() === q);
    if (exact.length === 0) {
      throw new DeepInkOptionsError(
        `class ${JSON.stringify(input.className)} is not an ImageNet class name; ` +
          (hits.length ? `did you mean: ${hits.map((h) => JSON.stringify(h.label)).join(", ")}?` : "allowed: one of the 1,000 ImageNet labels (e.g. \"tabby cat\", \"volcano\", \"goldfish\")"),
        { option: "className", value: input.className, suggestions: hits.map((h) => h.label) },
      );
    }
    channel = exact[0].index;
    className = labels[channel];
  }
  if (channel >= info.channels) {
    throw new DeepInkOptionsError(`channel ${channel} is out of range for ${layer} (${info.channels} channels): allowed 0 to ${info.channels - 1}`, {
      option: "channel",
      value: channel,
      allowed: { min: 0, max: info.channels - 1 },
    });
  }
  if (layer === LOGITS_OUTPUT && labels?.length === CLASS_COUNT) className ??= labels[channel];

  const size = input.size ?? DEFAULT_OPTIONS.size;
  if (!Number.isInteger(size) || size < MIN_SIZE || size > MAX_SIZE || size % SIZE_MULTIPLE !== 0) {
    throw new DeepInkOptionsError(
      `size ${size} is not allowed: use a multiple of ${SIZE_MULTIPLE} from ${MIN_SIZE} to ${MAX_SIZE} (e.g. 112 or 224)`,
      { option: "size", value: size },
    );
  }
  const blob = input.blob ?? Math.min(DEFAULT_OPTIONS.blob, size);
  if (blob > size) throw new DeepInkOptionsError(`blob ${blob} is larger than the image: allowed 1 to ${size}`, { option: "blob", value: blob });
  const flipsPerStep = input.flipsPerStep ?? DEFAULT_OPTIONS.flipsPerStep;
  if (flipsPerStep > size * size) {
    throw new DeepInkOptionsError(`flipsPerStep ${flipsPerStep} is more than the ${size * size} pixels: allowed 1 to ${size * size}`, {
      option: "flipsPerStep",
      value: flipsPerStep,
    });
  }
  const black = input.black ?? DEFAULT_OPTIONS.black;
  const white = input.white ?? DEFAULT_OPTIONS.white;
  if (black >= white) {
    throw new DeepInkOptionsError(`black ${black} must be darker than white ${white}: allowed 0 <= black < white <= 255`, {
      option: "black",
      value: black,
    });
  }
  return {
    layer,
    channel,
    ...(className !== undefined ? { className } : {}),
    size,
    blob,
    flipsPerStep,
    steps: input.steps ?? DEFAULT_OPTIONS.steps,
    black,
    white,
    seed: input.seed ?? DEFAULT_OPTIONS.seed,
    anywhere: input.anywhere ?? DEFAULT_OPTIONS.anywhere,
    cooldown: input.cooldown ?? DEFAULT_OPTIONS.cooldown,
  };
}

/** Network input value of an 8-bit grey level (MobileNet's x / 127.5 - 1). */
export function greyToInput(grey: number): number {
  return grey / 127.5 - 1;
}

/** "conv_pw_5_relu #3" or "class 281 tabby, tabby cat". */
export function describeTarget(o: Pick<DeepInkOptions, "layer" | "channel" | "className">): string {
  return o.layer === LOGITS_OUTPUT ? `class ${o.channel}${o.className ? ` ${o.className}` : ""}` : `${o.layer} #${o.channel}`;
}
