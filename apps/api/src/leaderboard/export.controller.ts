import { Controller, Get, Header } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Public } from '../common/auth/auth.decorators';
import { loadCountedTrials } from '../ratings/counted-trials';

@ApiTags('open data')
@Controller('api/v1/export')
export class ExportController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Every counted trial, one JSON object per line, in the input format of `arena rate`, with
   * stable evaluator pseudonyms: anyone can recompute the published board.
   */
  @Get('trials.jsonl')
  @Public()
  @Header('content-type', 'application/x-ndjson; charset=utf-8')
  @Header('content-disposition', 'inline; filename="trials.jsonl"')
  @ApiProduces('application/x-ndjson')
  async trials(): Promise<string> {
    const records = await loadCountedTrials(this.dataSource);
    return records.map((r) => JSON.stringify(r)).join('\n') + (records.length > 0 ? '\n' : '');
  }
}
