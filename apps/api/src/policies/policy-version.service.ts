import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  policyVersionHandle,
  type RegisterPolicyVersion,
  type UpdatePolicyVersion,
} from '@policy-arena/domain';
import type { Repository } from 'typeorm';
import type { AccountEntity } from '../accounts/account.entity';
import { AuditService } from '../audit/audit.service';
import { isUniqueViolation } from '../database/postgres-errors';
import { TrialEntity } from '../trials/trial.entity';
import { EndpointHealthService } from './endpoint-health.service';
import { PolicyVersionEntity } from './policy-version.entity';
import {
  toOwnedPolicyVersionView,
  toPublicPolicyVersionView,
  type OwnedPolicyVersionView,
  type PublicPolicyVersionView,
} from './policy-version.view';

@Injectable()
export class PolicyVersionService {
  constructor(
    @InjectRepository(PolicyVersionEntity) private readonly versions: Repository<PolicyVersionEntity>,
    @InjectRepository(TrialEntity) private readonly trials: Repository<TrialEntity>,
    private readonly audit: AuditService,
    private readonly endpointHealth: EndpointHealthService,
  ) {}

  async register(input: RegisterPolicyVersion, owner: AccountEntity): Promise<OwnedPolicyVersionView> {
    const handle = policyVersionHandle(input.name, input.version);
    let saved: PolicyVersionEntity;
    try {
      saved = await this.versions.save(
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
          lastHealthyAt: null,
          lastHealthCheckAt: null,
        }),
      );
    } catch (error) {
      // Versions are immutable: a name@version is registered once, by anyone, forever.
      if (isUniqueViolation(error)) {
        throw new ConflictException(
          `name, version: ${handle} is already registered; versions are immutable, register a new version`,
        );
      }
      throw error;
    }
    await this.audit.record({
      actorId: owner.id,
      type: 'policy_version.registered',
      subjectType: 'policy_version',
      subjectId: saved.id,
      data: { handle },
    });
    // First health check right away, so the version can be drawn without waiting for the sweep.
    await this.endpointHealth.refresh([saved]);
    return toOwnedPolicyVersionView(saved);
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

  /**
   * Pause, resume or retire, or move the server. Retiring is final: the version gets no new
   * trials, and its results stay on the public record.
   */
  async update(
    id: string,
    input: UpdatePolicyVersion,
    actor: AccountEntity,
  ): Promise<OwnedPolicyVersionView> {
    const version = await this.ownedBy(id, actor);
    if (input.status !== undefined && version.status === 'retired' && input.status !== 'retired') {
      throw new ConflictException('status: a retired version stays retired; register a new version instead');
    }
    const statusFrom = version.status;
    let endpointChanged = false;
    if (input.status !== undefined) version.status = input.status;
    if (input.endpoint !== undefined && input.endpoint !== version.endpoint) {
      version.endpoint = input.endpoint;
      version.lastHealthyAt = null;
      version.lastHealthCheckAt = null;
      endpointChanged = true;
    }
    await this.versions.save(version);
    await this.audit.record({
      actorId: actor.id,
      type: 'policy_version.updated',
      subjectType: 'policy_version',
      subjectId: id,
      // The endpoint itself stays out of the audit data: it is private to the owner.
      data: { statusFrom, statusTo: version.status, endpointChanged },
    });
    if (endpointChanged) await this.endpointHealth.refresh([version]);
    return toOwnedPolicyVersionView(version);
  }

  /** Only a version that was never drawn into a trial may be deleted; evaluated ones can only retire. */
  async withdraw(id: string, actor: AccountEntity): Promise<void> {
    const version = await this.ownedBy(id, actor);
    const used = await this.trials.exists({ where: [{ policyAId: id }, { policyBId: id }] });
    if (used) {
      throw new ConflictException(
        'this version has been evaluated; its results stay on the public record. Retire it to stop new trials',
      );
    }
    await this.versions.delete({ id });
    await this.audit.record({
      actorId: actor.id,
      type: 'policy_version.withdrawn',
      subjectType: 'policy_version',
      subjectId: id,
      data: { handle: policyVersionHandle(version.name, version.version) },
    });
  }

  private async ownedBy(id: string, actor: AccountEntity): Promise<PolicyVersionEntity> {
    const version = await this.versions.findOne({ where: { id } });
    if (!version) throw new NotFoundException(`policy version ${id} not found`);
    if (actor.role !== 'admin' && version.ownerId !== actor.id) {
      throw new ForbiddenException('only the owner of a version or an admin may change it');
    }
    return version;
  }
}
