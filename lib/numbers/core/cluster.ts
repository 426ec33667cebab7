// Step 6 of the method: an agglomerative language tree (build_tree.py in the
// original). Two groups are as far apart as the sum, over the numbers, of the
// closest pair of members for that number; each side that is a single
// language has that distance multiplied by 0.65 so single languages are taken
// in before groups merge with each other.

import type { NumbersTreeNode } from "./types";

/** Factor applied once per side that is a single language. */
export const SINGLE_LANGUAGE_FACTOR = 0.65;

interface Cluster {
  id: number;
  /** A single language (leaf) or a group. */
  leaf: boolean;
  node: NumbersTreeNode;
}

/**
 * Cluster languages into a tree.
 *
 * @param names     languages in processing order (sets the order of ties)
 * @param distances distances[i][j][k] = distance between languages i and j for
 *                  number k (symmetric; any count of numbers)
 *
 * Always joins the closest pair (the first one found on ties, scanning pairs
 * in list order). A group joined with a single language takes it in as one
 * more child (flat); any other join makes a new group of the two. The joined
 * cluster goes to the front of the list, as in the original.
 */
export function buildLanguageTree(names: readonly string[], distances: readonly (readonly (readonly number[])[])[]): NumbersTreeNode {
  const count = names.length;
  if (count === 0) return { children: [] };
  const numberCount = count > 1 ? distances[0][1].length : 0;
  const maxClusters = 2 * count;

  // Per number, the smallest distance between any member of cluster x and any
  // member of cluster y, kept up to date on every join: after joining a and b,
  // min(ab, x) = min(min(a, x), min(b, x)), the same as recomputing it.
  const closest: Float64Array[] = [];
  const at = (x: number, y: number) => x * maxClusters + y;
  for (let k = 0; k < numberCount; k++) closest.push(new Float64Array(maxClusters * maxClusters));
  for (let i = 0; i < count; i++) {
    for (let j = 0; j < count; j++) {
      if (i === j) continue;
      for (let k = 0; k < numberCount; k++) closest[k][at(i, j)] = distances[i][j][k];
    }
  }

  let clusters: Cluster[] = names.map((name, id) => ({ id, leaf: true, node: { name } }));
  let nextId = count;

  while (clusters.length > 1) {
    let best = Infinity;
    let bestFirst = 0;
    let bestSecond = 1;
    for (let i = 0; i < clusters.length; i++) {
      for (let j = i + 1; j < clusters.length; j++) {
        const x = clusters[i];
        const y = clusters[j];
        let distance = 0;
        for (let k = 0; k < numberCount; k++) distance += closest[k][at(x.id, y.id)];
        if (x.leaf) distance *= SINGLE_LANGUAGE_FACTOR;
        if (y.leaf) distance *= SINGLE_LANGUAGE_FACTOR;
        if (distance < best) {
          best = distance;
          bestFirst = i;
          bestSecond = j;
        }
      }
    }

    const first = clusters[bestFirst];
    const second = clusters[bestSecond];
    let node: NumbersTreeNode;
    if (!first.leaf && second.leaf) node = { children: [...first.node.children!, second.node] };
    else if (first.leaf && !second.leaf) node = { children: [...second.node.children!, first.node] };
    else node = { children: [first.node, second.node] };

    const joined: Cluster = { id: nextId++, leaf: false, node };
    const rest = clusters.filter((_, index) => index !== bestFirst && index !== bestSecond);
    for (const other of rest) {
      for (let k = 0; k < numberCount; k++) {
        const table = closest[k];
        const value = Math.min(table[at(first.id, other.id)], table[at(second.id, other.id)]);
        table[at(joined.id, other.id)] = value;
        table[at(other.id, joined.id)] = value;
      }
    }
    clusters = [joined, ...rest];
  }
  return clusters[0].node;
}

/** Leaf names from left to right. */
export function treeLeafOrder(tree: NumbersTreeNode): string[] {
  const order: string[] = [];
  const visit = (node: NumbersTreeNode) => {
    if (node.name !== undefined) order.push(node.name);
    for (const child of node.children ?? []) visit(child);
  };
  visit(tree);
  return order;
}
