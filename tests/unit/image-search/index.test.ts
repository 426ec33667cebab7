import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { assignSplits, fnv1a32 } from "@/lib/image-search/core/split";
import { decodeEmbeddings, encodeEmbeddings, fromFloat16Bits, toFloat16Bits, type ImageIndexManifest, type ImagePhoto } from "@/lib/image-search/core/format";
import { l2Normalize, parseImageIndex, vectorAt } from "@/lib/image-search/core/index-reader";
import { loadImageIndex } from "@/lib/image-search/server/load";

const ROOT = path.resolve(__dirname, "../../..");

function caltechLike(classes: Record<string, number>) {
  const out: { label: string; file: string }[] = [];
  for (const [label, n] of Object.entries(classes))
    for (let i = 1; i <= n; i++) out.push({ label, file: `image_${String(i).padStart(4, "0")}.jpg` });
  return out;
}

describe("assignSplits", () => {
  const photos = caltechLike({ BACKGROUND_Google: 30, Faces: 120, Faces_easy: 120, dalmatian: 54, anchor: 31, tiny: 1 });
  const splits = assignSplits(photos);

  it("holds out all background photos and ~20% of each class", () => {
    photos.forEach((p, i) => expect(splits[i] === "background").toBe(p.label === "BACKGROUND_Google"));
    for (const [label, n] of [["dalmatian", 54], ["anchor", 31], ["Faces", 120]] as const) {
      const q = photos.filter((p, i) => p.label === label && splits[i] === "query").length;
      expect(q).toBe(Math.round(n * 0.2));
    }
    expect(splits[photos.findIndex((p) => p.label === "tiny")]).toBe("index");
  });

  it("keeps Faces / Faces_easy twins in the same split", () => {
    const faces = new Map(photos.flatMap((p, i) => (p.label === "Faces" ? [[p.file, splits[i]] as const] : [])));
    photos.forEach((p, i) => {
      if (p.label === "Faces_easy") expect(splits[i]).toBe(faces.get(p.file));
    });
  });

  it("is deterministic and independent of input order", () => {
    const shuffled = photos.map((p, i) => ({ p, k: fnv1a32(String(i)) })).sort((a, b) => a.k - b.k).map((x) => x.p);
    const again = assignSplits(shuffled);
    const byKey = new Map(shuffled.map((p, i) => [`${p.label}/${p.file}`, again[i]]));
    photos.forEach((p, i) => expect(byKey.get(`${p.label}/${p.file}`)).toBe(splits[i]));
    expect(fnv1a32("")).toBe(0x811c9dc5);
    expect(fnv1a32("a")).toBe(0xe40c292c);
  });
});

describe("embedding encodings", () => {
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const dim = 768;
  const vectors = new Float32Array(5 * dim).map(() => (rand() < 0.3 ? 0 : rand() * 4));

  it("float16 bits round-trip exactly representable values and round to nearest", () => {
    for (const v of [0, 1, -2, 0.5, 65504, 2 ** -14, 2 ** -24, 3.140625]) expect(fromFloat16Bits(toFloat16Bits(v))).toBe(v);
    expect(toFloat16Bits(1)).toBe(0x3c00);
    expect(fromFloat16Bits(toFloat16Bits(1 + 2 ** -11))).toBe(1); // tie -> even
    expect(fromFloat16Bits(toFloat16Bits(1e6))).toBe(Infinity);
  });

  it("round-trips float32 exactly and float16 / uint8-scaled within their precision", () => {
    expect(decodeEmbeddings(encodeEmbeddings(vectors, dim, "float32"), 5, dim, "float32")).toEqual(vectors);
    const f16 = decodeEmbeddings(encodeEmbeddings(vectors, dim, "float16"), 5, dim, "float16");
    const u8bytes = encodeEmbeddings(vectors, dim, "uint8-scaled");
    expect(u8bytes.length).toBe(5 * 4 + 5 * dim);
    const u8 = decodeEmbeddings(u8bytes, 5, dim, "uint8-scaled");
    for (let i = 0; i < vectors.length; i++) {
      expect(Math.abs(f16[i] - vectors[i])).toBeLessThanOrEqual(vectors[i] * 2 ** -11 + 1e-7);
      expect(Math.abs(u8[i] - vectors[i])).toBeLessThanOrEqual(4 / 255 / 2 + 1e-6);
      if (vectors[i] === 0) expect(u8[i]).toBe(0);
    }
    expect(() => decodeEmbeddings(u8bytes.subarray(1), 5, dim, "uint8-scaled")).toThrow(/bytes/);
    expect(() => encodeEmbeddings(new Float32Array([-1, 0]), 2, "uint8-scaled")).toThrow(/non-negative/);
  });

  it("l2Normalize", () => {
    expect(Array.from(l2Normalize([3, 4]))).toEqual([Math.fround(0.6), Math.fround(0.8)]);
    expect(Array.from(l2Normalize([0, 0]))).toEqual([0, 0]);
  });
});

