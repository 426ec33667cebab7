import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";

const TSX = path.resolve("node_modules/.bin/tsx");
const run = (args: string[]) =>
  spawnSync(TSX, ["--conditions=react-server", "scripts/deep-ink/run.ts", ...args], { encoding: "utf8", timeout: 180_000 });

describe("npm run deep-ink", () => {
  it("bad options exit non-zero with a message naming the value and what is allowed", () => {
    const layer = run(["--layer=conv_pw_99_relu"]);
    expect(layer.status).toBe(2);
    expect(layer.stderr).toMatch(/layer "conv_pw_99_relu" is unknown; allowed: conv1_bn, conv1_relu/);
    const channel = run(["--layer=conv1_relu", "--channel=24"]);
    expect(channel.status).toBe(2);
    expect(channel.stderr).toMatch(/channel 24 is out of range for conv1_relu \(24 channels\): allowed 0 to 23/);
    const size = run(["--size=100"]);
    expect(size.status).toBe(2);
    expect(size.stderr).toMatch(/size 100 is not allowed: use a multiple of 16 from 32 to 448/);
    const cls = run(["--class=tabbykat"]);
    expect(cls.status).toBe(2);
    expect(cls.stderr).toMatch(/class "tabbykat" is not an ImageNet class name/);
  }, 120_000);

  it("writes the GIF and the JSON of a small run", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deep-ink-"));
    const gif = path.join(dir, "run.gif");
    const json = path.join(dir, "run.json");
    const r = run(["--layer=conv_pw_2_relu", "--channel=5", "--size=32", "--steps=3", "--flips=8", `--out=${gif}`, `--json=${json}`]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/deep-ink \[#+\] 100% 3\/3 .* ETA/);
    const summary = JSON.parse(fs.readFileSync(json, "utf8"));
    expect(summary).toMatchObject({ layer: "conv_pw_2_relu", channel: 5, size: 32, black: 100, white: 128 });
    expect(summary.steps).toHaveLength(3);
    expect(summary.steps[0]).toEqual({ activation: expect.any(Number), flipped: expect.any(Number) });
    expect(summary.final.rows).toHaveLength(32);
    expect((await sharp(fs.readFileSync(gif), { animated: true }).metadata()).pages).toBe(4);
    fs.rmSync(dir, { recursive: true });
  }, 180_000);
});
