import type { DiagnosticsView } from '../../api/browse-types';
import { formatPercent } from '../../format';

/** Blue for a row that wins the pair, orange for one that loses it; light enough for dark text. */
function cellColour(rate: number): string {
  const strength = Math.min(1, Math.abs(rate - 0.5) * 2);
  const hue = rate >= 0.5 ? 213 : 25;
  return `hsl(${hue} 85% ${96 - strength * 34}%)`;
}

/**
 * The head-to-head win matrix: row policy's score against the column policy (ties as half),
 * ordered like the board. A table, so it reads cell by cell with a screen reader too.
 */
export function WinMatrix({ diagnostics, order }: { diagnostics: DiagnosticsView; order: string[] }) {
  const index = new Map(diagnostics.policies.map((p, i) => [p, i]));
  const policies = [
    ...order.filter((p) => index.has(p)),
    ...diagnostics.policies.filter((p) => !order.includes(p)),
  ];
  if (policies.length < 2)
    return <p class="message">The win matrix needs trials between two policies or more.</p>;
  return (
    <>
      <p class="table-caption" id="matrix-caption">
        Share of trials the row policy won against the column policy (ties count half), with the number of
        trials
      </p>
      <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="matrix-caption">
        <table class="matrix" data-testid="win-matrix" aria-labelledby="matrix-caption">
          <thead>
            <tr>
              <td />
              {policies.map((p) => (
                <th scope="col" key={p}>
                  <span class="matrix-head">{p}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {policies.map((row) => {
              const i = index.get(row)!;
              return (
                <tr key={row}>
                  <th scope="row">{row}</th>
                  {policies.map((col) => {
                    const j = index.get(col)!;
                    if (i === j) return <td key={col} class="matrix-self" aria-label="same policy" />;
                    const played = diagnostics.played[i]![j]!;
                    if (played === 0)
                      return (
                        <td key={col} class="matrix-none">
                          <span aria-label="not played">—</span>
                        </td>
                      );
                    const rate = (diagnostics.wins[i]![j]! + diagnostics.ties[i]![j]! / 2) / played;
                    return (
                      <td key={col} style={{ background: cellColour(rate) }}>
                        <span class="matrix-rate">{formatPercent(rate)}</span>
                        <span class="matrix-n">
                          {played} {played === 1 ? 'trial' : 'trials'}
                        </span>
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** Shown when the head-to-head majorities go round in a circle. */
export function IntransitivityNote({ diagnostics }: { diagnostics: DiagnosticsView }) {
  if (!diagnostics.intransitive) return null;
  const lottery = Object.entries(diagnostics.maximalLottery)
    .filter(([, p]) => p > 0.001)
    .sort((a, b) => b[1] - a[1]);
  return (
    <aside class="note" role="note" data-testid="intransitive-note" aria-labelledby="intransitive-title">
      <h3 id="intransitive-title">The preferences are intransitive</h3>
      <p>
        Head to head, the majorities form a cycle (some policy beats another that beats a third that beats the
        first), so no single rating orders these policies faithfully: the board is the best fit of one number
        each, not a verdict on every pair. Read the win matrix for the pairs.
      </p>
      {lottery.length > 0 && (
        <p>
          Maximal lottery (the mix of policies no other beats on average):{' '}
          {lottery.map(([p, w], k) => (
            <span key={p}>
              {k > 0 ? ', ' : ''}
              {p} {formatPercent(w)}
            </span>
          ))}
          .
        </p>
      )}
    </aside>
  );
}
