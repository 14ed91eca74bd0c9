import { ConflictException, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { CreateSite, SiteView } from '@policy-arena/domain';
import type { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { SiteEntity } from './site.entity';

export type { SiteView };

const toView = (s: SiteEntity): SiteView => ({
  id: s.id,
  slug: s.slug,
  name: s.name,
  createdAt: s.createdAt.toISOString(),
});

@Injectable()
export class SiteService {
  constructor(
    @InjectRepository(SiteEntity) private readonly sites: Repository<SiteEntity>,
    private readonly audit: AuditService,
  ) {}

  async create(input: CreateSite, actorId: string): Promise<SiteView> {
    if (await this.sites.exists({ where: { slug: input.slug } })) {
      throw new ConflictException(`slug: a site "${input.slug}" already exists`);
    }
    const site = await this.sites.save(this.sites.create(input));
    await this.audit.record({
      actorId,
      type: 'site.created',
      subjectType: 'site',
      subjectId: site.id,
      data: { slug: site.slug },
    });
    return toView(site);
  }

  async list(): Promise<SiteView[]> {
    return (await this.sites.find({ order: { createdAt: 'ASC' } })).map(toView);
  }
}
