import type { LoggerService, LogLevel } from '@nestjs/common';
import { JsonLogger } from './json-logger';

export type LoggerOption = LoggerService | LogLevel[] | false;

/**
 * The platform's logger: JSON lines in production (`ARENA_LOG_FORMAT=json`), Nest's readable
 * console logger in development. An explicit logger or `false` from the caller wins.
 */
export function appLogger(format: 'json' | 'pretty', option: LoggerOption): LoggerOption {
  if (option === false || !Array.isArray(option)) return option;
  return format === 'json' ? new JsonLogger(option) : option;
}
