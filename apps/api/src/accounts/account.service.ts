import { Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { CreateAccount, CreatedAccount } from '@policy-arena/domain';
import { DataSource, type Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { SiteEntity } from '../sites/site.entity';
import { AccountEntity } from './account.entity';
import { toAccountView, type AccountView } from './account.view';
import { ApiKeyService } from './api-key.service';
import { newPseudonym } from './pseudonym';

export type { CreatedAccount };

@Injectable()
export class AccountService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(AccountEntity) private readonly accounts: Repository<AccountEntity>,
    private readonly apiKeys: ApiKeyService,
    private readonly audit: AuditService,
  ) {}

  /** Creates the account and its first key in one transaction: no account is left without a key. */
  async create(input: CreateAccount, actorId: string | null): Promise<CreatedAccount> {
    return this.dataSource.transaction(async (manager) => {
      if (input.siteId !== undefined) {
        const site = await manager.findOne(SiteEntity, { where: { id: input.siteId } });
        if (!site) throw new UnprocessableEntityException(`siteId: no site with id ${input.siteId}`);
      }
      const repo = manager.getRepository(AccountEntity);
      const account = await repo.save(
        repo.create({
          role: input.role,
          displayName: input.displayName,
          pseudonym: newPseudonym(input.role),
          siteId: input.siteId ?? null,
        }),
      );
      await this.audit.record(
        {
          actorId,
          type: 'account.created',
          subjectType: 'account',
          subjectId: account.id,
          data: { role: input.role },
        },
        manager,
      );
      const apiKey = await this.apiKeys.issue(account, 'default', actorId, manager);
      return { account: toAccountView(account), apiKey };
    });
  }

  async get(id: string): Promise<AccountEntity> {
    const account = await this.accounts.findOne({ where: { id } });
    if (!account) throw new NotFoundException(`account ${id} not found`);
    return account;
  }

  async list(): Promise<AccountView[]> {
    return (await this.accounts.find({ order: { createdAt: 'ASC' } })).map(toAccountView);
  }
}
