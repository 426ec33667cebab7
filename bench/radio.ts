// Song radio quality and speed: our word2vec against gensim's on the same corpus.
//
//   npm run bench -- radio --source DIR [--mode skip-gram|cbow] [--epochs N] [--dims N] [--window N] [--min-count N]
//                          [--subsample T] [--negative N] [--lr X] [--init R] [--threads N] [--seed N]
//                          [--max-length N] [--max-artist-share F] [--seeds N] [--threads-scan] [--batched]
//                          [--skip-gensim] [--in-out] [--centre|--no-centre] [--save FILE]
//
// Defaults: radio:train's settings (lib/radio/pipeline/settings.ts).
// The corpus is radio:train's: the cleaned Yes.com playlists, ~10% held out by seed, the
// rest filtered, songs played >= min-count times. Our trainer (lib/ml/embedding/word2vec.ts,
// Hogwild threads) and gensim (bench/radio/gensim_word2vec.py, /usr/bin/python3, apt
// python3-gensim) train with the same parameters and thread count; both are scored on the
// held-out playlists by lib/radio/pipeline/evaluate.ts, whose stations come from
// lib/radio/core/station.ts as the server's do: next-song hit rate@10, station
// precision@50 (seeds = a playlist's first 5 songs), and the most-popular baseline.
// Wall and CPU time count training only (gensim: model.train; ours: after the threads
// loaded). --seeds N: each trainer runs with N training seeds; rows show the means.
// --threads-scan: our trainer on 1 and 2 threads. --batched: one epoch of the batched
// pair trainer (skipGramPairs + trainEmbedding, WORD2VEC_OPTIONS) for its speed.
// --in-out: also score our input + output vectors summed (an extra row, same run).
// --centre / --no-centre: centre the unit vectors as radio:train does (shippedVectors; both trainers' vectors).

import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { WORD2VEC_OPTIONS } from "@/lib/ml/embedding/options";
import { skipGramPairs } from "@/lib/ml/embedding/skip-gram";
import { trainEmbedding } from "@/lib/ml/embedding/trainer";
import { songVectors, word2vecSettings, type Word2VecSettings } from "@/lib/ml/embedding/word2vec";
import { trainWord2VecThreads } from "@/lib/ml/node/word2vec";
import { artistKeyOf } from "@/lib/radio/core/station";
import { RADIO_DEFAULTS } from "@/lib/radio/pipeline/settings";
import { buildVocabulary, filterPlaylists, loadSource, splitPlaylists, toSentences } from "@/lib/radio/pipeline/dataset";
import { evaluateStations, shippedVectors, type EvalReport } from "@/lib/radio/pipeline/evaluate";
import { projectPath } from "@/lib/paths";

const PYTHON = "/usr/bin/python3";
const GENSIM_SCRIPT = projectPath("bench/radio/gensim_word2vec.py");

interface Args {
  mode: "skip-gram" | "cbow";
  epochs: number;
  dims: number;
  window: number;
  minCount: number;
  subsample: number;
  negative: number;
  lr: number | undefined;
  initRange: number;
  threads: number;
  seed: number;
  holdout: number;
  maxLength: number;
  maxArtistShare: number;
  seeds: number;
  threadsScan: boolean;
  batched: boolean;
  skipGensim: boolean;
  inOut: boolean;
  centre: boolean;
  /** The raw Yes.com folder (train.txt, song_hash.txt, tags.txt, tag_hash.txt). */
  source: string;
  save: string | null;
}

function parseArgs(argv: string[]): Args {
  const d = RADIO_DEFAULTS;
  const out: Args = {
    mode: d.mode,
    epochs: d.epochs,
    dims: d.dims,
    window: d.window,
    minCount: d.minCount,
    subsample: d.subsample,
    negative: d.negative,
    lr: d.learningRate,
    initRange: d.initRange,
    threads: d.threads,
    seed: d.seed,
    holdout: d.holdout,
    maxLength: d.maxLength,
    maxArtistShare: d.maxArtistShare,
    seeds: 1,
    threadsScan: false,
    batched: false,
    skipGensim: false,
    inOut: false,
    centre: d.centre,
    save: null,
    source: "",
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => argv[++i] ?? "";
    const n = () => Number(v());
    if (a === "--mode") out.mode = v() === "cbow" ? "cbow" : "skip-gram";
    else if (a === "--epochs") out.epochs = n();
    else if (a === "--dims") out.dims = n();
    else if (a === "--window") out.window = n();
    else if (a === "--min-count") out.minCount = n();
    else if (a === "--subsample") out.subsample = n();
    else if (a === "--negative") out.negative = n();
    else if (a === "--lr") out.lr = n();
    else if (a === "--init") out.initRange = n();
    else if (a === "--threads") out.threads = n();
    else if (a === "--seed") out.seed = n();
    else if (a === "--holdout") out.holdout = n();
    else if (a === "--max-length") out.maxLength = n();
    else if (a === "--max-artist-share") out.maxArtistShare = n();
    else if (a === "--seeds") out.seeds = n();
    else if (a === "--threads-scan") out.threadsScan = true;
    else if (a === "--batched") out.batched = true;
    else if (a === "--skip-gensim") out.skipGensim = true;
    else if (a === "--in-out") out.inOut = true;
    else if (a === "--source") out.source = v();
    else if (a === "--centre") out.centre = true;
    else if (a === "--no-centre") out.centre = false;
    else if (a === "--save") out.save = v();
    else throw new Error(`unknown argument ${a}`);
  }
  return out;
}

