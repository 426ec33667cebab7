import { clockTime } from "./format";

/** The engine's log lines, newest first: time, kind (coloured by lights.css), text. */
export function EventLog({ lines, testId }: { lines: readonly { id: number; at: number; kind: string; text: string }[]; testId: string }) {
  return (
    <ol className="lt-log" data-testid={testId}>
      {lines
        .slice()
        .reverse()
        .map((line) => (
          <li key={line.id} className={`lt-log-${line.kind}`}>
            <time>{clockTime(line.at)}</time> <span className="lt-kind">{line.kind}</span> {line.text}
          </li>
        ))}
    </ol>
  );
}
