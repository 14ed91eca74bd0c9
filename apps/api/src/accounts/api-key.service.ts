import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { IssuedApiKey } from '@policy-arena/domain';
import { type EntityManager, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AccountEntity } from './account.entity';
import { issueSecret, parseSecretPrefix, secretMatches } from './api-key-secret';
import { ApiKeyEntity } from './api-key.entity';

export type { IssuedApiKey };

interface AuthenticatedKeyRow {
  key_hash: string;
  id: string;
  role: AccountEntity['role'];
  display_name: string;
  pseudonym: string;
  site_id: string | null;
  created_at: Date;
}

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
    // Every authenticated request passes here: plain SQL, because building and hydrating the
    // equivalent TypeORM find with a relation cost more CPU than the rest of a small request.
    const [row] = (await this.keys.manager.query(
      `SELECT k.key_hash, a.id, a.role, a.display_name, a.pseudonym, a.site_id, a.created_at
         FROM api_keys k JOIN accounts a ON a.id = k.account_id
        WHERE k.prefix = $1 AND k.revoked_at IS NULL`,
      [prefix],
    )) as AuthenticatedKeyRow[];
    if (!row || !secretMatches(key, row.key_hash)) return null;
    return Object.assign(new AccountEntity(), {
      id: row.id,
      role: row.role,
      displayName: row.display_name,
      pseudonym: row.pseudonym,
      siteId: row.site_id,
      createdAt: row.created_at,
    });
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
