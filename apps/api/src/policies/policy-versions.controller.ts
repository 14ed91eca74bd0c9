import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { RegisterPolicyVersion } from '@policy-arena/domain';
import type { AccountEntity } from '../accounts/account.entity';
import { CurrentAccount, Public, Roles } from '../common/auth/auth.decorators';
import { openApiSchema } from '../common/schema-to-openapi';
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
}
