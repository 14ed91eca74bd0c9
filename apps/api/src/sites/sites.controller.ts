import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { CreateSite } from '@policy-arena/domain';
import type { AccountEntity } from '../accounts/account.entity';
import { CurrentAccount, Roles } from '../common/auth/auth.decorators';
import { openApiSchema } from '../common/schema-to-openapi';
import { ZodPipe } from '../common/validation/zod-body.pipe';
import { SiteService } from './site.service';

@ApiTags('sites')
@ApiBearerAuth()
@Controller('api/v1/sites')
export class SitesController {
  constructor(private readonly sites: SiteService) {}

  @Post()
  @Roles('admin')
  @ApiBody({ schema: openApiSchema(CreateSite) })
  create(@Body(new ZodPipe(CreateSite)) body: CreateSite, @CurrentAccount() actor: AccountEntity) {
    return this.sites.create(body, actor.id);
  }

  @Get()
  @Roles('admin')
  list() {
    return this.sites.list();
  }
}
