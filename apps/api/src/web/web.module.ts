import { type DynamicModule, Module } from '@nestjs/common';
import type { ResolvedConfig } from '../config/resolved-config';
import { WebAppController } from './web-app.controller';
import { WebBundleService } from './web-bundle.service';
import { WEB_APP_CSP } from './web-app-csp.token';
import { webAppCsp } from './web-page-policy';

/**
 * The web app (built on first request, served at /). The public reads its pages call
 * (BrowseController) live in the AppModule, beside the rating worker they use.
 */
@Module({})
export class WebModule {
  static register(config: Pick<ResolvedConfig, 's3'>): DynamicModule {
    return {
      module: WebModule,
      controllers: [WebAppController],
      providers: [WebBundleService, { provide: WEB_APP_CSP, useValue: webAppCsp(config) }],
    };
  }
}
