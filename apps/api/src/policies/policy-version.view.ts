import {
  policyVersionHandle,
  type OwnedPolicyVersionView,
  type PublicPolicyVersionView,
} from '@policy-arena/domain';
import type { PolicyVersionEntity } from './policy-version.entity';

export type { OwnedPolicyVersionView, PublicPolicyVersionView };

export function toPublicPolicyVersionView(p: PolicyVersionEntity): PublicPolicyVersionView {
  return {
    id: p.id,
    handle: policyVersionHandle(p.name, p.version),
    name: p.name,
    version: p.version,
    artifactDigest: p.artifactDigest,
    embodiment: p.embodiment,
    requirements: p.requirements,
    status: p.status,
    createdAt: p.createdAt.toISOString(),
  };
}

export function toOwnedPolicyVersionView(p: PolicyVersionEntity): OwnedPolicyVersionView {
  return {
    ...toPublicPolicyVersionView(p),
    endpoint: p.endpoint,
    description: p.description,
    ownerId: p.ownerId,
  };
}
