import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  policyVersionHandle,
  type PairwiseRecord,
  type Preference,
  type TrialLabel,
} from '@policy-arena/domain';
import { diagnose, rate } from '@policy-arena/rating';
import { DataSource } from 'typeorm';
import { loadCountedTrials } from '../ratings/counted-trials';
import { PolicyVersionEntity } from '../policies/policy-version.entity';
import { toPublicPolicyVersionView } from '../policies/policy-version.view';
import type { DiagnosticsQuery, TrialSearch } from './browse-query';
import type {
  BrowseEpisode,
  CategoryResult,
  DiagnosticsView,
  EvaluatorReason,
  HeadToHead,
  PolicyReport,
  RatingPoint,
  TrialPage,
  TrialSummary,
} from './browse.views';

interface TrialRow {
  id: string;
  instruction: string;
  category: string | null;
  completed_at: Date;
  run_order: 'AB' | 'BA';
  a_handle: string;
  b_handle: string;
  preference: Preference;
  reason: string;
  pseudonym: string;
  episodes: BrowseEpisode[] | null;
  has_media: boolean;
  total: string;
}

/** Completed trials only: a running trial is blind, an expired or voided one never counted. */
const TRIALS_SQL = `
  SELECT t.id, t.instruction, t.category, t.completed_at, t.run_order,
         pa.name || '@' || pa.version AS a_handle, pb.name || '@' || pb.version AS b_handle,
         o.preference, o.reason, ev.pseudonym,
         (SELECT json_agg(json_build_object('label', e.label, 'progress', e.progress, 'success', e.success)
                          ORDER BY e.label)
            FROM episodes e WHERE e.trial_id = t.id) AS episodes,
         EXISTS (SELECT 1 FROM artifacts ar
                  WHERE ar.trial_id = t.id AND ar.state = 'verified' AND ar.kind IN ('rollout', 'video')) AS has_media,
         count(*) OVER () AS total
    FROM trials t
    JOIN outcomes o ON o.trial_id = t.id
    JOIN policy_versions pa ON pa.id = t.policy_a_id
    JOIN policy_versions pb ON pb.id = t.policy_b_id
    JOIN accounts ev ON ev.id = t.evaluator_id
   WHERE t.status = 'completed'`;

