import { Module } from '@nestjs/common';
import { BrowseController } from './browse.controller';
import { BrowseService } from './browse.service';
import { WebAppController } from './web-app.controller';
import { WebBundleService } from './web-bundle.service';

/** The web app (built on first request, served at /) and the public reads its pages need. */
@Module({
  controllers: [BrowseController, WebAppController],
  providers: [BrowseService, WebBundleService],
})
export class WebModule {}
