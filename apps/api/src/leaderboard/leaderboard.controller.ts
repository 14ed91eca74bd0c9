import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import { RATING_METHODS } from '@policy-arena/rating';
import { Public } from '../common/auth/auth.decorators';
import { UuidParamPipe } from '../common/validation/uuid-param.pipe';
import { ZodPipe } from '../common/validation/zod-body.pipe';
import { LeaderboardQuery, type LeaderboardQueryInput } from './leaderboard-query';
import { LeaderboardService } from './leaderboard.service';

@ApiTags('leaderboard')
@Controller('api/v1/leaderboard')
export class LeaderboardController {
  constructor(private readonly leaderboard: LeaderboardService) {}

  @Get()
  @Public()
  @ApiQuery({ name: 'method', required: false, enum: RATING_METHODS })
  @ApiQuery({ name: 'category', required: false })
  // The parameter's type is an alias, not the schema's name: decorator metadata would otherwise
  // hand the zod object to Swagger as if it were a DTO class.
  get(@Query(new ZodPipe(LeaderboardQuery, 'query')) query: LeaderboardQueryInput) {
    return this.leaderboard.current(query);
  }

  @Get('snapshots/:snapshotId')
  @Public()
  snapshot(@Param('snapshotId', new UuidParamPipe('snapshotId')) snapshotId: string) {
    return this.leaderboard.snapshot(snapshotId);
  }
}
