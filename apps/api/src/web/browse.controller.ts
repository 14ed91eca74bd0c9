import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import { Public } from '../common/auth/auth.decorators';
import { UuidParamPipe } from '../common/validation/uuid-param.pipe';
import { ZodPipe } from '../common/validation/zod-body.pipe';
import {
  DiagnosticsQuery,
  TrialSearch,
  type DiagnosticsQueryInput,
  type TrialSearchInput,
} from './browse-query';
import { BrowseService } from './browse.service';

/** Public reads for the web app: completed trials, policy reports, the win matrix. */
@ApiTags('browse')
@Controller('api/v1/browse')
export class BrowseController {
  constructor(private readonly browse: BrowseService) {}

  /** Completed trials, newest first, with the revealed pair, the preference and the reason. */
  @Get('trials')
  @Public()
  @ApiQuery({ name: 'q', required: false, description: 'words of the instruction' })
  @ApiQuery({ name: 'category', required: false })
  @ApiQuery({ name: 'policy', required: false, description: 'a handle name@version, or a name' })
  @ApiQuery({ name: 'limit', required: false, type: Number })
  @ApiQuery({ name: 'offset', required: false, type: Number })
  trials(@Query(new ZodPipe(TrialSearch, 'query')) search: TrialSearchInput) {
    return this.browse.searchTrials(search);
  }

  @Get('trials/:trialId')
  @Public()
  trial(@Param('trialId', new UuidParamPipe('trialId')) trialId: string) {
    return this.browse.trial(trialId);
  }

  /** Rating history, per-category results, head-to-head, recent trials and reasons of one version. */
  @Get('policies/:handle')
  @Public()
  policy(@Param('handle') handle: string) {
    return this.browse.policy(handle);
  }

  /** The win matrix and whether the head-to-head preferences are intransitive. */
  @Get('diagnostics')
  @Public()
  @ApiQuery({ name: 'category', required: false })
  diagnostics(@Query(new ZodPipe(DiagnosticsQuery, 'query')) query: DiagnosticsQueryInput) {
    return this.browse.diagnostics(query);
  }
}