function gensimAvailable(): string | null {
  if (!fs.existsSync(PYTHON)) return null;
  const r = spawnSync(PYTHON, ["-c", "import gensim; print(gensim.__version__)"], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : null;
}

interface Row {
  name: string;
  /** Training wall time (mean over the seeds). */
  seconds: number | null;
  /** CPU time of all the trainer's threads in that run: steadier than wall time on a shared machine. */
  cpuSeconds: number | null;
  /** Lowest and highest precision@50 over the seeds. */
  precisionRange?: [number, number];
  report: EvalReport;
}

const f4 = (x: number) => x.toFixed(4);

export default async function main(argv: string[]): Promise<void> {
  const args = parseArgs(argv);
  if (!args.source) {
    console.log("  skipped: give the raw data folder, npm run bench -- radio --source DIR (the Yes.com yes_complete folder)");
    return;
  }
  const source = loadSource(args.source);
  const { catalogue } = source;
  const split = splitPlaylists(source.playlists.length, args.holdout, args.seed);
  const artistOf = (id: number) => artistKeyOf(catalogue.songs.get(id)?.artist ?? "");
  const { kept, report: filterReport } = filterPlaylists(
    split.train.map((i) => source.playlists[i]),
    artistOf,
    { maxLength: args.maxLength, maxArtistShare: args.maxArtistShare, minLength: 2 },
  );
  const vocab = buildVocabulary(kept, args.minCount);
  const sentences = toSentences(kept, vocab);
  const tokens = sentences.reduce((s, x) => s + x.length, 0);
  const settings: Word2VecSettings = word2vecSettings({ mode: args.mode, dims: args.dims, window: args.window, epochs: args.epochs, subsample: args.subsample, negative: args.negative, learningRate: args.lr, initRange: args.initRange, seed: args.seed });
  console.log(
    `radio: ${split.heldOut.length} held-out playlists; training ${filterReport.kept} playlists (${filterReport.tooLong} too long, ${filterReport.oneArtist} one-artist dropped), ${vocab.ids.length} songs, ${tokens} tokens`,
  );
  console.log(
    `  ${settings.mode}, ${settings.dims} dims, window ${settings.window}, min_count ${args.minCount}, negative ${settings.negative}, sample ${settings.subsample}, ${settings.epochs} epochs, lr ${settings.learningRate} -> ${settings.minLearningRate}, ${args.threads} thread(s)`,
  );
  const songs = vocab.ids.map((id) => ({ id, artistKey: artistKeyOf(catalogue.songs.get(id)!.artist) }));
  const heldOut = split.heldOut.map((i) => source.playlists[i]);
  const popularOrder = vocab.ids.map((_, r) => r);
  const evaluate = (vectors: Float32Array) =>
    evaluateStations({ vectors: shippedVectors(vectors, args.dims, args.centre), dims: args.dims, songs, index: vocab.index }, heldOut, popularOrder, { seed: args.seed });

  const rows: Row[] = [];
  // Each trainer runs once per training seed (seed, seed + 1, ...; the held-out split stays
  // the seed's): the row holds the mean metrics and times, and the spread of precision@50.
  const seeds = Array.from({ length: Math.max(1, args.seeds) }, (_, i) => args.seed + i);
  const summarise = (name: string, runs: { seconds: number; cpuSeconds: number; report: EvalReport }[]): Row => {
    const mean = (f: (r: (typeof runs)[number]) => number) => runs.reduce((s, r) => s + f(r), 0) / runs.length;
    const precisions = runs.map((r) => r.report.precisionAt50);
    return {
      name,
      seconds: mean((r) => r.seconds),
      cpuSeconds: mean((r) => r.cpuSeconds),
      report: { ...runs[0].report, hitRateAt10: mean((r) => r.report.hitRateAt10), precisionAt50: mean((r) => r.report.precisionAt50) },
      precisionRange: [Math.min(...precisions), Math.max(...precisions)],
    };
  };
  const ours = async (threads: number, label: string) => {
    const runs: { seconds: number; cpuSeconds: number; report: EvalReport }[] = [];
    for (const seed of seeds) {
      const result = await trainWord2VecThreads(sentences, vocab.ids.length, { ...settings, seed, threads });
      runs.push({ seconds: result.seconds, cpuSeconds: result.cpuSeconds, report: evaluate(result.model.rowVectors) });
      if (args.inOut) rows.push({ name: `${label}, in+out vectors, seed ${seed}`, seconds: null, cpuSeconds: null, report: evaluate(songVectors(result.model, "in+out")) });
    }
    const row = summarise(label, runs);
    rows.push(row);
    return row;
  };
  const mine = await ours(args.threads, `ours (${args.threads} thread${args.threads > 1 ? "s" : ""})`);
  if (args.threadsScan) for (const t of [1, 2].filter((t) => t !== args.threads)) await ours(t, `ours (${t} thread${t > 1 ? "s" : ""})`);

  let gensim: Row | null = null;
  const version = args.skipGensim ? null : gensimAvailable();
  if (!version) console.log(args.skipGensim ? "  gensim: skipped (--skip-gensim)" : "  skipped: gensim not installed (apt-get install -y python3-gensim)");
  else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "radio-bench-"));
    try {
      const corpusFile = path.join(dir, "corpus.txt");
      fs.writeFileSync(corpusFile, `${sentences.map((s) => Array.from(s).join(" ")).join("\n")}\n`);
      const vectorsFile = path.join(dir, "vectors.f32");
      const runs: { seconds: number; cpuSeconds: number; report: EvalReport }[] = [];
      for (const seed of seeds) {
        const payload = JSON.stringify({ ...settings, seed, vocab: vocab.ids.length, threads: args.threads });
        const out = execFileSync(PYTHON, [GENSIM_SCRIPT, corpusFile, vectorsFile, payload], { encoding: "utf8", maxBuffer: 1 << 20 });
        const { seconds, cpuSeconds } = JSON.parse(out.trim().split("\n").pop()!) as { seconds: number; cpuSeconds: number };
        const buf = fs.readFileSync(vectorsFile);
        runs.push({ seconds, cpuSeconds, report: evaluate(new Float32Array(buf.buffer, buf.byteOffset, buf.length / 4).slice()) });
      }
      gensim = summarise(`gensim ${version} (${args.threads} worker${args.threads > 1 ? "s" : ""})`, runs);
      rows.push(gensim);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  rows.push({ name: "most popular (baseline)", seconds: null, cpuSeconds: null, report: { ...mine.report, hitRateAt10: mine.report.popularityHitRateAt10, precisionAt50: mine.report.popularityPrecisionAt50 } });

  let batched: { seconds: number; pairs: number } | null = null;
  if (args.batched && args.mode === "skip-gram") {
    const source = skipGramPairs(sentences, vocab.ids.length, { window: args.window, subsample: args.subsample, seed: args.seed });
    const r = trainEmbedding(source, vocab.ids.length, vocab.ids.length, { ...WORD2VEC_OPTIONS, dims: args.dims, epochs: 1, negativeRatio: args.negative, seed: args.seed });
    batched = { seconds: r.seconds, pairs: r.history[0].samples };
  }

  const r0 = mine.report;
  console.log(`  held out: ${r0.playlists} playlists, ${r0.nextSongQueries} next-song queries, ${r0.stations} stations (first 5 songs as seeds, 50 songs, <= 2 per artist)`);
  console.log(`  ${"".padEnd(34)} ${"wall s".padStart(7)} ${"vs gensim".padStart(9)} ${"CPU s".padStart(7)} ${"vs gensim".padStart(9)}  ${"hit@10".padStart(7)}  ${"prec@50".padStart(7)}  ${"vs gensim".padStart(9)}`);
  const ratio = (a: number | null, b: number | null | undefined, digits = 2) => (a !== null && b ? `x${(a / b).toFixed(digits)}` : "");
  for (const row of rows) {
    console.log(
      `  ${row.name.padEnd(34)} ${(row.seconds === null ? "-" : row.seconds.toFixed(1)).padStart(7)} ${ratio(row.seconds, gensim?.seconds).padStart(9)} ${(row.cpuSeconds === null ? "-" : row.cpuSeconds.toFixed(1)).padStart(7)} ${ratio(row.cpuSeconds, gensim?.cpuSeconds).padStart(9)}  ${f4(row.report.hitRateAt10).padStart(7)}  ${f4(row.report.precisionAt50).padStart(7)}  ${ratio(row.report.precisionAt50, gensim?.report.precisionAt50, 3).padStart(9)}${row.precisionRange && seeds.length > 1 ? `  (${f4(row.precisionRange[0])}..${f4(row.precisionRange[1])} over ${seeds.length} seeds)` : ""}`,
    );
  }
  if (batched) {
    const perEpoch = mine.seconds! / args.epochs;
    console.log(`  batched pair trainer (skipGramPairs + trainEmbedding, 1 thread): ${batched.seconds.toFixed(1)} s for 1 epoch vs ours ${perEpoch.toFixed(1)} s/epoch on ${args.threads} thread(s)`);
  }
  if (args.save) {
    const saved = { settings: { ...settings, minCount: args.minCount, threads: args.threads, maxLength: args.maxLength, maxArtistShare: args.maxArtistShare }, corpus: { heldOut: split.heldOut.length, training: filterReport.kept, songs: vocab.ids.length, tokens }, rows, batched, at: new Date().toISOString() };
    fs.writeFileSync(args.save, `${JSON.stringify(saved, null, 1)}\n`);
  }
}
