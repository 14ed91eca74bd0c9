import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../common/auth/auth.decorators';
import { MetricsService } from './metrics.service';

/**
 * Prometheus' scrape target. Public like /health: it holds counts and latencies, nothing about
 * who evaluated what; keep it off the public ingress in production (see infra/README.md).
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @Public()
  async scrape(@Res() response: Response): Promise<void> {
    const { contentType, body } = await this.metrics.exposition();
    response.setHeader('content-type', contentType);
    response.send(body);
  }
}
