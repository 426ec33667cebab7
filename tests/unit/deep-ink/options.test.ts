import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DeepInkOptionsError, DEFAULT_OPTIONS, DRAWABLE_LAYER_NAMES, resolveOptions, searchClasses } from "@/lib/deep-ink/core/options";
import { parseCliArgs } from "@/lib/deep-ink/pipeline/cli";
import { parseLabels } from "@/lib/vision/mobilenet";

const labels = parseLabels(JSON.parse(fs.readFileSync(path.resolve("public/models/mobilenet_v1_0.75_224/metadata.json"), "utf8")));

function errorOf(fn: () => unknown): DeepInkOptionsError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DeepInkOptionsError);
    return err as DeepInkOptionsError;
  }
  throw new Error("expected a DeepInkOptionsError");
}

describe("resolveOptions", () => {
  it("fills in the defaults", () => {
    expect(resolveOptions({})).toEqual({ ...DEFAULT_OPTIONS });
  });

  it("every block's relu and pre-activation output and the class scores are drawable; the heads' pooled/softmax outputs are not", () => {
    expect(DRAWABLE_LAYER_NAMES).toHaveLength(27 * 2 + 1);
    expect(DRAWABLE_LAYER_NAMES).toContain("conv1_relu");
    expect(DRAWABLE_LAYER_NAMES).toContain("conv_dw_13_bn");
    expect(DRAWABLE_LAYER_NAMES).toContain("conv_preds");
    expect(DRAWABLE_LAYER_NAMES).not.toContain("act_softmax");
  });

  it("an unknown layer names the value and lists the allowed layers", () => {
    const e = errorOf(() => resolveOptions({ layer: "conv_pw_99_relu" }));
    expect(e.message).toMatch(/^layer "conv_pw_99_relu" is unknown; allowed: conv1_bn, conv1_relu, .*conv_pw_13_relu, conv_preds$/);
    expect(e.kind).toBe("invalid_input");
  });

  it("a channel out of range names it and the layer's range", () => {
    expect(errorOf(() => resolveOptions({ layer: "conv_pw_3_relu", channel: 96 })).message).toBe(
      "channel 96 is out of range for conv_pw_3_relu (96 channels): allowed 0 to 95",
    );
    expect(errorOf(() => resolveOptions({ channel: -1 })).message).toMatch(/^channel -1 is not allowed: use a whole number from 0/);
    expect(errorOf(() => resolveOptions({ channel: 2.5 })).message).toMatch(/^channel 2.5 is not allowed/);
  });

  it("a size the model cannot take names it and the allowed sizes", () => {
    for (const size of [100, 16, 1024, 112.5]) {
      expect(errorOf(() => resolveOptions({ size })).message).toBe(
        `size ${size} is not allowed: use a multiple of 16 from 32 to 448 (e.g. 112 or 224)`,
      );
    }
    expect(resolveOptions({ size: 224 }).size).toBe(224);
  });

  it("black must be darker than white; grey levels 0-255; unknown options are refused by name", () => {
    expect(errorOf(() => resolveOptions({ black: 150, white: 140 })).message).toBe("black 150 must be darker than white 140: allowed 0 <= black < white <= 255");
    expect(errorOf(() => resolveOptions({ white: 300 })).message).toBe("white 300 is not allowed: use a whole number from 0 to 255");
    expect(errorOf(() => resolveOptions({ colour: "red" })).message).toMatch(/^unknown option "colour"; allowed: layer, channel, className, size/);
    expect(errorOf(() => resolveOptions({ size: 64, blob: 65 })).message).toBe("blob 65 is larger than the image: allowed 1 to 64");
    expect(errorOf(() => resolveOptions({ size: 32, flipsPerStep: 2000 })).message).toBe("flipsPerStep 2000 is more than the 1024 pixels: allowed 1 to 1024");
  });

  it("a class by name picks the class scores and the class's index", () => {
    const o = resolveOptions({ className: "tabby cat" }, labels);
    expect(o.layer).toBe("conv_preds");
    expect(labels[o.channel]).toBe("tabby, tabby cat");
    expect(o.className).toBe("tabby, tabby cat");
    expect(resolveOptions({ className: "Volcano" }, labels).className).toBe("volcano");
  });

  it("an unknown class names it and suggests labels", () => {
    const e = errorOf(() => resolveOptions({ className: "tabby" + "kat" }, labels));
    expect(e.message).toMatch(/^class "tabbykat" is not an ImageNet class name; allowed: one of the 1,000 ImageNet labels/);
    const near = errorOf(() => resolveOptions({ className: "cat" }, labels));
    expect(near.message).toMatch(/^class "cat" is not an ImageNet class name; did you mean: .*"tabby, tabby cat"/);
    expect(errorOf(() => resolveOptions({ className: "volcano", layer: "conv1_relu" }, labels)).message).toMatch(/needs layer conv_preds/);
  });

  it("searchClasses: exact names, then prefixes, then substrings", () => {
    const hits = searchClasses(labels, "tabby");
    expect(hits[0].label).toBe("tabby, tabby cat");
    expect(searchClasses(labels, "retriev").map((h) => h.label)).toContain("golden retriever");
    expect(searchClasses(labels, "  ")).toEqual([]);
  });
});

describe("CLI arguments", () => {
  it("parses --name=value and --name value into options", () => {
    const a = parseCliArgs(["--layer=conv_pw_3_relu", "--channel", "5", "--size=224", "--steps=10", "--flips=8", "--out=x.gif", "--json", "x.json", "--anywhere"]);
    expect(a.options).toEqual({ layer: "conv_pw_3_relu", channel: 5, size: 224, steps: 10, flipsPerStep: 8, anywhere: true });
    expect([a.out, a.json]).toEqual(["x.gif", "x.json"]);
    expect(parseCliArgs(["--class=tabby cat"]).options).toEqual({ className: "tabby cat" });
  });

  it("unknown flags and non-numbers are refused by name", () => {
    expect(() => parseCliArgs(["--colour=red"])).toThrow(/^unknown flag --colour; allowed: --layer, --class/);
    expect(() => parseCliArgs(["--size=big"])).toThrow('--size "big" is not a whole number');
    expect(() => parseCliArgs(["--steps"])).toThrow(/--steps needs a value/);
  });
});
