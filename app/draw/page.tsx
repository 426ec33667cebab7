import type { Metadata } from "next";
import { BruteForceSection } from "@/components/draw/brute/BruteForceSection";

export const metadata: Metadata = {
  title: "Learning to draw",
  description: "Which tiny black-and-white pictures does an image classifier recognise? Every 4x4 one, tried.",
};

// Minimal page for part 1 (brute force); the full /draw page (icon RNN, hieroglyphs) renders the same section.
export default function DrawPage() {
  return (
    <article>
      <header className="intro">
        <h1>Learning to draw</h1>
      </header>
      <BruteForceSection />
    </article>
  );
}
