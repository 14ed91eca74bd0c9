import type { LoggerService, LogLevel } from '@nestjs/common';
import { currentRequestId } from './request-context';

const levelNames: Record<LogLevel, string> = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

export type LogFields = Record<string, unknown>;

/**
 * One JSON object per line on stdout — `{time, level, context, msg, requestId?, …}` — for log
 * collectors in production. Nest passes the context as the last string argument, and an error's
 * stack as the one before it.
 */
export class JsonLogger implements LoggerService {
  private enabled: Set<LogLevel>;

  constructor(
    levels: LogLevel[] = ['fatal', 'error', 'warn', 'log'],
    private readonly write: (line: string) => void = (line) => process.stdout.write(line),
  ) {
    this.enabled = new Set(levels);
  }

  setLogLevels(levels: LogLevel[]): void {
    this.enabled = new Set(levels);
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.emit('log', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.emit('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.emit('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.emit('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.emit('verbose', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.emit('fatal', message, rest);
  }

  /** A log line with fields of its own (the access log uses it). */
  fields(level: LogLevel, context: string, msg: string, fields: LogFields): void {
    if (!this.enabled.has(level)) return;
    this.line({ level: levelNames[level], context, msg, ...fields });
  }

  private emit(level: LogLevel, message: unknown, rest: unknown[]): void {
    if (!this.enabled.has(level)) return;
    const args = [...rest];
    const context = typeof args[args.length - 1] === 'string' ? (args.pop() as string) : undefined;
    const stack =
      level === 'error' || level === 'fatal' ? args.find((a) => typeof a === 'string') : undefined;
    const entry: LogFields = { level: levelNames[level], context };
    if (message instanceof Error) {
      entry.msg = message.message;
      entry.stack = message.stack;
    } else if (typeof message === 'object' && message !== null) {
      Object.assign(entry, message);
    } else {
      entry.msg = String(message);
    }
    if (stack !== undefined) entry.stack = stack;
    this.line(entry);
  }

  private line(entry: LogFields): void {
    const requestId = entry.requestId ?? currentRequestId();
    this.write(
      JSON.stringify({ time: new Date().toISOString(), pid: process.pid, ...entry, requestId }) + '\n',
    );
  }
}