function tinyIndex(): { manifest: ImageIndexManifest; bytes: Uint8Array; vectors: Float32Array } {
  const dim = 4;
  const vectors = new Float32Array([1, 0, 0, 2, 0, 0.5, 0.25, 0]);
  const photo = (id: string, split: ImagePhoto["split"]): ImagePhoto => ({
    id,
    label: id.split("/")[0],
    file: `/images/caltech101/${id}.jpg`,
    original: `${id}.jpg`,
    split,
    width: 300,
    height: 200,
    thumbWidth: 216,
    thumbHeight: 144,
    source: "Caltech-101",
    licence: "CC BY 4.0",
    imagenet: [["dalmatian", 0.9]],
  });
  const bytes = encodeEmbeddings(vectors, dim, "float16");
  const manifest: ImageIndexManifest = {
    version: 1,
    dataset: "Caltech-101",
    licence: "CC BY 4.0",
    citation: "x",
    model: "m",
    embedding: { description: "d", dim, count: 2, file: "embeddings.f16", encoding: "float16", bytes: bytes.length, sha256: "" },
    thumbnails: { dir: "/images/caltech101", shorterSide: 144, jpegQuality: 70 },
    split: { rule: "r", counts: { index: 1, query: 1, background: 0 } },
    photos: [photo("dalmatian/image_0001", "index"), photo("dalmatian/image_0002", "query")],
  };
  return { manifest, bytes, vectors };
}

describe("reading the index back", () => {
  it("parseImageIndex validates and decodes", () => {
    const { manifest, bytes, vectors } = tinyIndex();
    const index = parseImageIndex(JSON.parse(JSON.stringify(manifest)), bytes);
    expect(index.photos.map((p) => p.id)).toEqual(["dalmatian/image_0001", "dalmatian/image_0002"]);
    expect(index.dim).toBe(4);
    expect(Array.from(vectorAt(index, 1))).toEqual(Array.from(vectors.subarray(4)));
    expect(() => parseImageIndex({ ...manifest, photos: manifest.photos.slice(1) }, bytes)).toThrow(/2 embeddings/);
    expect(() => parseImageIndex({ ...manifest, version: 2 }, bytes)).toThrow();
  });

  it("loadImageIndex reads a directory", async () => {
    const { manifest, bytes, vectors } = tinyIndex();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "image-index-"));
    try {
      fs.writeFileSync(path.join(dir, "photos.json"), JSON.stringify(manifest));
      fs.writeFileSync(path.join(dir, "embeddings.f16"), bytes);
      const index = await loadImageIndex(dir);
      expect(index.vectors).toEqual(vectors);
      expect(index.manifest.embedding.encoding).toBe("float16");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the committed Caltech-101 index is consistent with its thumbnails", async () => {
    const index = await loadImageIndex(path.join(ROOT, "data", "image-search"));
    const { photos, vectors, dim } = index;
    expect(dim).toBe(768);
    expect(photos.length).toBeGreaterThan(5000);
    expect(vectors.length).toBe(photos.length * dim);
    const labels = new Set(photos.map((p) => p.label));
    expect(labels.size).toBe(102);
    expect(photos.filter((p) => p.label === "BACKGROUND_Google").every((p) => p.split === "background")).toBe(true);
    // twins share a split
    const faces = new Map(photos.filter((p) => p.label === "Faces").map((p) => [p.original.split("/")[1], p.split]));
    for (const p of photos.filter((q) => q.label === "Faces_easy")) expect(p.split).toBe(faces.get(p.original.split("/")[1]));
    let min = Infinity;
    for (let i = 0; i < vectors.length; i++) min = Math.min(min, vectors[i]);
    expect(min).toBeGreaterThanOrEqual(0);
    const missing = photos.filter((p) => !fs.existsSync(path.join(ROOT, "public", p.file)));
    expect(missing.map((p) => p.file)).toEqual([]);
    const dalmatian = photos.filter((p) => p.label === "dalmatian");
    expect(dalmatian.filter((p) => p.imagenet[0]?.[0] === "dalmatian").length / dalmatian.length).toBeGreaterThan(0.8);
  });
});
