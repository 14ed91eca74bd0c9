import { Logger } from '@nestjs/common';

/**
 * Node prints process warnings (deprecations, a library's notice about Node versions) to stderr
 * as several lines of plain text; with JSON logs they become one `warn` entry each instead.
 */
export function logProcessWarningsAsJson(): void {
  const logger = new Logger('node');
  process.removeAllListeners('warning');
  process.on('warning', (warning) => logger.warn({ msg: warning.message, warning: warning.name }));
}
