import { createHash } from 'node:crypto';
import type { PairwiseRecord } from '@policy-arena/domain';

/**
 * One JSON array per record with a fixed field order and null for absent fields, one per line.
 * Record order is kept on purpose: Elo and Glicko-2 depend on it, so it is part of the input.
 */
export function canonicalRecords(records: readonly PairwiseRecord[]): string {
  return records
    .map((r) =>
      JSON.stringify([
        r.a,
        r.b,
        r.winner,
        r.category ?? null,
        r.evaluator ?? null,
        r.ts ?? null,
        r.propensity ?? null,
      ]),
    )
    .join('\n');
}

export function digestRecords(records: readonly PairwiseRecord[]): string {
  return `sha256:${createHash('sha256').update(canonicalRecords(records), 'utf8').digest('hex')}`;
}
