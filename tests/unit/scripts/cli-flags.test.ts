import { describe, expect, it } from "vitest";
import { flag, flagOr, wholeNumberFlag } from "@/scripts/cli-flags";

describe("script flags", () => {
  it("read --name value and --name=value, and nothing for an absent flag", () => {
    const argv = ["--size", "160", "--out=data/x", "--reverse"];
    expect(flag(argv, "size")).toBe("160");
    expect(flag(argv, "out")).toBe("data/x");
    expect(flag(argv, "batch")).toBeUndefined();
    expect(flagOr(argv, "batch", "32")).toBe("32");
    // a prefix of another flag's name is not that flag
    expect(flag(["--sizes=1,2"], "size")).toBeUndefined();
  });

  it("whole numbers outside their range are refused with the flag's name", () => {
    expect(wholeNumberFlag(["--steps=12"], "steps", 5, 1, 200)).toBe(12);
    expect(wholeNumberFlag([], "steps", 5, 1, 200)).toBe(5);
    expect(() => wholeNumberFlag(["--steps", "0"], "steps", 5, 1, 200)).toThrow(/--steps must be a whole number in 1..200, got 0/);
    expect(() => wholeNumberFlag(["--steps=1.5"], "steps", 5, 1, 200)).toThrow(RangeError);
  });
});
