// Song radio: word2vec over the Yes.com radio playlists -> data/radio/.
//
//   npm run radio:train -- [--source DIR] [--out data/radio] [--mode cbow|skip-gram] [--dims 30] [--window 10]
//                          [--min-count 4] [--epochs 1] [--subsample 1e-3] [--negative 5] [--lr X] [--init 2] [--seed 1]
//                          [--threads 2] [--vectors in|in+out] [--holdout 0.1] [--max-length N] [--max-artist-share F]
//                          [--map umap|pca] [--skip-tags] [--with-crawled]
//
// 1. parse and clean the data set (lib/radio/pipeline/parse.ts), merge duplicate ids;
// 2. hold out ~10% of the playlists (fixed by --seed), filter the rest (too long, one artist);
// 3. train word2vec (lib/ml/embedding/word2vec.ts; --threads > 1: Hogwild worker threads);
// 4. measure held-out next-song hit rate@10 and station precision@50 (lib/radio/core/station.ts);
// 5. per-tag logistic classifiers (held-out AUC), predicted tags, the 2-D map;
// 6. write songs.json, song-vectors.f16, tags.json, model.json, loss.json, loss.svg.
//
// --with-crawled: also train on the playlists `npm run radio:crawl` stored in the database.

import { fileURLToPath } from "node:url";

import { songVectors, type Word2VecEpoch } from "@/lib/ml/embedding/word2vec";
import { lossSvg } from "@/lib/ml/loss-plot";
import { trainWord2VecThreads } from "@/lib/ml/node/word2vec";
import type { RadioSong, RadioTagsFile } from "@/lib/radio/core/data-schema";
import { artistKeyOf } from "@/lib/radio/core/station";
import { RADIO_DEFAULTS } from "@/lib/radio/pipeline/settings";
import { buildVocabulary, filterPlaylists, loadSource, splitPlaylists, toSentences } from "@/lib/radio/pipeline/dataset";
import { evaluateStations, shippedVectors, type EvalReport } from "@/lib/radio/pipeline/evaluate";
import { RADIO_DATA_DIR, RADIO_FILES, writeAtomic, writeRadioData } from "@/lib/radio/pipeline/files";
import { songMap } from "@/lib/radio/pipeline/layout";
import { addCrawledPlaylists } from "@/lib/radio/pipeline/crawled";
import { predictTags, tagCounts, trainTagClassifiers, type TagClassifier } from "@/lib/radio/pipeline/tags";
import { consoleProgress, formatDuration } from "@/lib/progress";

const USAGE =
  "usage: npm run radio:train -- --source DIR [--out DIR] [--mode skip-gram|cbow] [--dims N] [--window N] [--min-count N] [--epochs N] [--subsample T] [--negative N] [--lr X] [--init R] [--seed N] [--threads N] [--vectors in|in+out] [--holdout F] [--max-length N] [--max-artist-share F] [--centre|--no-centre] [--map umap|pca] [--skip-tags] [--with-crawled]";

/**
 * songs.json keeps a song's first 6 Last.fm tags (tag ids, and so the data set's lists, run
 * from the most common tag to the rarest; about 40% of the songs carry more, up to 77). The
 * classifiers and tags.json's counts use all of them. Keeps songs.json a few MB.
 */
export const MAX_TAGS_PER_SONG = 6;

/**
 * The tags the map colours by: ten distinct radio formats, each on 500+ songs with a
 * classifier AUC over 0.9 (the most common tags overlap - rock, classic rock, alternative
 * rock - or say nothing about the music - favorites, love, awesome). Colours: Tableau 10.
 */
export const MAP_TAGS = ["rock", "pop", "country", "jazz", "hip-hop", "rnb", "metal", "latin", "christian", "reggae"];
export const MAP_PALETTE = ["#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#e15759", "#ff9da7", "#79706e", "#edc948", "#76b7b2", "#9c755f"];

