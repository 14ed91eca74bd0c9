import type {
  DiagnosticsView,
  HeadToHead,
  LeaderboardRow,
  PairwiseRecord,
  RatingPoint,
} from '@policy-arena/domain';
import { diagnose, rate } from '@policy-arena/rating';

/** How many moments a policy's rating history shows at most. */
const HISTORY_POINTS = 24;

/** What a policy page shows from the counted trials: its row, its history, its rivals. */
export interface PolicyRatings {
  /** Its row on the official (Bradley–Terry) board; null before its first counted trial. */
  board: LeaderboardRow | null;
  history: RatingPoint[];
  headToHead: HeadToHead[];
}

export function policyRatings(records: readonly PairwiseRecord[], me: string): PolicyRatings {
  return {
    board: rate([...records], { method: 'bt' }).rows.find((r) => r.policy === me) ?? null,
    history: ratingHistory(records, me),
    headToHead: headToHead(records, me),
  };
}

/**
 * The official board recomputed at up to HISTORY_POINTS moments: after each of this policy's
 * trials, thinned evenly, always ending with the latest. Each point is what the board said then.
 */
function ratingHistory(records: readonly PairwiseRecord[], me: string): RatingPoint[] {
  const mine = records.flatMap((r, i) => (r.a === me || r.b === me ? [i] : []));
  if (mine.length === 0) return [];
  const picks = new Set<number>();
  for (let k = 1; k <= Math.min(HISTORY_POINTS, mine.length); k++) {
    picks.add(mine[Math.ceil((k * mine.length) / Math.min(HISTORY_POINTS, mine.length)) - 1]!);
  }
  return [...picks]
    .sort((x, y) => x - y)
    .flatMap((end) => {
      const prefix = records.slice(0, end + 1);
      const row = rate(prefix, { method: 'bt' }).rows.find((r) => r.policy === me);
      return row
        ? [{ at: prefix[end]!.ts ?? '', trials: prefix.length, n: row.n, rating: row.rating, ci: row.ci }]
        : [];
    });
}

function headToHead(records: readonly PairwiseRecord[], me: string): HeadToHead[] {
  const byRival = new Map<string, HeadToHead>();
  for (const r of records) {
    if (r.a !== me && r.b !== me) continue;
    const rival = r.a === me ? r.b : r.a;
    const row = byRival.get(rival) ?? { rival, n: 0, wins: 0, losses: 0, ties: 0 };
    row.n++;
    const mySide = r.a === me ? 'a' : 'b';
    if (r.winner === mySide) row.wins++;
    else if (r.winner === 'a' || r.winner === 'b') row.losses++;
    else row.ties++;
    byRival.set(rival, row);
  }
  return [...byRival.values()].sort((x, y) => y.n - x.n || x.rival.localeCompare(y.rival));
}

/** The board's diagnostics (win matrix, maximal lottery, intransitivity) for all or one category. */
export function boardDiagnostics(
  all: readonly PairwiseRecord[],
  category: string | undefined,
): DiagnosticsView {
  const categories = [...new Set(all.flatMap((r) => (r.category ? [r.category] : [])))].sort();
  const records = category === undefined ? [...all] : all.filter((r) => r.category === category);
  const base = { category: category ?? null, categories, trials: records.length };
  if (records.length === 0) {
    return {
      ...base,
      policies: [],
      wins: [],
      ties: [],
      played: [],
      intransitive: false,
      noClearWinner: false,
      condorcetWinner: null,
      maximalLottery: {},
    };
  }
  const d = diagnose(records);
  return {
    ...base,
    policies: d.winMatrix.policies,
    wins: d.winMatrix.wins,
    ties: d.winMatrix.ties,
    played: d.winMatrix.trials,
    intransitive: d.intransitive,
    noClearWinner: d.noClearWinner,
    condorcetWinner: d.condorcetWinner,
    maximalLottery: d.maximalLottery,
  };
}
