/**
 * The ceiling for the load benchmark: the smallest NestJS app on the same platform (Express,
 * Nest 12, the same Node), one route answering `{ok: true}`. Whatever the real API reaches is read
 * as a fraction of this.
 *
 *   PORT=4000 node -r @swc-node/register test/load/minimal-nest-app.ts
 */
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

@Controller()
class PingController {
  @Get('ping')
  ping(): { ok: true } {
    return { ok: true };
  }
}

@Module({ controllers: [PingController] })
class MinimalModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create(MinimalModule, { logger: false });
  await app.listen(Number(process.env['PORT'] ?? 4000), '127.0.0.1');
  process.stdout.write('ready\n');
}

void main();
