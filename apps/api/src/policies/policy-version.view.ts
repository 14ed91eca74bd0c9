import { policyVersionHandle, type PolicyVersionRequirements } from '@policy-arena/domain';
import type { PolicyVersionEntity } from './policy-version.entity';

/** What anyone may see of a version: never its endpoint. */
export interface PublicPolicyVersionView {
  id: string;
  handle: string;
  name: string;
  version: string;
  artifactDigest: string;
  embodiment: string;
  requirements: PolicyVersionRequirements;
  status: string;
  createdAt: string;
}

/** What the owner (and admins) see: the private endpoint too. */
export interface OwnedPolicyVersionView extends PublicPolicyVersionView {
  endpoint: string;
  description: string | null;
  ownerId: string;
}

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
