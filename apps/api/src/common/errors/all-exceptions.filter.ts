import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Response } from 'express';
import type { ApiErrorBody } from './api-error-body';
import { FieldValidationException } from './field-validation.exception';
import { unavailableDependency } from './unavailable-dependency';

const reasonPhrases: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

interface BodyParserError {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
  message?: string;
}

/**
 * Turns every error into the one body shape. Unknown errors become a bare 500 — the stack goes
 * to the log, never to the client.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = toErrorBody(exception);
    if (body.statusCode >= 500)
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    response.status(body.statusCode).json(body);
  }
}

/** The one error body for any exception: shared by HTTP routes and socket acknowledgements. */
export function toErrorBody(exception: unknown): ApiErrorBody {
  if (exception instanceof FieldValidationException) {
    return {
      statusCode: 400,
      error: reasonPhrases[400]!,
      message: exception.message,
      details: exception.problems,
    };
  }
  // Errors raised by the body parser before any route runs (malformed JSON, body too large);
  // the Express adapter wraps them in an HttpException whose cause is the parser's error.
  const parserError = (exception instanceof HttpException ? exception.cause : exception) as
    BodyParserError | undefined;
  const parserStatus = parserError?.statusCode ?? parserError?.status;
  if (
    typeof parserStatus === 'number' &&
    parserStatus >= 400 &&
    parserStatus < 500 &&
    parserError?.expose !== false
  ) {
    const problem =
      parserError?.type === 'entity.parse.failed' || parserError instanceof SyntaxError
        ? 'not valid JSON'
        : parserError?.type === 'entity.too.large'
          ? 'larger than the accepted limit'
          : (parserError?.message ?? 'not accepted');
    return {
      statusCode: parserStatus,
      error: reasonPhrases[parserStatus] ?? 'Error',
      message: `body: ${problem}`,
      details: [{ field: 'body', problem }],
    };
  }
  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();
    const response = exception.getResponse();
    const message =
      typeof response === 'string'
        ? response
        : typeof (response as { message?: unknown }).message === 'string'
          ? (response as { message: string }).message
          : exception.message;
    return { statusCode, error: reasonPhrases[statusCode] ?? 'Error', message };
  }
  const down = unavailableDependency(exception);
  if (down) {
    return {
      statusCode: HttpStatus.SERVICE_UNAVAILABLE,
      error: reasonPhrases[503]!,
      message: `${down} is unavailable right now, so this request did not complete; try again shortly`,
    };
  }
  return {
    statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
    error: reasonPhrases[500]!,
    message: 'internal error; it has been logged',
  };
}
