import { DEFAULT_OPTIONS, resolveOptions, type DeepInkOptions } from "@/lib/deep-ink/core/options";
import { LOGITS_OUTPUT } from "@/lib/vision/layers";

/** The form as typed (strings), so a half-typed number is not lost. */
export interface InkForm {
  layer: string;
  channel: string;
  className: string;
  size: string;
  blob: string;
  flipsPerStep: string;
  steps: string;
  black: string;
  white: string;
  seed: string;
  cooldown: string;
  anywhere: boolean;
}

export const SIZES = [64, 112, 160, 224] as const;

export const DEFAULT_FORM: InkForm = {
  layer: DEFAULT_OPTIONS.layer,
  channel: String(DEFAULT_OPTIONS.channel),
  className: "volcano",
  size: String(DEFAULT_OPTIONS.size),
  blob: String(DEFAULT_OPTIONS.blob),
  flipsPerStep: String(DEFAULT_OPTIONS.flipsPerStep),
  steps: String(DEFAULT_OPTIONS.steps),
  black: String(DEFAULT_OPTIONS.black),
  white: String(DEFAULT_OPTIONS.white),
  seed: String(DEFAULT_OPTIONS.seed),
  cooldown: String(DEFAULT_OPTIONS.cooldown),
  anywhere: DEFAULT_OPTIONS.anywhere,
};

const NUMBER_FIELDS = ["size", "blob", "flipsPerStep", "steps", "black", "white", "seed", "cooldown"] as const;

/** Form -> checked options, or the first problem as a sentence (from core's resolveOptions). */
export function formToOptions(form: InkForm, labels: readonly string[]): { options: DeepInkOptions } | { error: string } {
  const raw: Record<string, unknown> = { layer: form.layer, anywhere: form.anywhere };
  const num = (name: string, text: string) => {
    const t = text.trim();
    if (!/^-?\d+(\.\d+)?$/.test(t)) throw new Error(`${name} ${JSON.stringify(text)} is not a number`);
    return Number(t);
  };
  try {
    for (const f of NUMBER_FIELDS) raw[f] = num(f, form[f]);
    if (form.layer === LOGITS_OUTPUT) raw.className = form.className;
    else raw.channel = num("channel", form.channel);
    return { options: resolveOptions(raw, labels) };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

/** Options -> form (gallery "use these settings"). */
export function optionsToForm(
  o: Pick<DeepInkOptions, "layer" | "channel" | "size" | "flipsPerStep" | "steps" | "black" | "white" | "seed" | "cooldown"> & { className?: string; blob?: number; anywhere?: boolean },
  base: InkForm,
): InkForm {
  return {
    ...base,
    layer: o.layer,
    channel: String(o.channel),
    className: o.className ? o.className.split(",")[0] : base.className,
    size: String(o.size),
    blob: String(o.blob ?? base.blob),
    flipsPerStep: String(o.flipsPerStep),
    steps: String(o.steps),
    black: String(o.black),
    white: String(o.white),
    seed: String(o.seed),
    cooldown: String(o.cooldown),
    anywhere: o.anywhere ?? false,
  };
}
