import { DemoCard } from "@/components/gallery/DemoCard";
import { demos } from "@/lib/demos";

export default function GalleryPage() {
  return (
    <>
      <section className="intro">
        <h1>Seven machine-learning demos from 2017, running</h1>
        <p>
          Each demo re-creates one of Douwe Osinga&apos;s experiments on real data with a real model, entirely on this
          machine: no downloads, no external services.
        </p>
      </section>
      <section className="gallery" aria-label="Demos">
        {demos.map((demo) => (
          <DemoCard key={demo.slug} demo={demo} />
        ))}
      </section>
    </>
  );
}
