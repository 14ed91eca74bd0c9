import { policyVersionHandle, type SamplingRate } from '@policy-arena/domain';
import type { DataSource } from 'typeorm';

export type { SamplingRate };

export async function loadSamplingRates(dataSource: DataSource): Promise<SamplingRate[]> {
  const rows: { name: string; version: string; trials: string; total: string }[] = await dataSource.query(`
    SELECT pv.name, pv.version,
           (SELECT count(*) FROM trials t WHERE t.policy_a_id = pv.id OR t.policy_b_id = pv.id) AS trials,
           (SELECT count(*) FROM trials) AS total
      FROM policy_versions pv
     ORDER BY pv.name, pv.version`);
  return rows.map((r) => ({
    policy: policyVersionHandle(r.name, r.version),
    trials: Number(r.trials),
    share: Number(r.total) === 0 ? 0 : Number(r.trials) / Number(r.total),
  }));
}
