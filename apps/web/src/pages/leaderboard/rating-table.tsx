import type { Leaderboard, LeaderboardRow } from '@policy-arena/sdk';
import { PolicyLink } from '../../components/policy-link';
import { formatPercent, formatRating } from '../../format';

const WHISKER_WIDTH = 160;
const WHISKER_HEIGHT = 20;

/** One interval on the board's common scale: the dot is the rating, the line its 95% interval. */
function CiWhisker({ row, lo, hi }: { row: LeaderboardRow; lo: number; hi: number }) {
  const pad = 6;
  const x = (v: number) => pad + ((v - lo) / Math.max(1e-9, hi - lo)) * (WHISKER_WIDTH - 2 * pad);
  const y = WHISKER_HEIGHT / 2;
  return (
    <svg
      class="whisker"
      width={WHISKER_WIDTH}
      height={WHISKER_HEIGHT}
      viewBox={`0 0 ${WHISKER_WIDTH} ${WHISKER_HEIGHT}`}
      aria-hidden="true"
      focusable="false"
    >
      <line x1={x(row.ci[0])} x2={x(row.ci[1])} y1={y} y2={y} class="whisker-line" />
      <line x1={x(row.ci[0])} x2={x(row.ci[0])} y1={y - 5} y2={y + 5} class="whisker-line" />
      <line x1={x(row.ci[1])} x2={x(row.ci[1])} y1={y - 5} y2={y + 5} class="whisker-line" />
      <circle cx={x(row.rating)} cy={y} r={4} class="whisker-dot" />
    </svg>
  );
}

const rankRangeText = (r: LeaderboardRow) =>
  r.rankRange[0] === r.rankRange[1] ? `${r.rankRange[0]}` : `${r.rankRange[0]}–${r.rankRange[1]}`;

export function RatingTable({ board, methodName }: { board: Leaderboard; methodName: string }) {
  if (board.rows.length === 0) {
    return <p class="message">No counted trials{board.category ? ` in “${board.category}”` : ''} yet.</p>;
  }
  const lo = Math.min(...board.rows.map((r) => r.ci[0]));
  const hi = Math.max(...board.rows.map((r) => r.ci[1]));
  const shares = new Map(board.samplingRates.map((s) => [s.policy, s]));
  return (
    <>
      <p class="table-caption" id="board-caption" data-testid="board-caption">
        {methodName} ratings{board.category ? ` in “${board.category}”` : ''} with 95% intervals, from{' '}
        {board.trials} counted trials
      </p>
      <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="board-caption">
        <table class="board" data-testid="leaderboard-table" aria-labelledby="board-caption">
          <thead>
            <tr>
              <th scope="col">Rank</th>
              <th scope="col">
                <abbr title="Ranks the policy could hold given the intervals">Range</abbr>
              </th>
              <th scope="col">Policy</th>
              <th scope="col" class="num">
                Rating
              </th>
              <th scope="col">95% interval</th>
              <th scope="col" class="num">
                Trials
              </th>
              <th scope="col" class="num">
                <abbr title="wins / losses / ties">W / L / T</abbr>
              </th>
              <th scope="col" class="num">
                <abbr title="Share of all trials matchmaking drew this version into">Sampled</abbr>
              </th>
            </tr>
          </thead>
          <tbody>
            {board.rows.map((row) => {
              const share = shares.get(row.policy);
              return (
                <tr key={row.policy} data-policy={row.policy} data-n={row.n}>
                  <td class="num">{row.rank}</td>
                  <td class="num">{rankRangeText(row)}</td>
                  <th scope="row">
                    <PolicyLink handle={row.policy} />
                  </th>
                  <td class="num" data-rating={row.rating}>
                    {formatRating(row.rating)}
                  </td>
                  <td class="ci">
                    <span class="ci-text">
                      {formatRating(row.ci[0])}–{formatRating(row.ci[1])}
                    </span>
                    <CiWhisker row={row} lo={lo} hi={hi} />
                  </td>
                  <td class="num">{row.n}</td>
                  <td class="num">
                    {row.wins} / {row.losses} / {row.ties}
                  </td>
                  <td class="num">
                    {share ? (
                      <span title={`${share.trials} trials drawn`}>{formatPercent(share.share, 1)}</span>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
