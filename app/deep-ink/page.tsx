import type { Metadata } from "next";
import { DeepInk } from "@/components/deep-ink/DeepInk";
import { deepInkCatalog } from "@/lib/deep-ink/server/catalog";
import "./deep-ink.css";

export const metadata: Metadata = {
  title: "Deep Ink",
  description: "An image classifier draws by flipping pixels between black and white until one of its channels lights up.",
};

// Read at request time, so a rebuilt gallery (npm run deep-ink:gallery) shows without a new build.
export const dynamic = "force-dynamic";

/** Deep Ink: the drawing runs in a web worker; the server only hands over the labels and the gallery. */
export default function DeepInkPage() {
  const { labels, gallery } = deepInkCatalog();
  return (
    <article className="ink-page">
      <header className="intro">
        <h1>Deep Ink</h1>
        <p>
          Like Deep Dream, but the network may only flip pixels between black and white. It starts from a white picture with
          a small blob of ink in the middle and, step by step, flips the pixels that most raise one channel of one layer of
          an image classifier (MobileNet). The ink spreads from the blob into patterns. Pick a layer and a channel, or an
          ImageNet class, and press Draw.
        </p>
      </header>

      <DeepInk labels={labels} gallery={gallery} />

      <section className="ink-section" aria-labelledby="ink-method">
        <h2 id="ink-method">How it works</h2>
        <p>
          Each step runs MobileNet v1 on the current black-and-white picture up to the chosen layer and asks, through the
          gradient, how the chosen channel&rsquo;s mean activation would change if each pixel got darker or lighter. A white
          pixel whose gradient says &ldquo;darker helps&rdquo; turns black, a black pixel whose gradient says &ldquo;lighter
          helps&rdquo; turns white: the few dozen with the largest expected gain per step. Only pixels on the ink&rsquo;s edge
          may flip (unless you tick &ldquo;flip anywhere&rdquo;): the network pads every layer with zeros, so its strongest
          wishes sit at the picture&rsquo;s border and it would otherwise draw a frame rather than grow the blob. A pixel
          that just flipped rests for a few steps (&ldquo;rest after a flip&rdquo;): the gradient is only a first-order
          guess, and without the rest many pixels flip straight back and the ink barely spreads.
        </p>
        <p>
          &ldquo;Black&rdquo; and &ldquo;white&rdquo; are the grey levels the network sees. Kept close together (the default is
          100 and 128 out of 255), the gradient stays smooth and the drawing low-frequency; further apart, finer patterns creep
          in. Activating a class score rarely draws the class: the network sees its own textures, not ours. The model runs in a
          web worker on WebGL when your browser has it, else on the CPU (slower: a few steps per second at 112&times;112).
        </p>
        <p className="ink-credit">
          After Douwe Osinga, &ldquo;Deep Ink: Machine Learning fantasies in black and white&rdquo; (2017). Model: MobileNet v1
          0.75/224, Google (Apache 2.0). Batch runs: <code>npm run deep-ink -- --layer=conv_pw_5_relu --channel=10 --out=run.gif</code>.
        </p>
      </section>
    </article>
  );
}
