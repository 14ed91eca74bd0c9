import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { CreateStation } from '@policy-arena/domain';
import type { Repository } from 'typeorm';
import { issueSecret, parseSecretPrefix, secretMatches } from '../accounts/api-key-secret';
import { AuditService } from '../audit/audit.service';
import { SiteEntity } from '../sites/site.entity';
import { StationEntity } from '../sites/station.entity';

export interface StationView {
  id: string;
  siteId: string;
  name: string;
  embodiment: string;
  cameras: string[];
  createdAt: string;
}

const toView = (s: StationEntity): StationView => ({
  id: s.id,
  siteId: s.siteId,
  name: s.name,
  embodiment: s.embodiment,
  cameras: s.cameras,
  createdAt: s.createdAt.toISOString(),
});

@Injectable()
export class StationService {
  constructor(
    @InjectRepository(StationEntity) private readonly stations: Repository<StationEntity>,
    @InjectRepository(SiteEntity) private readonly sites: Repository<SiteEntity>,
    private readonly audit: AuditService,
  ) {}

  /** Registers a robot at a site; its token (like an API key, stored hashed) is shown once. */
  async create(
    siteId: string,
    input: CreateStation,
    actorId: string,
  ): Promise<{ station: StationView; token: string }> {
    if (!(await this.sites.exists({ where: { id: siteId } })))
      throw new NotFoundException(`site ${siteId} not found`);
    const secret = issueSecret('st');
    const station = await this.stations.save(
      this.stations.create({ siteId, ...input, tokenPrefix: secret.prefix, tokenHash: secret.hash }),
    );
    await this.audit.record({
      actorId,
      type: 'station.created',
      subjectType: 'station',
      subjectId: station.id,
      data: { siteId, embodiment: input.embodiment },
    });
    return { station: toView(station), token: secret.key };
  }

  async list(siteId: string): Promise<StationView[]> {
    return (await this.stations.find({ where: { siteId }, order: { createdAt: 'ASC' } })).map(toView);
  }

  async authenticate(token: string): Promise<StationEntity | null> {
    const prefix = parseSecretPrefix(token, 'st');
    if (!prefix) return null;
    const station = await this.stations.findOne({ where: { tokenPrefix: prefix } });
    return station?.tokenHash && secretMatches(token, station.tokenHash) ? station : null;
  }
}