const likePattern = (words: string) => `%${words.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const HISTORY_POINTS = 24;

/**
 * The public read model behind the web app's pages: the trial browser, the policy pages and the
 * win matrix. Everything here is derived from counted trials, as the board is.
 */
@Injectable()
export class BrowseService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async searchTrials(search: TrialSearch): Promise<TrialPage> {
    const rows: TrialRow[] = await this.dataSource.query(
      `${TRIALS_SQL}
         AND ($1::text IS NULL OR t.instruction ILIKE $1)
         AND ($2::text IS NULL OR t.category = $2)
         AND ($3::text IS NULL OR $3 IN (pa.name, pb.name, pa.name || '@' || pa.version, pb.name || '@' || pb.version))
       ORDER BY t.completed_at DESC, t.id DESC
       LIMIT $4 OFFSET $5`,
      [
        search.q ? likePattern(search.q) : null,
        search.category ?? null,
        search.policy ?? null,
        search.limit,
        search.offset,
      ],
    );
    return { total: rows.length > 0 ? Number(rows[0]!.total) : 0, trials: rows.map(toSummary) };
  }

  async trial(trialId: string): Promise<TrialSummary> {
    const rows: TrialRow[] = await this.dataSource.query(`${TRIALS_SQL} AND t.id = $1`, [trialId]);
    if (rows.length === 0) throw new NotFoundException(`no completed trial ${trialId}`);
    return toSummary(rows[0]!);
  }

  async diagnostics(query: DiagnosticsQuery): Promise<DiagnosticsView> {
    const all = await loadCountedTrials(this.dataSource);
    const categories = [...new Set(all.flatMap((r) => (r.category ? [r.category] : [])))].sort();
    const records = query.category === undefined ? all : all.filter((r) => r.category === query.category);
    const base = { category: query.category ?? null, categories, trials: records.length };
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

  async policy(handle: string): Promise<PolicyReport> {
    const at = handle.lastIndexOf('@');
    const entity =
      at > 0
        ? await this.dataSource.manager.findOne(PolicyVersionEntity, {
            where: { name: handle.slice(0, at), version: handle.slice(at + 1) },
          })
        : null;
    if (!entity) throw new NotFoundException(`no policy version ${handle}`);
    const me = policyVersionHandle(entity.name, entity.version);
    const records = await loadCountedTrials(this.dataSource);
    const board = rate(records, { method: 'bt' }).rows.find((r) => r.policy === me) ?? null;
    const [categories, recent] = await Promise.all([
      this.categoryResults(entity.id),
      this.searchTrials({ policy: me, limit: 20, offset: 0 }),
    ]);
    return {
      version: toPublicPolicyVersionView(entity),
      board,
      history: ratingHistory(records, me),
      categories,
      headToHead: headToHead(records, me),
      recentTrials: recent.trials,
      reasons: recent.trials.map((t) => reasonOf(t, me)),
    };
  }

  private async categoryResults(policyId: string): Promise<CategoryResult[]> {
    const rows: {
      category: string | null;
      n: string;
      wins: string;
      losses: string;
      ties: string;
      mean_progress: number | null;
      success_rate: number | null;
    }[] = await this.dataSource.query(
      `WITH mine AS (
         SELECT t.id, t.category, CASE WHEN t.policy_a_id = $1 THEN 'A' ELSE 'B' END AS label, o.preference
           FROM trials t JOIN outcomes o ON o.trial_id = t.id
          WHERE t.status = 'completed' AND $1 IN (t.policy_a_id, t.policy_b_id))
       SELECT m.category, count(DISTINCT m.id) AS n,
              count(DISTINCT m.id) FILTER (WHERE m.preference = m.label) AS wins,
              count(DISTINCT m.id) FILTER (WHERE m.preference IN ('A', 'B') AND m.preference <> m.label) AS losses,
              count(DISTINCT m.id) FILTER (WHERE m.preference IN ('tie', 'both_bad')) AS ties,
              avg(e.progress)::float8 AS mean_progress, avg(e.success::int)::float8 AS success_rate
         FROM mine m LEFT JOIN episodes e ON e.trial_id = m.id AND e.label = m.label
        GROUP BY m.category
        ORDER BY m.category NULLS LAST`,
      [policyId],
    );
    return rows.map((r) => ({
      category: r.category,
      n: Number(r.n),
      wins: Number(r.wins),
      losses: Number(r.losses),
      ties: Number(r.ties),
      meanProgress: r.mean_progress ?? 0,
      successRate: r.success_rate ?? 0,
    }));
  }
}

function toSummary(r: TrialRow): TrialSummary {
  return {
    id: r.id,
    instruction: r.instruction,
    category: r.category,
    completedAt: r.completed_at.toISOString(),
    policies: { A: r.a_handle, B: r.b_handle },
    runOrder: r.run_order === 'AB' ? ['A', 'B'] : ['B', 'A'],
    preference: r.preference,
    reason: r.reason,
    evaluator: r.pseudonym,
    episodes: r.episodes ?? [],
    hasMedia: r.has_media,
  };
}

function reasonOf(t: TrialSummary, me: string): EvaluatorReason {
  const mine: TrialLabel = t.policies.A === me ? 'A' : 'B';
  const verdict =
    t.preference === 'tie' || t.preference === 'both_bad'
      ? t.preference
      : t.preference === mine
        ? 'won'
        : 'lost';
  return { trialId: t.id, evaluator: t.evaluator, verdict, reason: t.reason, at: t.completedAt };
}

/**
 * The official board recomputed at up to HISTORY_POINTS moments: after each of this policy's
 * trials, thinned evenly, always ending with the latest. Each point is what the board said then.
 */
function ratingHistory(records: PairwiseRecord[], me: string): RatingPoint[] {
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

function headToHead(records: PairwiseRecord[], me: string): HeadToHead[] {
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
