import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { rate, type RatingTable } from '@policy-arena/rating';
import { DataSource } from 'typeorm';
import { loadCountedTrials } from './counted-trials';

@Injectable()
export class LeaderboardService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The official board: Bradley–Terry over every counted trial, sandwich confidence intervals. */
  async current(): Promise<RatingTable & { computedAt: string }> {
    const records = await loadCountedTrials(this.dataSource);
    return { ...rate(records, { method: 'bt' }), computedAt: new Date().toISOString() };
  }
}
