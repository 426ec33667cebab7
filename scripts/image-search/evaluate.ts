/**
 * Quality numbers for the reverse-image-search index, with exact cosine brute force
 * over the stored (dequantised) vectors:
 *   npx tsx scripts/image-search/evaluate.ts [data/image-search]
 * - precision@1/5/10 (same class) of held-out "query" photos against the "index" set
 * - top-1 cosine similarity of in-collection queries vs BACKGROUND_Google queries,
 *   and the threshold that separates them best (for a "no good match" answer).
 * Prints markdown.
 */
import path from "node:path";
import { loadImageIndex } from "@/lib/image-search/server/load";
import { normaliseRows } from "@/lib/ml/vectors";
import { percentile } from "@/lib/ml/metrics";
import { knn, type Neighbour } from "./knn";

const K = 10;

function main() {
  return loadImageIndex(path.resolve(process.argv[2] ?? "data/image-search")).then((index) => {
    const { photos, vectors, dim } = index;
    const normed = normaliseRows(vectors, dim);
    const idx = photos.flatMap((p, i) => (p.split === "index" ? [i] : []));
    const queries = photos.flatMap((p, i) => (p.split === "query" ? [i] : []));
    const background = photos.flatMap((p, i) => (p.split === "background" ? [i] : []));
    const t0 = performance.now();
    const qn = knn(normed, dim, queries, idx, K);
    const bn = knn(normed, dim, background, idx, K);
    const ms = performance.now() - t0;

    const merged = (label: string) => (label === "Faces_easy" ? "Faces" : label);
    const precision = (lists: Neighbour[][], rows: number[], k: number, same: (a: string, b: string) => boolean) => {
      let hit = 0;
      lists.forEach((l, i) => {
        for (const n of l.slice(0, k)) if (same(photos[rows[i]].label, photos[n.row].label)) hit++;
      });
      return hit / (lists.length * k);
    };
    const exact = (a: string, b: string) => a === b;
    const twin = (a: string, b: string) => merged(a) === merged(b);

    console.log(`## Quality (exact cosine, ${queries.length} held-out queries + ${background.length} background vs ${idx.length} indexed; ${ms.toFixed(0)} ms)\n`);
    console.log("| | P@1 | P@5 | P@10 |");
    console.log("|---|---|---|---|");
    for (const [name, same] of [
      ["same class", exact],
      ["same class, Faces = Faces_easy", twin],
    ] as const) {
      console.log(`| ${name} | ${[1, 5, 10].map((k) => precision(qn, queries, k, same).toFixed(3)).join(" | ")} |`);
    }

    // per class P@10
    const perClass = new Map<string, { hit: number; n: number }>();
    qn.forEach((l, i) => {
      const label = photos[queries[i]].label;
      const c = perClass.get(label) ?? { hit: 0, n: 0 };
      c.n += K;
      for (const n of l) if (photos[n.row].label === label) c.hit++;
      perClass.set(label, c);
    });
    const ranked = [...perClass.entries()].map(([l, c]) => [l, c.hit / c.n] as const).sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
    console.log(`\nWorst classes by P@10: ${ranked.slice(0, 8).map(([l, p]) => `${l} ${p.toFixed(2)}`).join(", ")}`);
    console.log(`Classes with P@10 = 1: ${ranked.filter(([, p]) => p === 1).length} of ${ranked.length}`);

    // top-1 similarity distributions
    const top1 = (lists: Neighbour[][]) => lists.map((l) => l[0].sim).sort((a, b) => a - b);
    const inCol = top1(qn);
    const correct = qn.filter((l, i) => twin(photos[queries[i]].label, photos[l[0].row].label)).map((l) => l[0].sim).sort((a, b) => a - b);
    const wrong = qn.filter((l, i) => !twin(photos[queries[i]].label, photos[l[0].row].label)).map((l) => l[0].sim).sort((a, b) => a - b);
    const bg = top1(bn);
    const ps = [0, 5, 10, 25, 50, 75, 90, 95, 100];
    console.log(`\n### Top-1 cosine similarity\n`);
    console.log(`| queries | n | mean | ${ps.map((p) => (p === 0 ? "min" : p === 100 ? "max" : `p${p}`)).join(" | ")} |`);
    console.log(`|---|---|---|${ps.map(() => "---").join("|")}|`);
    for (const [name, xs] of [
      ["in-collection (held-out class photos)", inCol],
      ["... whose top-1 is the right class", correct],
      ["... whose top-1 is a wrong class", wrong],
      ["BACKGROUND_Google (no match expected)", bg],
    ] as const) {
      const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
      console.log(`| ${name} | ${xs.length} | ${mean.toFixed(3)} | ${ps.map((p) => percentile(xs, p / 100, "rounded-index").toFixed(3)).join(" | ")} |`);
    }

    // threshold: answer "no match" when top-1 similarity < t
    let best = { t: 0, bal: 0, inKept: 0, bgRejected: 0 };
    const rows: string[] = [];
    for (let t = 0.4; t <= 0.951; t += 0.05) {
      const inKept = inCol.filter((s) => s >= t).length / inCol.length;
      const bgRej = bg.filter((s) => s < t).length / bg.length;
      const correctKept = correct.filter((s) => s >= t).length / correct.length;
      const wrongRej = wrong.filter((s) => s < t).length / Math.max(1, wrong.length);
      rows.push(`| ${t.toFixed(2)} | ${(100 * inKept).toFixed(1)}% | ${(100 * correctKept).toFixed(1)}% | ${(100 * wrongRej).toFixed(1)}% | ${(100 * bgRej).toFixed(1)}% |`);
    }
    for (let t = 0.3; t <= 0.95; t += 0.005) {
      const inKept = inCol.filter((s) => s >= t).length / inCol.length;
      const bgRej = bg.filter((s) => s < t).length / bg.length;
      const bal = (inKept + bgRej) / 2;
      if (bal > best.bal) best = { t, bal, inKept, bgRejected: bgRej };
    }
    // ROC AUC in-collection vs background by top-1 similarity
    let auc = 0;
    for (const s of inCol) for (const b of bg) auc += s > b ? 1 : s === b ? 0.5 : 0;
    auc /= inCol.length * bg.length;
    console.log(`\n### "No match" threshold on top-1 similarity\n`);
    console.log(`| t | in-collection kept | right-class top-1 kept | wrong-class top-1 rejected | background rejected |`);
    console.log(`|---|---|---|---|---|`);
    for (const r of rows) console.log(r);
    console.log(
      `\nROC AUC (in-collection vs background, top-1 similarity): ${auc.toFixed(3)}. ` +
        `Best balanced accuracy ${(100 * best.bal).toFixed(1)}% at t = ${best.t.toFixed(3)} ` +
        `(keeps ${(100 * best.inKept).toFixed(1)}% of in-collection queries, rejects ${(100 * best.bgRejected).toFixed(1)}% of background).`,
    );
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
