import type { Metadata } from "next";
import { DistancePlayground } from "@/components/numbers/DistancePlayground";
import { NumbersExplorer } from "@/components/numbers/NumbersExplorer";
import { UniversalNumbers } from "@/components/numbers/UniversalNumbers";
import { getDatabase } from "@/lib/server/database";
import { loadNumbersPageData } from "@/lib/numbers/server/page-data";
import "./numbers.css";

export const metadata: Metadata = {
  title: "Universal numbers",
  description: "The words for one to ten in 75 languages, compared by a sound-aware edit distance.",
};
export const dynamic = "force-dynamic";

/** Universal numbers: everything was computed at seed time; this page only reads it. */
export default async function NumbersPage() {
  const db = await getDatabase();
  const data = await loadNumbersPageData(db);
  const count = data.languages.length;
  return (
    <article className="nums-page">
      <header className="intro">
        <h1>Universal numbers</h1>
        <p>
          If you had to pick one word for each number from one to ten that people everywhere would understand best, which
          would it be? Comparing the words for one to ten in {count} languages gives an answer, a map of how alike the
          languages count, and a family tree built from numbers alone.
        </p>
      </header>

      <UniversalNumbers universal={data.universal} languageCount={count} />

      <section className="nums-section nums-method" aria-labelledby="nums-method">
        <h2 id="nums-method">How it is computed</h2>
        <p>
          The words come from the &ldquo;Numbers&rdquo; sections of Wikivoyage phrasebooks, usually as the pronunciation
          guide, so the comparison is about sound rather than spelling. Each word is transliterated and reduced to the
          letters a&ndash;z, then two words are compared with an edit distance whose costs follow sound: an{" "}
          <i>h</i>, a doubled letter or a vowel next to another vowel cost almost nothing, swapping letters that sound
          alike (<i>d</i>/<i>t</i>, <i>v</i>/<i>f</i>, <i>c</i>/<i>s</i>) costs 0.4, any other swap 1.8.
        </p>
        <p>
          For each number, the universal word is the one with the smallest sum of squared distances to that number in all
          the other languages. Two languages score the mean over the ten numbers of (10&nbsp;/&nbsp;(10&nbsp;+&nbsp;d))
          <sup>1.5</sup>, 1 for identical words; the tree joins the closest languages and groups first. One
          &ldquo;language&rdquo;, Goudy, is a Wikivoyage joke article; the original method kept it, and so does this page.
        </p>
        <p className="nums-credit">
          After Douwe Osinga, &ldquo;Calculating the set of universal numbers&rdquo; (2017). Number words:{" "}
          <a href="https://en.wikivoyage.org/">Wikivoyage</a> contributors,{" "}
          <a href="https://creativecommons.org/licenses/by-sa/3.0/">CC BY-SA 3.0</a>.
        </p>
      </section>

      <DistancePlayground />

      <NumbersExplorer languages={data.languages} universal={data.universal} heatmap={data.heatmap} tree={data.tree} />
    </article>
  );
}
