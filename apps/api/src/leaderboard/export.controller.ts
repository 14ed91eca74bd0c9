import { Controller, Get, Header } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public } from '../common/auth/auth.decorators';
import { RatingWorkerService } from '../ratings/rating-worker.service';

@ApiTags('open data')
@Controller('api/v1/export')
export class ExportController {
  constructor(private readonly ratings: RatingWorkerService) {}

  /**
   * Every counted trial, one JSON object per line, in the input format of `arena rate`, with
   * stable evaluator pseudonyms: anyone can recompute the published board. Built on the rating
   * worker from the trials it already holds, so a download does not load them on the event loop.
   */
  @Get('trials.jsonl')
  @Public()
  @Header('content-type', 'application/x-ndjson; charset=utf-8')
  @Header('content-disposition', 'inline; filename="trials.jsonl"')
  @ApiProduces('application/x-ndjson')
  trials(): Promise<string> {
    return this.ratings.exportTrials();
  }
}
