import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { classesMatching, humanClassName, labelMatchesClass, withArticle } from "@/lib/image-search/core/classNames";

describe("human class names", () => {
  it("singular, lower case, spaces, clutter and faces by name", () => {
    expect(humanClassName("airplanes")).toBe("airplane");
    expect(humanClassName("Motorbikes")).toBe("motorbike");
    expect(humanClassName("Leopards")).toBe("leopard");
    expect(humanClassName("Faces")).toBe("face");
    expect(humanClassName("Faces_easy")).toBe("face");
    expect(humanClassName("BACKGROUND_Google")).toBe("background clutter");
    expect(humanClassName("soccer_ball")).toBe("soccer ball");
    expect(humanClassName("water_lilly")).toBe("water lily");
    expect(humanClassName("car_side")).toBe("car (side view)");
    expect(humanClassName("dalmatian")).toBe("dalmatian");
  });

  it("leaves no folder-name look in any of the collection's classes", () => {
    const photos = JSON.parse(fs.readFileSync(path.resolve("data/image-search/photos.json"), "utf8")).photos as { label: string }[];
    const names = [...new Set(photos.map((p) => p.label))].map(humanClassName);
    expect(names.length).toBeGreaterThan(100);
    for (const name of names) {
      expect(name).not.toMatch(/_/);
      expect(name).not.toMatch(/^[A-Z]{2}/);
    }
  });

  it("picks a or an, and none for clutter and names", () => {
    expect(withArticle("airplane")).toBe("an airplane");
    expect(withArticle("dalmatian")).toBe("a dalmatian");
    expect(withArticle("euphonium")).toBe("a euphonium");
    expect(withArticle("ewer")).toBe("a ewer");
    expect(withArticle("umbrella")).toBe("an umbrella");
    expect(withArticle("background clutter")).toBe("background clutter");
    expect(withArticle("Snoopy")).toBe("Snoopy");
    expect(withArticle("scissors")).toBe("scissors");
  });
});

describe("ImageNet labels and collection classes", () => {
  const classes = ["chair", "windsor_chair", "wheelchair", "soccer_ball", "Leopards", "flamingo_head", "car_side", "cougar_face", "gramophone"];
  it("matches by head noun or whole name", () => {
    expect(classesMatching("rocking chair", classes)).toEqual(["chair", "windsor_chair"]);
    expect(classesMatching("soccer ball", classes)).toEqual(["soccer_ball"]);
    expect(classesMatching("leopard", classes)).toEqual(["Leopards"]);
    expect(classesMatching("flamingo", classes)).toEqual(["flamingo_head"]);
    expect(classesMatching("sports car", classes)).toEqual(["car_side"]);
    expect(classesMatching("cougar", classes)).toEqual(["cougar_face"]);
  });
  it("does not match on generic words or unrelated labels", () => {
    expect(labelMatchesClass("side table", "car_side")).toBe(false);
    expect(labelMatchesClass("face powder", "cougar_face")).toBe(false);
    expect(classesMatching("daisy", classes)).toEqual([]);
    expect(classesMatching("", classes)).toEqual([]);
  });
});
