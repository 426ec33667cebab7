import Link from "next/link";
import type { Demo } from "@/lib/demos";
import { DemoPicture } from "./DemoPicture";

/** One demo in the gallery: a live demo links to its page; a coming one is not a link. */
export function DemoCard({ demo }: { demo: Demo }) {
  const body = (
    <>
      <DemoPicture slug={demo.slug} />
      <h2>{demo.title}</h2>
      <p>{demo.blurb}</p>
      <p className="demo-post">After “{demo.post}” (2017)</p>
      {!demo.live && <span className="badge">Coming</span>}
    </>
  );
  return demo.live ? (
    <Link href={`/${demo.slug}`} className="demo-card live" data-demo={demo.slug}>
      {body}
    </Link>
  ) : (
    <article className="demo-card coming" data-demo={demo.slug}>
      {body}
    </article>
  );
}
