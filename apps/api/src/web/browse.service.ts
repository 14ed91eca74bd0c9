import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { policyVersionHandle, type Preference, type TrialLabel } from '@policy-arena/domain';
import { DataSource } from 'typeorm';
import { RatingWorkerService } from '../ratings/rating-worker.service';
import { PolicyVersionEntity } from '../policies/policy-version.entity';
import { toPublicPolicyVersionView } from '../policies/policy-version.view';
import type { DiagnosticsQuery, TrialSearch } from './browse-query';
import type {
  BrowseEpisode,
  CategoryResult,
  DiagnosticsView,
  EvaluatorReason,
  PolicyReport,
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

/**
 * The public read model behind the web app's pages: the trial browser, the policy pages and the
 * win matrix. Everything here is derived from counted trials, as the board is.
 */
@Injectable()
export class BrowseService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ratings: RatingWorkerService,
  ) {}

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

  /** Computed on the rating worker's thread (a maximal lottery is a linear program). */
  diagnostics(query: DiagnosticsQuery): Promise<DiagnosticsView> {
    return this.ratings.diagnostics(query.category);
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
    // The board row, the rating history (up to 24 refits) and head-to-head come from the rating
    // worker, which keeps them until the counted trials change: never on the event loop.
    const [ratings, categories, recent] = await Promise.all([
      this.ratings.policyRatings(me),
      this.categoryResults(entity.id),
      this.searchTrials({ policy: me, limit: 20, offset: 0 }),
    ]);
    return {
      version: toPublicPolicyVersionView(entity),
      board: ratings.board,
      history: ratings.history,
      categories,
      headToHead: ratings.headToHead,
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
