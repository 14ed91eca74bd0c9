import type { RatingPoint } from '../../api/browse-types';
import { formatRating } from '../../format';

const W = 640;
const H = 220;
const M = { left: 48, right: 12, top: 12, bottom: 30 };

/**
 * The policy's rating on the official board after each of its trials (thinned), with the 95%
 * band. The points are also listed in a table for screen readers and for exact values.
 */
export function RatingHistoryChart({ points }: { points: RatingPoint[] }) {
  if (points.length === 0) return <p class="message">No counted trials yet.</p>;
  const lo = Math.min(...points.map((p) => p.ci[0]));
  const hi = Math.max(...points.map((p) => p.ci[1]));
  const span = Math.max(1, hi - lo);
  const maxN = Math.max(...points.map((p) => p.n));
  const minN = Math.min(...points.map((p) => p.n));
  const x = (n: number) =>
    M.left + (maxN === minN ? 0.5 : (n - minN) / (maxN - minN)) * (W - M.left - M.right);
  const y = (r: number) => M.top + (1 - (r - lo) / span) * (H - M.top - M.bottom);
  const line = points
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.n).toFixed(1)},${y(p.rating).toFixed(1)}`)
    .join('');
  const band =
    points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.n).toFixed(1)},${y(p.ci[1]).toFixed(1)}`).join('') +
    [...points]
      .reverse()
      .map((p) => `L${x(p.n).toFixed(1)},${y(p.ci[0]).toFixed(1)}`)
      .join('') +
    'Z';
  const ticks = [lo, (lo + hi) / 2, hi];
  const last = points[points.length - 1]!;
  return (
    <figure class="chart">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`Rating history over ${last.n} trials: from ${formatRating(points[0]!.rating)} to ${formatRating(last.rating)} (95% interval ${formatRating(last.ci[0])}–${formatRating(last.ci[1])}).`}
      >
        {ticks.map((t) => (
          <g key={t}>
            <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} class="grid" />
            <text x={M.left - 6} y={y(t) + 4} text-anchor="end" class="tick">
              {formatRating(t)}
            </text>
          </g>
        ))}
        <path d={band} class="band" />
        <path d={line} class="line" />
        {points.map((p) => (
          <circle key={p.n} cx={x(p.n)} cy={y(p.rating)} r={3} class="point" />
        ))}
        <text x={M.left} y={H - 8} class="tick">
          {minN} {minN === 1 ? 'trial' : 'trials'}
        </text>
        <text x={W - M.right} y={H - 8} text-anchor="end" class="tick">
          {maxN} trials
        </text>
      </svg>
      <figcaption>Rating after each trial of this policy, with its 95% interval (shaded).</figcaption>
      <details>
        <summary>The points as a table</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">Its trials</th>
              <th scope="col">All trials</th>
              <th scope="col">Rating</th>
              <th scope="col">95% interval</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.n}>
                <td>{p.n}</td>
                <td>{p.trials}</td>
                <td>{formatRating(p.rating)}</td>
                <td>
                  {formatRating(p.ci[0])}–{formatRating(p.ci[1])}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
