import { Body, Controller, Get, HttpCode, Param, Post, Redirect, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { CompleteArtifact, CreateArtifact, PresignParts } from '@policy-arena/replay';
import type { AccountEntity } from '../accounts/account.entity';
import { CurrentAccount, Public, Roles } from '../common/auth/auth.decorators';
import { openApiSchema } from '../common/schema-to-openapi';
import { UuidParamPipe } from '../common/validation/uuid-param.pipe';
import { ZodPipe } from '../common/validation/zod-body.pipe';
import { ArtifactRejectedFilter } from './artifact-rejected.filter';
import { ArtifactService } from './artifact.service';

/**
 * Rollouts, videos and images of an episode. Bytes never pass through the API: it hands out
 * presigned URLs, then checks what arrived in the bucket before attaching it to the episode.
 */
@ApiTags('artifacts')
// Key-protected routes carry @ApiBearerAuth one by one: the replay manifest and artifact content
// of completed trials are public, and the OpenAPI document should say so.
@Controller('api/v1')
@UseFilters(ArtifactRejectedFilter)
export class ArtifactsController {
  constructor(private readonly artifacts: ArtifactService) {}

  @Post('trials/:trialId/artifacts')
  @ApiBearerAuth()
  @Roles('evaluator')
  @ApiBody({ schema: openApiSchema(CreateArtifact) })
  create(
    @Param('trialId', new UuidParamPipe('trialId')) trialId: string,
    @Body(new ZodPipe(CreateArtifact)) body: CreateArtifact,
    @CurrentAccount() evaluator: AccountEntity,
  ) {
    return this.artifacts.create(trialId, body, evaluator);
  }

  @Get('trials/:trialId/artifacts')
  @ApiBearerAuth()
  @Roles('evaluator', 'admin')
  list(
    @Param('trialId', new UuidParamPipe('trialId')) trialId: string,
    @CurrentAccount() account: AccountEntity,
  ) {
    return this.artifacts.listForTrial(trialId, account);
  }

  @Get('trials/:trialId/replay')
  @Public()
  replay(@Param('trialId', new UuidParamPipe('trialId')) trialId: string) {
    return this.artifacts.replayManifest(trialId);
  }

  @Post('artifacts/:artifactId/parts')
  @ApiBearerAuth()
  @Roles('evaluator')
  @HttpCode(200)
  @ApiBody({ schema: openApiSchema(PresignParts) })
  parts(
    @Param('artifactId', new UuidParamPipe('artifactId')) artifactId: string,
    @Body(new ZodPipe(PresignParts)) body: PresignParts,
    @CurrentAccount() evaluator: AccountEntity,
  ) {
    return this.artifacts.presignParts(artifactId, body, evaluator);
  }

  @Post('artifacts/:artifactId/complete')
  @ApiBearerAuth()
  @Roles('evaluator')
  @HttpCode(200)
  @ApiBody({ schema: openApiSchema(CompleteArtifact) })
  complete(
    @Param('artifactId', new UuidParamPipe('artifactId')) artifactId: string,
    @Body(new ZodPipe(CompleteArtifact)) body: CompleteArtifact,
    @CurrentAccount() evaluator: AccountEntity,
  ) {
    return this.artifacts.complete(artifactId, body, evaluator);
  }

  @Post('artifacts/:artifactId/verify')
  @ApiBearerAuth()
  @Roles('evaluator')
  @HttpCode(200)
  verify(
    @Param('artifactId', new UuidParamPipe('artifactId')) artifactId: string,
    @CurrentAccount() evaluator: AccountEntity,
  ) {
    return this.artifacts.verify(artifactId, evaluator);
  }

  @Get('artifacts/:artifactId/content')
  @Public()
  @Redirect()
  async content(@Param('artifactId', new UuidParamPipe('artifactId')) artifactId: string) {
    return { url: await this.artifacts.contentUrl(artifactId), statusCode: 302 };
  }
}
