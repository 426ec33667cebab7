import type { Metadata } from "next";
import { BruteForceSection } from "@/components/draw/brute/BruteForceSection";
import { HieroglyphGenerator } from "@/components/draw/HieroglyphGenerator";
import { IconGenerator } from "@/components/draw/IconGenerator";
import { LossCurves } from "@/components/draw/LossCurves";
import { ModelQualityTable } from "@/components/draw/ModelQualityTable";
import { drawModelQuality, drawModelSummaries } from "@/lib/draw/server/catalog";
import "./draw.css";

export const metadata: Metadata = {
  title: "Learning to draw",
  description: "Brute-forced icons, an icon-drawing LSTM and generated hieroglyphs on a stela.",
};

// Read at request time, so retrained models (npm run draw:train) show without a new build.
export const dynamic = "force-dynamic";

/** Learning to draw: the sampling runs in a web worker; the server hands over the models' loss histories. */
export default function DrawPage() {
  const models = drawModelSummaries();
  const trained = models.filter((m) => m.trained);
  const iconModels = trained.filter((m) => m.name !== "glyphs").map((m) => m.name);
  return (
    <article className="draw-page">
      <header className="intro">
        <h1>Learning to draw</h1>
        <p>
          Three ways to make a computer draw black-and-white icons: try every tiny picture on an image classifier, train a
          recurrent network on thousands of real icons, and train the same network on Egyptian hieroglyphs.
        </p>
      </header>

      <BruteForceSection />

      <section className="draw-section" aria-labelledby="draw-icons">
        <h2 id="draw-icons">Icons from an LSTM</h2>
        <p>
          {countText(models, "icons8")} An LSTM (2 layers; units per model in the table below) reads an icon as a sequence
          of tokens and learns to predict the next one. At 8x8 a token is the position of the next black pixel (64 positions and
          an end); at 32x32 it is the x of the next black pixel on the current line, an end-of-line, or the end of the icon.
          At 32x32 the network is also told its row, the row above and how many rows are left before the drawing is
          centred. Drawing is sampling one token at a time (never a token less than 1% as likely as the likeliest); a
          sample that breaks the encoding (a pixel out of order, no end) is rejected and counted.
        </p>
        <IconGenerator available={iconModels} />
        <h3>Training</h3>
        <LossCurves models={trained.map((m) => ({ name: m.name, history: m.history, unigram: m.unigram, train: m.train }))} />
        <table className="draw-table">
          <thead>
            <tr>
              <th>model</th>
              <th>units</th>
              <th>train / validation</th>
              <th>validation loss</th>
              <th>unigram baseline</th>
              <th>trained</th>
            </tr>
          </thead>
          <tbody>
            {trained.map((m) => (
              <tr key={m.name}>
                <td>{m.name}</td>
                <td>2 x {m.units}</td>
                <td>
                  {m.train} / {m.validation}
                </td>
                <td>{m.validationLoss?.toFixed(3) ?? "-"}</td>
                <td>{m.unigram?.toFixed(3) ?? "-"}</td>
                <td>{m.minutes} min</td>
              </tr>
            ))}
          </tbody>
        </table>
        <ModelQualityTable quality={drawModelQuality()} models={trained.map((m) => m.name)} />
      </section>

      <section className="draw-section" aria-labelledby="draw-glyphs">
        <h2 id="draw-glyphs">Hieroglyphs</h2>
        <p>
          The same network trained on {models.find((m) => m.name === "glyphs")?.train ?? 0} Egyptian hieroglyphs of the
          Aegyptus font, rendered at 32x32. The stela stacks them in columns, sets two side by side when both fit, fills an
          enclosed area around a glyph&rsquo;s middle with ochre, and inks them in browns. Below, the image classifier of
          the image-search demo says what it sees in each.
        </p>
        <HieroglyphGenerator trained={trained.some((m) => m.name === "glyphs")} />
      </section>

      <section className="draw-section" aria-labelledby="draw-method">
        <h2 id="draw-method">About</h2>
        <p className="draw-note">
          After Douwe Osinga, &ldquo;Learning to Draw: Generating Icons and Hieroglyphs&rdquo; (2017). Icons: tabler icons
          (outline) and Line Awesome by icons8, both MIT. Hieroglyphs: Aegyptus by George Douros (free for any use). API:{" "}
          <code>POST /api/draw/sample</code>, <code>POST /api/draw/stela</code>. Rebuild: <code>npm run draw:data</code>,{" "}
          <code>npm run draw:train -- icons8</code>.
        </p>
      </section>
    </article>
  );
}

function countText(models: ReturnType<typeof drawModelSummaries>, name: string): string {
  const m = models.find((x) => x.name === name);
  return m?.trained ? `Trained on ${m.train + m.validation} distinct icons from two open icon sets.` : "";
}
