import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { requestContext } from './request-context';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** A caller's id is kept if it is short and plain (it ends up in logs); otherwise we make one. */
const acceptable = /^[A-Za-z0-9._:-]{1,128}$/;

export interface IdentifiedRequest extends Request {
  id?: string;
}

/**
 * Gives every request an id: the caller's `X-Request-Id` when acceptable, else a new UUID. The id
 * is echoed in the response header and is in scope (AsyncLocalStorage) for every log line the
 * request causes.
 */
export function requestIdMiddleware() {
  return (request: IdentifiedRequest, response: Response, next: NextFunction): void => {
    const offered = request.headers['x-request-id'];
    const id = typeof offered === 'string' && acceptable.test(offered) ? offered : randomUUID();
    request.id = id;
    response.setHeader(REQUEST_ID_HEADER, id);
    requestContext.run({ requestId: id }, next);
  };
}
