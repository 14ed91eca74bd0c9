import type { PairwiseRecord } from '@policy-arena/domain';
import type { PeriodSpec } from '../types';

export const DEFAULT_PERIOD_SIZE = 100;

/** The UTC day of an ISO timestamp, or undefined when it does not parse. */
function utcDay(ts: string | undefined): string | undefined {
  if (ts === undefined) return undefined;
  const ms = Date.parse(ts);
  return Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : undefined;
}

export interface Periods {
  by: 'day' | 'size';
  size?: number;
  periods: PairwiseRecord[][];
}

/**
 * Glicko-2 assumes every game of a period is played at once, so periods must be explicit:
 * - 'day': one period per UTC day of `ts`, days in calendar order (empty days are skipped, so RDs
 *   widen per active day rather than per calendar day);
 * - a number: consecutive chunks of that many records, in input order;
 * - 'auto': by day when every record has a parseable `ts`, else chunks of 100.
 */
export function splitPeriods(records: readonly PairwiseRecord[], spec: PeriodSpec): Periods {
  const days = records.map((r) => utcDay(r.ts));
  const allDated = days.every((d) => d !== undefined);
  if (spec === 'day' || (spec === 'auto' && allDated && records.length > 0)) {
    const missing = days.findIndex((d) => d === undefined);
    if (missing >= 0) {
      throw new RangeError(`record ${missing + 1}: ts: expected an ISO timestamp when period is 'day'`);
    }
    const byDay = new Map<string, PairwiseRecord[]>();
    records.forEach((r, k) => {
      const day = days[k] as string;
      const bucket = byDay.get(day) ?? [];
      bucket.push(r);
      byDay.set(day, bucket);
    });
    const ordered = [...byDay.keys()].sort();
    return { by: 'day', periods: ordered.map((d) => byDay.get(d) as PairwiseRecord[]) };
  }
  const size = typeof spec === 'number' ? spec : DEFAULT_PERIOD_SIZE;
  const periods: PairwiseRecord[][] = [];
  for (let k = 0; k < records.length; k += size) periods.push(records.slice(k, k + size));
  return { by: 'size', size, periods };
}
