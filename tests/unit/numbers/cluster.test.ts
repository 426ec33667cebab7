import { describe, expect, it } from "vitest";

import { SINGLE_LANGUAGE_FACTOR, buildLanguageTree, treeLeafOrder } from "@/lib/numbers/core/cluster";

/** distances[i][j][k] from a list of "A-B": [per-number distances]. */
function distancesFor(names: string[], pairs: Record<string, number[]>): number[][][] {
  const numberCount = Object.values(pairs)[0].length;
  return names.map((a) =>
    names.map((b) => {
      if (a === b) return new Array<number>(numberCount).fill(0);
      const found = pairs[`${a}-${b}`] ?? pairs[`${b}-${a}`];
      if (!found) throw new Error(`no distance for ${a}-${b}`);
      return found;
    }),
  );
}

const leaf = (name: string) => ({ name });

describe("buildLanguageTree", () => {
  it("adds a single language to a group flat", () => {
    const names = ["A", "B", "C", "D"];
    const distances = distancesFor(names, {
      "A-B": [1],
      "A-C": [2],
      "B-C": [2],
      "A-D": [10],
      "B-D": [10],
      "C-D": [10],
    });
    expect(buildLanguageTree(names, distances)).toEqual({ children: [leaf("A"), leaf("B"), leaf("C"), leaf("D")] });
  });

  it("joins two single languages, and two groups, into a new group", () => {
    const names = ["A", "B", "C", "D"];
    // After {A, B}: the group is 3 from C (x 0.65 = 1.95) while C-D is 4
    // (x 0.65 x 0.65 = 1.69), so C and D pair up although C is nearer to A.
    const distances = distancesFor(names, {
      "A-B": [1],
      "A-C": [3],
      "B-C": [5],
      "A-D": [10],
      "B-D": [10],
      "C-D": [4],
    });
    const tree = buildLanguageTree(names, distances);
    expect(tree).toEqual({
      children: [{ children: [leaf("C"), leaf("D")] }, { children: [leaf("A"), leaf("B")] }],
    });
    expect(treeLeafOrder(tree)).toEqual(["C", "D", "A", "B"]);
  });

  it("applies the 0.65 factor once per single-language side", () => {
    expect(SINGLE_LANGUAGE_FACTOR).toBe(0.65);
    const names = ["A", "B", "C", "D"];
    // Group {A, B} to C is 2.9 * 0.65 = 1.885; C-D is 4.4 * 0.4225 = 1.859:
    // C-D wins only because both of its sides are single languages.
    const pairUp = distancesFor(names, { "A-B": [1], "A-C": [2.9], "B-C": [2.9], "A-D": [10], "B-D": [10], "C-D": [4.4] });
    expect(treeLeafOrder(buildLanguageTree(names, pairUp))).toEqual(["C", "D", "A", "B"]);
    // With C-D at 4.5 (1.901), the group takes C in first.
    const joinGroup = distancesFor(names, { "A-B": [1], "A-C": [2.9], "B-C": [2.9], "A-D": [10], "B-D": [10], "C-D": [4.5] });
    expect(buildLanguageTree(names, joinGroup)).toEqual({ children: [leaf("A"), leaf("B"), leaf("C"), leaf("D")] });
  });

  it("sums, over the numbers, the closest members for each number separately", () => {
    const names = ["A", "B", "C", "D"];
    // C is close to A for number 1 and to B for number 2: group {A, B} to C
    // is 0 + 0, so C joins before D (group distance 3 + 3). Taking the
    // closest member overall (9) would have let D in first.
    const distances = distancesFor(names, {
      "A-B": [1, 1],
      "A-C": [0, 9],
      "B-C": [9, 0],
      "A-D": [3, 3],
      "B-D": [3, 3],
      "C-D": [6, 6],
    });
    expect(treeLeafOrder(buildLanguageTree(names, distances))).toEqual(["A", "B", "C", "D"]);
  });

  it("breaks ties by list order", () => {
    const names = ["A", "B", "C"];
    const distances = distancesFor(names, { "A-B": [1], "A-C": [1], "B-C": [1] });
    expect(buildLanguageTree(names, distances)).toEqual({ children: [leaf("A"), leaf("B"), leaf("C")] });
  });

  it("handles one and no languages", () => {
    expect(buildLanguageTree(["A"], [[[0]]])).toEqual({ name: "A" });
    expect(buildLanguageTree([], [])).toEqual({ children: [] });
  });
});

describe("treeLeafOrder", () => {
  it("lists leaves left to right", () => {
    expect(treeLeafOrder({ children: [{ children: [leaf("x"), leaf("y")] }, leaf("z")] })).toEqual(["x", "y", "z"]);
    expect(treeLeafOrder(leaf("solo"))).toEqual(["solo"]);
  });
});