function parseArgs(argv: string[]) {
  const out = { ...RADIO_DEFAULTS, source: "", out: RADIO_DATA_DIR, map: "umap" as "umap" | "pca", skipTags: false, withCrawled: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => {
      const x = argv[++i];
      if (x === undefined) throw new Error(`${a} needs a value\n${USAGE}`);
      return x;
    };
    const num = () => {
      const x = Number(v());
      if (!Number.isFinite(x)) throw new Error(`${a} needs a number\n${USAGE}`);
      return x;
    };
    if (a === "--source") out.source = v();
    else if (a === "--out") out.out = v();
    else if (a === "--mode") {
      const m = v();
      if (m !== "skip-gram" && m !== "cbow") throw new Error(`--mode is skip-gram or cbow\n${USAGE}`);
      out.mode = m;
    } else if (a === "--dims") out.dims = num();
    else if (a === "--window") out.window = num();
    else if (a === "--min-count") out.minCount = num();
    else if (a === "--epochs") out.epochs = num();
    else if (a === "--subsample") out.subsample = num();
    else if (a === "--negative") out.negative = num();
    else if (a === "--lr") out.learningRate = num();
    else if (a === "--init") out.initRange = num();
    else if (a === "--seed") out.seed = num();
    else if (a === "--threads") out.threads = num();
    else if (a === "--vectors") {
      const m = v();
      if (m !== "in" && m !== "in+out") throw new Error(`--vectors is in or in+out\n${USAGE}`);
      out.vectors = m;
    }
    else if (a === "--holdout") out.holdout = num();
    else if (a === "--max-length") out.maxLength = num();
    else if (a === "--max-artist-share") out.maxArtistShare = num();
    else if (a === "--map") {
      const m = v();
      if (m !== "umap" && m !== "pca") throw new Error(`--map is umap or pca\n${USAGE}`);
      out.map = m;
    } else if (a === "--centre") out.centre = true;
    else if (a === "--no-centre") out.centre = false;
    else if (a === "--skip-tags") out.skipTags = true;
    else if (a === "--with-crawled") out.withCrawled = true;
    else if (a === "--help" || a === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown argument ${a}\n${USAGE}`);
  }
  if (!out.source) throw new Error(`--source DIR is required: the raw Yes.com folder (train.txt, song_hash.txt, tags.txt, tag_hash.txt)\n${USAGE}`);
  return out;
}

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

async function main(argv: string[]): Promise<void> {
  const args = parseArgs(argv);
  const t0 = Date.now();
  const source = loadSource(args.source);
  const { catalogue } = source;
  console.error(`[radio] ${source.rawSongs} song ids -> ${catalogue.songs.size} songs (${catalogue.merged} duplicate ids merged, ${catalogue.placeholders} placeholder ids "-"/MG_DELETED left out), ${source.playlists.length} playlists [${Date.now() - t0} ms]`);
  console.error(`[radio] apostrophes repaired: ${[...source.cleanLog.apostrophes].map(([a, b]) => `${a}->${b}`).join(", ")}; left alone: ${[...source.cleanLog.leftAlone].join(", ")}`);

  const split = splitPlaylists(source.playlists.length, args.holdout, args.seed);
  const artistOf = (id: number) => artistKeyOf(catalogue.songs.get(id)?.artist ?? "");
  const trainPlaylists = split.train.map((i) => source.playlists[i]);
  const { kept, report } = filterPlaylists(trainPlaylists, artistOf, { maxLength: args.maxLength, maxArtistShare: args.maxArtistShare, minLength: 2 });
  console.error(`[radio] ${split.heldOut.length} playlists held out; of ${trainPlaylists.length} training playlists kept ${report.kept} (too short ${report.tooShort}, longer than ${args.maxLength || "inf"} ${report.tooLong}, one artist > ${args.maxArtistShare} ${report.oneArtist})`);

  let crawled = { playlists: 0, newSongs: 0, songs: 0 };
  if (args.withCrawled) {
    const { getDatabase } = await import("@/lib/server/database");
    const { loadCrawledPlaylists } = await import("@/lib/radio/server/spotify");
    const db = await getDatabase();
    const lists = await loadCrawledPlaylists(db);
    const added = addCrawledPlaylists(catalogue, lists);
    kept.push(...added.playlists);
    crawled = { playlists: added.playlists.length, newSongs: added.newSongs, songs: added.songs };
    console.error(`[radio] + ${added.playlists.length} crawled playlists (${added.songs} songs, ${added.newSongs} not in the data set, ids from 1,000,000)`);
  }

  const vocab = buildVocabulary(kept, args.minCount);
  const sentences = toSentences(kept, vocab);
  const tokens = sentences.reduce((s, x) => s + x.length, 0);
  console.error(`[radio] vocabulary: ${vocab.ids.length} songs played >= ${args.minCount} times; ${sentences.length} sentences, ${tokens} tokens`);

  const bar = consoleProgress("word2vec", tokens * args.epochs);
  const result = await trainWord2VecThreads(
    sentences,
    vocab.ids.length,
    { mode: args.mode, dims: args.dims, window: args.window, epochs: args.epochs, subsample: args.subsample, negative: args.negative, learningRate: args.learningRate, initRange: args.initRange, seed: args.seed, threads: args.threads },
    {
      onProgress: (done) => bar.update(Math.min(done, tokens * args.epochs)),
      onEpoch: (e: Word2VecEpoch) =>
        console.error(`[radio] epoch ${e.epoch}/${args.epochs}  loss ${e.loss.toFixed(4)}  ${Math.round(e.itemsPerSecond).toLocaleString("en")} songs/s  ${e.seconds.toFixed(1)} s`),
    },
  );
  console.error(`[radio] trained ${args.mode} in ${result.seconds.toFixed(1)} s on ${args.threads} thread(s)`);
  const dims = args.dims;
  const unit = shippedVectors(songVectors(result.model, args.vectors), dims, args.centre);

  const songsOfRow = vocab.ids.map((id) => catalogue.songs.get(id)!);
  const evalSetup = { vectors: unit, dims, songs: songsOfRow.map((s) => ({ id: s.id, artistKey: artistKeyOf(s.artist) })), index: vocab.index };
  const popularOrder = vocab.ids.map((_, r) => r);
  const t1 = Date.now();
  const heldOut: EvalReport = evaluateStations(evalSetup, split.heldOut.map((i) => source.playlists[i]), popularOrder, { seed: args.seed });
  console.error(
    `[radio] held out (${heldOut.playlists} playlists): next-song hit rate@10 ${heldOut.hitRateAt10.toFixed(4)} (most popular ${heldOut.popularityHitRateAt10.toFixed(4)}), station precision@50 ${heldOut.precisionAt50.toFixed(4)} (most popular ${heldOut.popularityPrecisionAt50.toFixed(4)}) [${formatDuration((Date.now() - t1) / 1000)}]`,
  );

  // Tags: classifiers on the vocabulary songs' tags.
  const songTags = songsOfRow.map((s) => s.tags);
  let classifiers: TagClassifier[] = [];
  if (!args.skipTags) {
    let tagBar: ReturnType<typeof consoleProgress> | undefined;
    classifiers = trainTagClassifiers(unit, dims, songTags, {
      seed: args.seed,
      onTag: (done, total) => {
        tagBar ??= consoleProgress("tag classifiers", total);
        tagBar.update(done);
      },
    });
    const aucs = classifiers.map((c) => c.auc).sort((a, b) => a - b);
    if (aucs.length > 0) console.error(`[radio] ${classifiers.length} tag classifiers: held-out AUC median ${aucs[Math.floor(aucs.length / 2)].toFixed(3)}, min ${aucs[0].toFixed(3)}, max ${aucs[aucs.length - 1].toFixed(3)}`);
  }
  const byTag = new Map(classifiers.map((c) => [c.tag, c]));
  const counts = tagCounts(songTags);
  const tagsFile: RadioTagsFile = {
    tags: counts.map(([tag, songs]) => {
      const c = byTag.get(tag);
      const colourAt = MAP_TAGS.indexOf(tag);
      return { tag, songs, auc: c ? round(c.auc) : null, threshold: c ? round(c.threshold) : null, colour: colourAt >= 0 ? MAP_PALETTE[colourAt] : null };
    }),
  };

  const mapBar = consoleProgress(`map (${args.map})`, 100);
  const t2 = Date.now();
  const xy = songMap(unit, dims, { method: args.map, seed: args.seed, onProgress: (stage, done, total) => mapBar.update(Math.round((stage === "place" ? 80 : stage.endsWith("layout") ? 30 : 0) + (done / Math.max(1, total)) * (stage === "place" ? 20 : stage.endsWith("layout") ? 50 : 30))) });
  mapBar.update(100);
  console.error(`[radio] map (${args.map}) in ${formatDuration((Date.now() - t2) / 1000)}`);

  const songs: RadioSong[] = songsOfRow.map((s, r) => ({
    id: s.id,
    title: s.title,
    artist: s.artist,
    aliases: s.aliases,
    tags: s.tags.slice(0, MAX_TAGS_PER_SONG),
    // Untagged songs get up to 3 likely tags (tagged songs show their own; keeps songs.json small).
    predictedTags: classifiers.length > 0 && s.tags.length === 0 ? predictTags(classifiers, unit.subarray(r * dims, (r + 1) * dims), 3).map((p) => ({ tag: p.tag, p: round(p.p, 2) })) : [],
    plays: vocab.plays[r],
    x: round(xy[2 * r], 3),
    y: round(xy[2 * r + 1], 3),
  }));
  const bytes = writeRadioData(args.out, { dims, songs }, unit, tagsFile);

  const model = {
    version: 1,
    builtAt: new Date().toISOString(),
    source: "Yes.com playlists (Chen, Joachims et al., KDD 2012), yes_complete",
    word2vec: { ...result.settings, threads: args.threads, minCount: args.minCount, vectors: args.vectors, centred: args.centre },
    corpus: {
      songIds: source.rawSongs,
      songs: catalogue.songs.size,
      mergedIds: catalogue.merged,
      placeholderIds: catalogue.placeholders,
      playlists: source.playlists.length,
      heldOutPlaylists: split.heldOut.length,
      trainingPlaylists: trainPlaylists.length,
      filter: { maxLength: args.maxLength, maxArtistShare: args.maxArtistShare, minLength: 2, ...report },
      crawled,
      sentences: sentences.length,
      tokens,
      vocabulary: vocab.ids.length,
    },
    holdout: { share: args.holdout, seed: args.seed, rule: "playlist i is held out when the seed's i-th draw (createRng(seed).next()) < share", playlists: split.heldOut },
    training: { seconds: round(result.seconds, 2), history: result.history.map((h) => ({ epoch: h.epoch, loss: round(h.loss), pairs: h.pairs, seconds: round(h.seconds, 2) })) },
    heldOut,
    tags: classifiers.map((c) => ({ tag: c.tag, songs: c.songs, auc: round(c.auc), threshold: round(c.threshold), precision: round(c.precision), recall: round(c.recall) })),
    map: { method: args.map, ...(args.map === "umap" ? { sample: 6000, placement: "similarity-weighted mean of the 5 nearest sampled songs" } : {}) },
    files: bytes,
  };
  writeAtomic(args.out, RADIO_FILES.model, `${JSON.stringify(model, null, 1)}\n`);
  writeAtomic(args.out, RADIO_FILES.loss, `${JSON.stringify({ final: model.training.history })}\n`);
  writeAtomic(args.out, RADIO_FILES.lossSvg, lossSvg([{ name: `${args.mode} log loss (sampled)`, color: "#1f77b4", values: result.history.map((h) => h.loss) }], "word2vec loss per epoch (song radio)"));
  console.error(`[radio] wrote ${args.out}: songs.json ${(bytes.songsBytes / 1e6).toFixed(1)} MB, song-vectors.f16 ${(bytes.vectorBytes / 1e6).toFixed(1)} MB, tags.json ${(bytes.tagsBytes / 1e3).toFixed(0)} kB [${formatDuration((Date.now() - t0) / 1000)} in all]`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
