import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { IssuedApiKey } from '@policy-arena/domain';
import { type EntityManager, IsNull, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AccountEntity } from './account.entity';
import { issueSecret, parseSecretPrefix, secretMatches } from './api-key-secret';
import { ApiKeyEntity } from './api-key.entity';

export type { IssuedApiKey };

@Injectable()
export class ApiKeyService {
  constructor(
    @InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>,
    private readonly audit: AuditService,
  ) {}

  async issue(
    account: AccountEntity,
    label: string,
    actorId: string | null,
    manager?: EntityManager,
  ): Promise<IssuedApiKey> {
    const repo = manager ? manager.getRepository(ApiKeyEntity) : this.keys;
    const secret = issueSecret('pa');
    const row = await repo.save(
      repo.create({
        accountId: account.id,
        label,
        prefix: secret.prefix,
        keyHash: secret.hash,
        revokedAt: null,
      }),
    );
    await this.audit.record(
      {
        actorId,
        type: 'api_key.issued',
        subjectType: 'api_key',
        subjectId: row.id,
        data: { accountId: account.id, label },
      },
      manager,
    );
    return { id: row.id, label, key: secret.key, createdAt: row.createdAt.toISOString() };
  }

  async authenticate(key: string): Promise<AccountEntity | null> {
    const prefix = parseSecretPrefix(key, 'pa');
    if (!prefix) return null;
    const row = await this.keys.findOne({
      where: { prefix, revokedAt: IsNull() },
      relations: { account: true },
    });
    if (!row || !row.account || !secretMatches(key, row.keyHash)) return null;
    return row.account;
  }

  async listFor(
    accountId: string,
  ): Promise<{ id: string; label: string; createdAt: string; revokedAt: string | null }[]> {
    const rows = await this.keys.find({ where: { accountId }, order: { createdAt: 'ASC' } });
    return rows.map((r) => ({
      id: r.id,
      label: r.label,
      createdAt: r.createdAt.toISOString(),
      revokedAt: r.revokedAt?.toISOString() ?? null,
    }));
  }

  async revoke(keyId: string, actor: AccountEntity): Promise<{ id: string; revokedAt: string }> {
    const row = await this.keys.findOne({ where: { id: keyId } });
    if (!row) throw new NotFoundException(`api key ${keyId} not found`);
    if (actor.role !== 'admin' && row.accountId !== actor.id) {
      throw new ForbiddenException('only an admin or the key’s own account may revoke it');
    }
    if (!row.revokedAt) {
      row.revokedAt = new Date();
      await this.keys.save(row);
      await this.audit.record({
        actorId: actor.id,
        type: 'api_key.revoked',
        subjectType: 'api_key',
        subjectId: row.id,
        data: {},
      });
    }
    return { id: row.id, revokedAt: row.revokedAt.toISOString() };
  }
}
