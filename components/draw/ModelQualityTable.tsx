import type { ModelName } from "@/lib/draw/core/models";
import type { QualityFile } from "@/lib/draw/core/quality";

const pct = (x: number) => `${(x * 100).toFixed(x < 0.1 ? 1 : 0)}%`;

/** How each model's samples compare with its data (npm run draw:evaluate): validity, ink, strokes, novelty. */
export function ModelQualityTable({ quality, models }: { quality: QualityFile; models: ModelName[] }) {
  const rows = models.flatMap((name) => (quality[name] ? [{ name, q: quality[name] }] : []));
  if (rows.length === 0) return null;
  return (
    <>
      <h4 className="draw-table-title" id="draw-quality-title">
        Samples against the data they were learned from
      </h4>
      <table className="draw-table" data-testid="draw-quality" aria-labelledby="draw-quality-title">
        <thead>
          <tr>
            <th>model</th>
            <th>valid samples</th>
            <th>ink: samples / data</th>
            <th>strokes: samples / data</th>
            <th>distance to nearest training image: samples / unseen real</th>
            <th>copies</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ name, q }) => (
            <tr key={name} data-model={name}>
              <td>{name}</td>
              <td>{pct(q.validShare)}</td>
              <td>
                {pct(q.inkShare.samples)} / {pct(q.inkShare.data)}
              </td>
              <td>
                {q.strokes.samples.toFixed(2)} / {q.strokes.data.toFixed(2)}
              </td>
              <td>
                {q.hammingToNearestTraining.mean.toFixed(1)} / {q.heldOutHammingToNearestTraining.mean.toFixed(1)} px
              </td>
              <td>
                {q.hammingToNearestTraining.exactCopies} of {q.samples}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="draw-note">
        {rows[0].q.samples} samples per model at temperature {rows[0].q.temperature}, tokens below{" "}
        {rows[0].q.minP * 100}% of the likeliest one cut. Ink is the share of black pixels and
        strokes the number of connected black areas, each averaged; a model that draws like its data matches the data&rsquo;s
        numbers. The distance is the number of pixels that differ from the closest training image: a model that copied its
        training set would sit at 0, and real images it never saw sit at the second number.
      </p>
    </>
  );
}
