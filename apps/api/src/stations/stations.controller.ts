import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { CreateStation } from '@policy-arena/domain';
import type { AccountEntity } from '../accounts/account.entity';
import { CurrentAccount, Roles } from '../common/auth/auth.decorators';
import { openApiSchema } from '../common/schema-to-openapi';
import { UuidParamPipe } from '../common/validation/uuid-param.pipe';
import { ZodPipe } from '../common/validation/zod-body.pipe';
import { StationService } from './station.service';

@ApiTags('sites')
@ApiBearerAuth()
@Controller('api/v1/sites/:siteId/stations')
export class StationsController {
  constructor(private readonly stations: StationService) {}

  @Post()
  @Roles('admin')
  @ApiBody({ schema: openApiSchema(CreateStation) })
  create(
    @Param('siteId', new UuidParamPipe('siteId')) siteId: string,
    @Body(new ZodPipe(CreateStation)) body: CreateStation,
    @CurrentAccount() admin: AccountEntity,
  ) {
    return this.stations.create(siteId, body, admin.id);
  }

  @Get()
  @Roles('admin')
  list(@Param('siteId', new UuidParamPipe('siteId')) siteId: string) {
    return this.stations.list(siteId);
  }
}
