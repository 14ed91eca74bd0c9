import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import type { ApiErrorBody } from '../common/errors/api-error-body';
import { ArtifactRejectedException } from './artifact-rejected.exception';

/**
 * The global filter gives `details` only to 400s; a refused upload is a 422 (the request was
 * fine, the file was not) and its details say which check failed, so it gets this filter.
 */
@Catch(ArtifactRejectedException)
export class ArtifactRejectedFilter implements ExceptionFilter {
  catch(exception: ArtifactRejectedException, host: ArgumentsHost): void {
    const body: ApiErrorBody = {
      statusCode: 422,
      error: 'Unprocessable Entity',
      message: exception.message,
      details: exception.problems,
    };
    host.switchToHttp().getResponse<Response>().status(422).json(body);
  }
}
