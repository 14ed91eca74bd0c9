import { Controller, Get, Headers, Inject, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../common/auth/auth.decorators';
import { WEB_APP_CSP } from './web-app-csp.token';
import { WebBundleService } from './web-bundle.service';

/** The web app's own paths (client-side routes); the API keeps /api, /health, /socket.io, /relay, /replay. */
export const WEB_APP_ROUTES = [
  '',
  'trials',
  'trials/:trialId',
  'policies/:handle',
  'evaluate',
  'research',
] as const;

/** Serves the web app: index.html for every app route, and its hashed assets. */
@ApiExcludeController()
@Controller()
export class WebAppController {
  constructor(
    private readonly bundle: WebBundleService,
    @Inject(WEB_APP_CSP) private readonly csp: string,
  ) {}

  @Get([...WEB_APP_ROUTES])
  @Public()
  async page(@Res() response: Response): Promise<void> {
    const { indexHtml } = await this.bundle.get();
    // The page names its assets by content hash, so only the page itself must be revalidated.
    // Its own CSP replaces the data one (default-src 'none') that every API response gets.
    response
      .type('html')
      .setHeader('cache-control', 'no-cache')
      .setHeader('content-security-policy', this.csp)
      .send(indexHtml);
  }

  @Get('assets/:file')
  @Public()
  async asset(
    @Param('file') file: string,
    @Headers('accept-encoding') acceptEncoding: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    const asset = (await this.bundle.get()).assets.get(file);
    if (!asset) throw new NotFoundException(`no web asset ${file}`);
    response
      .type(asset.contentType)
      .setHeader('cache-control', 'public, max-age=31536000, immutable')
      .setHeader('vary', 'accept-encoding');
    if (/\bgzip\b/.test(acceptEncoding ?? '')) {
      response.setHeader('content-encoding', 'gzip').send(asset.gzip);
    } else {
      response.send(asset.body);
    }
  }
}
