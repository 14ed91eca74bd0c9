import { Body, Controller, Delete, ForbiddenException, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { CreateAccount, CreateApiKey } from '@policy-arena/domain';
import { CurrentAccount, Roles } from '../common/auth/auth.decorators';
import { openApiSchema } from '../common/schema-to-openapi';
import { UuidParamPipe } from '../common/validation/uuid-param.pipe';
import { ZodPipe } from '../common/validation/zod-body.pipe';
import type { AccountEntity } from './account.entity';
import { AccountService } from './account.service';
import { toAccountView } from './account.view';
import { ApiKeyService } from './api-key.service';

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('api/v1')
export class AccountsController {
  constructor(
    private readonly accounts: AccountService,
    private readonly apiKeys: ApiKeyService,
  ) {}

  @Post('accounts')
  @Roles('admin')
  @ApiBody({ schema: openApiSchema(CreateAccount) })
  create(@Body(new ZodPipe(CreateAccount)) body: CreateAccount, @CurrentAccount() actor: AccountEntity) {
    return this.accounts.create(body, actor.id);
  }

  @Get('accounts')
  @Roles('admin')
  list() {
    return this.accounts.list();
  }

  @Get('accounts/me')
  me(@CurrentAccount() account: AccountEntity) {
    return toAccountView(account);
  }

  @Get('accounts/:accountId/keys')
  async keys(
    @Param('accountId', new UuidParamPipe('accountId')) accountId: string,
    @CurrentAccount() actor: AccountEntity,
  ) {
    this.assertSelfOrAdmin(accountId, actor);
    return this.apiKeys.listFor(accountId);
  }

  @Post('accounts/:accountId/keys')
  @ApiBody({ schema: openApiSchema(CreateApiKey) })
  async issueKey(
    @Param('accountId', new UuidParamPipe('accountId')) accountId: string,
    @Body(new ZodPipe(CreateApiKey)) body: CreateApiKey,
    @CurrentAccount() actor: AccountEntity,
  ) {
    this.assertSelfOrAdmin(accountId, actor);
    const account = await this.accounts.get(accountId);
    return this.apiKeys.issue(account, body.label, actor.id);
  }

  @Delete('api-keys/:keyId')
  revoke(@Param('keyId', new UuidParamPipe('keyId')) keyId: string, @CurrentAccount() actor: AccountEntity) {
    return this.apiKeys.revoke(keyId, actor);
  }

  private assertSelfOrAdmin(accountId: string, actor: AccountEntity): void {
    if (actor.role !== 'admin' && actor.id !== accountId) {
      throw new ForbiddenException('only an admin or the account itself may manage its keys');
    }
  }
}
