import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { RegisterPolicyVersion, UpdatePolicyVersion } from '@policy-arena/domain';
import type { AccountEntity } from '../accounts/account.entity';
import { CurrentAccount, Public, Roles } from '../common/auth/auth.decorators';
import { openApiSchema } from '../common/schema-to-openapi';
import { UuidParamPipe } from '../common/validation/uuid-param.pipe';
import { ZodPipe } from '../common/validation/zod-body.pipe';
import { PolicyVersionService } from './policy-version.service';

@ApiTags('policy versions')
@Controller('api/v1/policy-versions')
export class PolicyVersionsController {
  constructor(private readonly versions: PolicyVersionService) {}

  @Post()
  @Roles('researcher', 'admin')
  @ApiBearerAuth()
  @ApiBody({ schema: openApiSchema(RegisterPolicyVersion) })
  register(
    @Body(new ZodPipe(RegisterPolicyVersion)) body: RegisterPolicyVersion,
    @CurrentAccount() owner: AccountEntity,
  ) {
    return this.versions.register(body, owner);
  }

  @Get()
  @Public()
  list() {
    return this.versions.listPublic();
  }

  @Get('mine')
  @Roles('researcher', 'admin')
  @ApiBearerAuth()
  mine(@CurrentAccount() owner: AccountEntity) {
    return this.versions.listOwnedBy(owner.id);
  }

  @Patch(':versionId')
  @Roles('researcher', 'admin')
  @ApiBearerAuth()
  @ApiBody({ schema: openApiSchema(UpdatePolicyVersion) })
  update(
    @Param('versionId', new UuidParamPipe('versionId')) versionId: string,
    @Body(new ZodPipe(UpdatePolicyVersion)) body: UpdatePolicyVersion,
    @CurrentAccount() actor: AccountEntity,
  ) {
    return this.versions.update(versionId, body, actor);
  }

  @Delete(':versionId')
  @Roles('researcher', 'admin')
  @ApiBearerAuth()
  @HttpCode(204)
  withdraw(
    @Param('versionId', new UuidParamPipe('versionId')) versionId: string,
    @CurrentAccount() actor: AccountEntity,
  ) {
    return this.versions.withdraw(versionId, actor);
  }
}
