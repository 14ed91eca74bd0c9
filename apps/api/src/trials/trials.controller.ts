import { Body, Controller, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiTags } from '@nestjs/swagger';
import { CreateTrial, RecordEpisode, SubmitOutcome, VoidTrial } from '@policy-arena/domain';
import type { Response } from 'express';
import type { AccountEntity } from '../accounts/account.entity';
import { CurrentAccount, Roles } from '../common/auth/auth.decorators';
import { openApiSchema } from '../common/schema-to-openapi';
import { UuidParamPipe } from '../common/validation/uuid-param.pipe';
import { ZodPipe } from '../common/validation/zod-body.pipe';
import { parseIdempotencyKey } from './idempotency-key';
import { TrialService } from './trial.service';

@ApiTags('trials')
@ApiBearerAuth()
@Controller('api/v1/trials')
export class TrialsController {
  constructor(private readonly trials: TrialService) {}

  @Post()
  @Roles('evaluator')
  @ApiBody({ schema: openApiSchema(CreateTrial) })
  create(@Body(new ZodPipe(CreateTrial)) body: CreateTrial, @CurrentAccount() evaluator: AccountEntity) {
    return this.trials.create(body, evaluator);
  }

  @Get(':trialId')
  @Roles('evaluator', 'admin')
  get(
    @Param('trialId', new UuidParamPipe('trialId')) trialId: string,
    @CurrentAccount() account: AccountEntity,
  ) {
    return this.trials.get(trialId, account);
  }

  @Post(':trialId/heartbeat')
  @Roles('evaluator')
  @HttpCode(200)
  heartbeat(
    @Param('trialId', new UuidParamPipe('trialId')) trialId: string,
    @CurrentAccount() evaluator: AccountEntity,
  ) {
    return this.trials.heartbeat(trialId, evaluator);
  }

  @Post(':trialId/episodes')
  @Roles('evaluator')
  @ApiBody({ schema: openApiSchema(RecordEpisode) })
  recordEpisode(
    @Param('trialId', new UuidParamPipe('trialId')) trialId: string,
    @Body(new ZodPipe(RecordEpisode)) body: RecordEpisode,
    @CurrentAccount() evaluator: AccountEntity,
  ) {
    return this.trials.recordEpisode(trialId, body, evaluator);
  }

  @Post(':trialId/outcome')
  @Roles('evaluator')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description: 'a fresh value (e.g. a UUID) per outcome; retries reuse it',
  })
  @ApiBody({ schema: openApiSchema(SubmitOutcome) })
  async submitOutcome(
    @Param('trialId', new UuidParamPipe('trialId')) trialId: string,
    @Headers('idempotency-key') idempotencyHeader: string | undefined,
    @Body(new ZodPipe(SubmitOutcome)) body: SubmitOutcome,
    @CurrentAccount() evaluator: AccountEntity,
    @Res({ passthrough: true }) response: Response,
  ) {
    const key = parseIdempotencyKey(idempotencyHeader);
    const result = await this.trials.submitOutcome(trialId, body, key, evaluator);
    response.status(result.replayed ? 200 : 201);
    if (result.replayed) response.setHeader('Idempotent-Replayed', 'true');
    return result.reveal;
  }

  @Post(':trialId/abandon')
  @Roles('evaluator')
  @HttpCode(200)
  abandon(
    @Param('trialId', new UuidParamPipe('trialId')) trialId: string,
    @CurrentAccount() evaluator: AccountEntity,
  ) {
    return this.trials.abandon(trialId, evaluator);
  }

  @Post(':trialId/void')
  @Roles('admin')
  @HttpCode(200)
  @ApiBody({ schema: openApiSchema(VoidTrial) })
  void(
    @Param('trialId', new UuidParamPipe('trialId')) trialId: string,
    @Body(new ZodPipe(VoidTrial)) body: VoidTrial,
    @CurrentAccount() admin: AccountEntity,
  ) {
    return this.trials.void(trialId, body.reason, admin);
  }
}
