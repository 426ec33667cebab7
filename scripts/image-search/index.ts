/**
 * Builds the reverse-image-search index from a Caltech-101 folder.
 *
 *   npx tsx scripts/image-search/index.ts <caltech101 folder> [--limit N] [--batch 16]
 *       [--encoding uint8-scaled|float16|float32] [--data-dir data/image-search]
 *       [--thumb-dir public/images/caltech101] [--thumb-side 144] [--quality 70]
 *
 * Writes web thumbnails (<thumb-dir>/<class>/<file>.jpg), data/image-search/photos.json and
 * the embedding file, then prints how well the stored encoding keeps the float32
 * neighbour lists (recall@10). Deterministic: files are sorted, the split is a hash
 * of the file name (lib/image-search/core/split.ts), the same input gives the same bytes.
 * --limit N keeps the first N photos (sorted) of each class, for quick trials.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { analyzeBatch, EMBEDDING_DIM, preprocess, shortLabel } from "@/lib/vision";
import { decodeImage, loadMobileNetFromDir, useWasmBackend } from "@/lib/vision/node";
import { assignSplits, QUERY_FRACTION, type Split } from "@/lib/image-search/core/split";
import { decodeEmbeddings, encodeEmbeddings, type EmbeddingEncoding, type ImageIndexManifest, type ImagePhoto } from "@/lib/image-search/core/format";
import { normaliseRows } from "@/lib/ml/vectors";
import { knn, recallAtK } from "./knn";
import { consoleProgress } from "@/lib/progress";

const IMAGE_EXT = /\.(jpe?g|png|webp|gif)$/i;
const SOURCE = "Caltech-101";
const LICENCE = "CC BY 4.0";
const CITATION =
  "L. Fei-Fei, R. Fergus and P. Perona. Learning generative visual models from few training examples: an incremental " +
  "Bayesian approach tested on 101 object categories. CVPR 2004 Workshop on Generative-Model Based Vision. " +
  "Data: Caltech-101, CaltechDATA, doi:10.22002/D1.20086, CC BY 4.0.";
const SPLIT_RULE =
  `BACKGROUND_Google -> background (all held out). Other classes: photos ranked by FNV-1a 32 of "<group>/<file name>", ` +
  `first round(${QUERY_FRACTION * 100}%) (>= 1) -> query, rest -> index; Faces_easy shares the group "Faces" so twins share a split.`;

interface Args {
  root: string;
  limit: number;
  batch: number;
  encoding: EmbeddingEncoding;
  dataDir: string;
  thumbDir: string;
  thumbSide: number;
  quality: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    root: "",
    limit: Infinity,
    batch: 16,
    encoding: "uint8-scaled",
    dataDir: "data/image-search",
    thumbDir: "public/images/caltech101",
    thumbSide: 144,
    quality: 70,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === "--limit") args.limit = Number(next());
    else if (a === "--batch") args.batch = Number(next());
    else if (a === "--encoding") args.encoding = next() as EmbeddingEncoding;
    else if (a === "--data-dir") args.dataDir = next();
    else if (a === "--thumb-dir") args.thumbDir = next();
    else if (a === "--thumb-side") args.thumbSide = Number(next());
    else if (a === "--quality") args.quality = Number(next());
    else if (a.startsWith("--")) throw new Error(`unknown option ${a}`);
    else args.root = a;
  }
  if (!args.root) throw new Error("usage: npx tsx scripts/image-search/index.ts <caltech101 folder> [--limit N]");
  if (!["uint8-scaled", "float16", "float32"].includes(args.encoding)) throw new Error(`bad --encoding ${args.encoding}`);
  return args;
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function listPhotos(root: string, limit: number): { label: string; file: string }[] {
  const out: { label: string; file: string }[] = [];
  const classes = fs
    .readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort(byCodeUnit);
  for (const label of classes) {
    const files = fs
      .readdirSync(path.join(root, label))
      .filter((f) => IMAGE_EXT.test(f))
      .sort(byCodeUnit)
      .slice(0, limit);
    for (const file of files) out.push({ label, file });
  }
  return out;
}

/** One JSON document: header fields pretty-printed, one photo per line (diff-friendly). */
function stringifyManifest(m: ImageIndexManifest): string {
  const { photos, ...head } = m;
  const headJson = JSON.stringify(head, null, 2);
  return `${headJson.slice(0, -2)},\n  "photos": [\n${photos.map((p) => "    " + JSON.stringify(p)).join(",\n")}\n  ]\n}\n`;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  sharp.concurrency(1); // be gentle with shared CPUs
  sharp.cache(false);
  const tStart = performance.now();

  const entries = listPhotos(args.root, args.limit);
  const splits = assignSplits(entries);
  console.error(`[images] ${entries.length} photos in ${new Set(entries.map((e) => e.label)).size} classes from ${args.root}`);

  console.error(`[images] backend: ${await useWasmBackend()}`);
  const tLoad = performance.now();
  const net = await loadMobileNetFromDir();
  const loadMs = performance.now() - tLoad;
  console.error(`[images] model loaded in ${loadMs.toFixed(0)} ms`);

  fs.rmSync(args.thumbDir, { recursive: true, force: true });
  fs.mkdirSync(args.dataDir, { recursive: true });

  const photos: ImagePhoto[] = [];
  const vectors = new Float32Array(entries.length * EMBEDDING_DIM);
  let thumbBytes = 0;
  let decodeMs = 0;
  let modelMs = 0;
  const t0 = performance.now();
  const bar = consoleProgress("[images] embedding", entries.length);
  for (let start = 0; start < entries.length; start += args.batch) {
    const chunk = entries.slice(start, start + args.batch);
    const inputs: Float32Array[] = [];
    const tDecode = performance.now();
    for (let k = 0; k < chunk.length; k++) {
      const { label, file } = chunk[k];
      const i = start + k;
      const original = `${label}/${file}`;
      const pixels = await decodeImage(fs.readFileSync(path.join(args.root, label, file))).catch((err: unknown) => {
        throw new Error(`cannot decode ${original}: ${err instanceof Error ? err.message : String(err)}`);
      });
      inputs.push(preprocess(pixels));

      const base = file.replace(/\.[^.]+$/, "");
      const thumbRel = `${label}/${base}.jpg`;
      const thumbPath = path.join(args.thumbDir, thumbRel);
      fs.mkdirSync(path.dirname(thumbPath), { recursive: true });
      const { data: jpg, info } = await sharp(pixels.data, { raw: { width: pixels.width, height: pixels.height, channels: 3 } })
        .resize(args.thumbSide, args.thumbSide, { fit: "outside", withoutEnlargement: true })
        .jpeg({ quality: args.quality, mozjpeg: true })
        .toBuffer({ resolveWithObject: true });
      fs.writeFileSync(thumbPath, jpg);
      thumbBytes += jpg.length;

      photos.push({
        id: `${label}/${base}`,
        label,
        file: `/${path.posix.join(args.thumbDir.replace(/^public\/?/, ""), thumbRel)}`,
        original,
        split: splits[i],
        width: pixels.width,
        height: pixels.height,
        thumbWidth: info.width,
        thumbHeight: info.height,
        source: SOURCE,
        licence: LICENCE,
        imagenet: [],
      });
    }
    const tModel = performance.now();
    decodeMs += tModel - tDecode;
    const results = await analyzeBatch(net, inputs, { topK: 5 });
    modelMs += performance.now() - tModel;
    results.forEach((r, k) => {
      vectors.set(r.embedding, (start + k) * EMBEDDING_DIM);
      photos[start + k].imagenet = r.predictions.map((p) => [shortLabel(p.label), Math.round(p.probability * 1e4) / 1e4]);
    });
    const done = start + chunk.length;
    bar.update(done);
  }
  const totalMs = performance.now() - t0;

  // embeddings
  const encoded = encodeEmbeddings(vectors, EMBEDDING_DIM, args.encoding);
  const ext = { "uint8-scaled": "u8", float16: "f16", float32: "f32" }[args.encoding];
  const embFile = `embeddings.${ext}`;
  for (const f of fs.readdirSync(args.dataDir)) if (/^embeddings\.(u8|f16|f32)$/.test(f) && f !== embFile) fs.rmSync(path.join(args.dataDir, f));
  fs.writeFileSync(path.join(args.dataDir, embFile), encoded);

  const counts: Record<Split, number> = { index: 0, query: 0, background: 0 };
  for (const p of photos) counts[p.split]++;
  const manifest: ImageIndexManifest = {
    version: 1,
    dataset: SOURCE,
    licence: LICENCE,
    citation: CITATION,
    model: "mobilenet_v1_0.75_224 (public/models/mobilenet_v1_0.75_224)",
    embedding: {
      description: "global average pool of conv_pw_13_relu (768 values, not normalised); row i = photos[i]",
      dim: EMBEDDING_DIM,
      count: photos.length,
      file: embFile,
      encoding: args.encoding,
      bytes: encoded.length,
      sha256: crypto.createHash("sha256").update(encoded).digest("hex"),
    },
    thumbnails: { dir: "/" + args.thumbDir.replace(/^public\/?/, ""), shorterSide: args.thumbSide, jpegQuality: args.quality },
    split: { rule: SPLIT_RULE, counts },
    photos,
  };
  const json = stringifyManifest(manifest);
  fs.writeFileSync(path.join(args.dataDir, "photos.json"), json);

  // quantisation check: neighbour lists of every query/background photo among the indexed ones
  const stored = decodeEmbeddings(encoded, photos.length, EMBEDDING_DIM, args.encoding);
  const idx = photos.flatMap((p, i) => (p.split === "index" ? [i] : []));
  const queries = photos.flatMap((p, i) => (p.split !== "index" ? [i] : []));
  const report: string[] = [];
  const ref = knn(normaliseRows(vectors, EMBEDDING_DIM), EMBEDDING_DIM, queries, idx, 10);
  for (const enc of ["float16", "uint8-scaled"] as const) {
    const approx = decodeEmbeddings(encodeEmbeddings(vectors, EMBEDDING_DIM, enc), photos.length, EMBEDDING_DIM, enc);
    const got = knn(normaliseRows(approx, EMBEDDING_DIM), EMBEDDING_DIM, queries, idx, 10);
    report.push(`${enc}: recall@10 vs float32 = ${recallAtK(ref, got).toFixed(4)} (${queries.length} queries x ${idx.length} indexed)`);
  }
  let maxErr = 0;
  for (let i = 0; i < vectors.length; i++) maxErr = Math.max(maxErr, Math.abs(vectors[i] - stored[i]));

  const n = entries.length;
  console.log(`photos: ${n} (index ${counts.index}, query ${counts.query}, background ${counts.background})`);
  console.log(`model load: ${loadMs.toFixed(0)} ms; total ${(totalMs / 1000).toFixed(1)} s = ${(totalMs / n).toFixed(1)} ms/photo`);
  console.log(`  decode+thumbnail+preprocess ${(decodeMs / n).toFixed(1)} ms/photo, model (wasm, batch ${args.batch}) ${(modelMs / n).toFixed(1)} ms/photo`);
  console.log(`thumbnails: ${(thumbBytes / 1e6).toFixed(2)} MB (${(thumbBytes / n / 1024).toFixed(2)} KiB avg), ${args.thumbSide} px shorter side, q${args.quality}`);
  console.log(`embeddings: ${embFile} ${args.encoding}, ${(encoded.length / 1e6).toFixed(2)} MB (float32 would be ${((n * EMBEDDING_DIM * 4) / 1e6).toFixed(2)} MB), max |err| ${maxErr.toExponential(2)}`);
  console.log(`photos.json: ${(Buffer.byteLength(json) / 1e6).toFixed(2)} MB`);
  for (const line of report) console.log(line);
  console.log(`wall time: ${((performance.now() - tStart) / 1000).toFixed(1)} s`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
