"use client";

import { useId, useMemo, useState } from "react";
import { comparePlaygroundWords, similarityTerm, PLAYGROUND_MAX_LENGTH, type WordProblem } from "@/lib/numbers/core/playground";
import { normaliseWord } from "@/lib/numbers/core/normalise";
import type { AlignmentStep } from "@/lib/numbers/core/types";
import { formatCost } from "./format";

const EXAMPLES: [string, string][] = [
  ["veer", "fear"],
  ["drei", "tres"],
  ["sieben", "seven"],
  ["hasht", "acht"],
  ["один", "one"],
];

const OP_LABEL: Record<AlignmentStep["op"], string> = { match: "match", substitute: "swap", delete: "delete", insert: "insert" };

/** Two words in, their distance and the cheapest alignment out, computed in the browser with the library function. */
export function DistancePlayground({ initialA = "veer", initialB = "fear" }: { initialA?: string; initialB?: string }) {
  const [a, setA] = useState(initialA);
  const [b, setB] = useState(initialB);
  const outcome = useMemo(() => comparePlaygroundWords(a, b), [a, b]);
  const apiHref = `/api/numbers/distance?a=${encodeURIComponent(a.trim())}&b=${encodeURIComponent(b.trim())}`;

  return (
    <section className="nums-section nums-playground" aria-labelledby="nums-playground" data-testid="playground">
      <h2 id="nums-playground">Distance playground</h2>
      <p className="nums-lede">Type two words to see what the method thinks of them, letter by letter.</p>
      <div className="nums-playground-inputs">
        <WordField label="First word" value={a} onChange={setA} problem={outcome.ok ? null : outcome.problems.a} testId="playground-a" />
        <WordField label="Second word" value={b} onChange={setB} problem={outcome.ok ? null : outcome.problems.b} testId="playground-b" />
      </div>
      <p className="nums-examples">
        Try:{" "}
        {EXAMPLES.map(([x, y]) => (
          <button
            key={`${x}/${y}`}
            type="button"
            className="nums-chip"
            onClick={() => {
              setA(x);
              setB(y);
            }}
          >
            {x} / {y}
          </button>
        ))}
      </p>
      {outcome.ok ? (
        <div className="nums-playground-result" aria-live="polite">
          <p className="nums-distance">
            <span className="nums-distance-words">
              <code>{outcome.result.a}</code> → <code>{outcome.result.b}</code>
            </span>
            <span>
              distance <strong data-testid="playground-distance">{formatCost(outcome.result.distance)}</strong>
            </span>
            <span className="nums-muted">
              similarity (10/(10+d))<sup>1.5</sup> = {similarityTerm(outcome.result.distance).toFixed(3)}; a pair&apos;s score is the
              mean of ten of these
            </span>
          </p>
          <AlignmentRow steps={outcome.result.alignment} />
          <p className="nums-muted nums-small">
            Top row: the first word, bottom row: the second (· is nothing). Swaps within a sound class cost 0.4, others 1.8;
            an inserted or deleted <i>h</i> or doubled letter costs 0.1 to 0.3, a vowel 0.2 to 0.5, a consonant 1.
          </p>
          <p className="nums-muted nums-small">
            The same answer as JSON: <a href={apiHref}>GET {apiHref}</a>
          </p>
        </div>
      ) : (
        <p className="nums-muted" aria-live="polite">
          Fix the word{outcome.problems.a && outcome.problems.b ? "s" : ""} above to see a distance.
        </p>
      )}
    </section>
  );
}

function WordField(props: { label: string; value: string; onChange: (value: string) => void; problem: WordProblem | null; testId: string }) {
  const id = useId();
  const normalised = normaliseWord(props.value.trim());
  return (
    <div className="nums-field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        data-testid={props.testId}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        maxLength={PLAYGROUND_MAX_LENGTH * 2}
        autoComplete="off"
        autoCapitalize="off"
        spellCheck={false}
        aria-invalid={props.problem ? true : undefined}
        aria-describedby={`${id}-note`}
      />
      <small id={`${id}-note`} className={props.problem ? "nums-problem" : "nums-muted"}>
        {props.problem ? props.problem.message : <>normalised: <code>{normalised}</code></>}
      </small>
    </div>
  );
}

/** The cheapest alignment as a row of boxes, one per operation, with its cost. */
function AlignmentRow({ steps }: { steps: AlignmentStep[] }) {
  return (
    <div className="nums-scroll-x">
      <ol className="nums-alignment" aria-label="Cheapest alignment, operation by operation">
        {steps.map((step, index) => (
          <li key={index} className={`nums-op nums-op-${step.op}${step.op === "substitute" && step.cost < 1 ? " nums-op-cheap" : ""}`} data-testid="playground-step" data-op={step.op}>
            <span className="nums-op-char">{step.from ?? "·"}</span>
            <span className="nums-op-char">{step.to ?? "·"}</span>
            <span className="nums-op-name">{OP_LABEL[step.op]}</span>
            <span className="nums-op-cost">{step.cost === 0 ? "0" : `+${formatCost(step.cost)}`}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
