import { ConflictException, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { policyVersionHandle, type RegisterPolicyVersion } from '@policy-arena/domain';
import { QueryFailedError, type Repository } from 'typeorm';
import type { AccountEntity } from '../accounts/account.entity';
import { AuditService } from '../audit/audit.service';
import { PolicyVersionEntity } from './policy-version.entity';
import {
  toOwnedPolicyVersionView,
  toPublicPolicyVersionView,
  type OwnedPolicyVersionView,
  type PublicPolicyVersionView,
} from './policy-version.view';

const UNIQUE_VIOLATION = '23505';

@Injectable()
export class PolicyVersionService {
  constructor(
    @InjectRepository(PolicyVersionEntity) private readonly versions: Repository<PolicyVersionEntity>,
    private readonly audit: AuditService,
  ) {}

  async register(input: RegisterPolicyVersion, owner: AccountEntity): Promise<OwnedPolicyVersionView> {
    const handle = policyVersionHandle(input.name, input.version);
    try {
      const saved = await this.versions.save(
        this.versions.create({
          ownerId: owner.id,
          name: input.name,
          version: input.version,
          artifactDigest: input.artifactDigest,
          embodiment: input.embodiment,
          requirements: input.requirements,
          endpoint: input.endpoint,
          description: input.description ?? null,
          status: 'active',
        }),
      );
      await this.audit.record({
        actorId: owner.id,
        type: 'policy_version.registered',
        subjectType: 'policy_version',
        subjectId: saved.id,
        data: { handle },
      });
      return toOwnedPolicyVersionView(saved);
    } catch (error) {
      // Versions are immutable: a name@version is registered once, by anyone, forever.
      if (
        error instanceof QueryFailedError &&
        (error.driverError as { code?: string }).code === UNIQUE_VIOLATION
      ) {
        throw new ConflictException(
          `name, version: ${handle} is already registered; versions are immutable, register a new version`,
        );
      }
      throw error;
    }
  }

  async listPublic(): Promise<PublicPolicyVersionView[]> {
    return (await this.versions.find({ order: { name: 'ASC', version: 'ASC' } })).map(
      toPublicPolicyVersionView,
    );
  }

  async listOwnedBy(ownerId: string): Promise<OwnedPolicyVersionView[]> {
    return (await this.versions.find({ where: { ownerId }, order: { name: 'ASC', version: 'ASC' } })).map(
      toOwnedPolicyVersionView,
    );
  }
}
