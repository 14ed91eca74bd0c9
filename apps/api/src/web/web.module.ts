import { type DynamicModule, Module } from '@nestjs/common';
import type { ResolvedConfig } from '../config/resolved-config';
import { BrowseController } from './browse.controller';
import { BrowseService } from './browse.service';
import { WebAppController } from './web-app.controller';
import { WebBundleService } from './web-bundle.service';
import { WEB_APP_CSP } from './web-app-csp.token';
import { webAppCsp } from './web-page-policy';

/** The web app (built on first request, served at /) and the public reads its pages need. */
@Module({})
export class WebModule {
  static register(config: Pick<ResolvedConfig, 's3'>): DynamicModule {
    return {
      module: WebModule,
      controllers: [BrowseController, WebAppController],
      providers: [BrowseService, WebBundleService, { provide: WEB_APP_CSP, useValue: webAppCsp(config) }],
    };
  }
}
