import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { AuditEventEntity } from './audit-event.entity';

export interface AuditRecord {
  actorId: string | null;
  type: string;
  subjectType: string;
  subjectId: string;
  data?: Record<string, unknown>;
}

@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEventEntity) private readonly events: Repository<AuditEventEntity>) {}

  /** Written inside the caller's transaction when one is given, so the action and its record commit together. */
  async record(event: AuditRecord, manager?: EntityManager): Promise<void> {
    const repo = manager ? manager.getRepository(AuditEventEntity) : this.events;
    // jsonb columns are typed loosely by TypeORM's deep-partial insert type.
    await repo.insert({ ...event, data: (event.data ?? {}) as never });
  }

  async exists(type: string): Promise<boolean> {
    return (await this.events.count({ where: { type } })) > 0;
  }
}
