import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../common/auth/auth.decorators';
import { ObjectStorageService } from '../storage/object-storage.service';

type Check = 'ok' | 'unreachable';

const withTimeout = <T>(promise: Promise<T>, ms: number): Promise<T> =>
  Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref()),
  ]);

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly storage: ObjectStorageService,
  ) {}

  /** 200 when Postgres and the object store both answer; 503 (naming which failed) otherwise. */
  @Get()
  @Public()
  async health(@Res({ passthrough: true }) response: Response) {
    const probe = async (fn: () => Promise<unknown>): Promise<Check> => {
      try {
        await withTimeout(fn(), 2000);
        return 'ok';
      } catch {
        return 'unreachable';
      }
    };
    const [database, objectStorage] = await Promise.all([
      probe(() => this.dataSource.query('SELECT 1')),
      probe(() => this.storage.ping()),
    ]);
    const ok = database === 'ok' && objectStorage === 'ok';
    response.status(ok ? 200 : 503);
    return {
      status: ok ? 'ok' : 'unhealthy',
      checks: { database, objectStorage },
      time: new Date().toISOString(),
    };
  }
}
