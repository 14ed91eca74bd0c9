import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../common/auth/auth.decorators';
import { UuidParamPipe } from '../common/validation/uuid-param.pipe';
import { ArtifactService } from './artifact.service';
import { ReplayBundleService } from './replay-bundle.service';
import { notFoundHtml, replayPageHtml } from './replay-page.html';

/** The side-by-side 3D replay of a completed trial, served by the API until there is a web app. */
@ApiExcludeController()
@Controller('replay')
export class ReplayPageController {
  constructor(
    private readonly artifacts: ArtifactService,
    private readonly bundle: ReplayBundleService,
  ) {}

  @Get('assets/viewer.js')
  @Public()
  async viewer(@Res() response: Response): Promise<void> {
    const { script } = await this.bundle.get();
    // The page asks for it with ?v=<content hash>, so it can be cached for good.
    response
      .type('text/javascript; charset=utf-8')
      .setHeader('cache-control', 'public, max-age=31536000, immutable')
      .send(script);
  }

  @Get(':trialId')
  @Public()
  async page(
    @Param('trialId', new UuidParamPipe('trialId')) trialId: string,
    @Res() response: Response,
  ): Promise<void> {
    response.type('html');
    if (!(await this.artifacts.isReplayable(trialId))) {
      response.status(404).send(notFoundHtml(trialId));
      return;
    }
    response.send(replayPageHtml(trialId, (await this.bundle.get()).version));
  }
}
