import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { AccountRole } from '@policy-arena/domain';
import type { AccountEntity } from '../../accounts/account.entity';
import type { AuthenticatedRequest } from './authenticated-request';

export const PUBLIC_ROUTE = 'arena:public';
export const ALLOWED_ROLES = 'arena:roles';

/** Anyone may call this route, without a key. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** Only these roles may call this route (every other route still needs a valid key). */
export const Roles = (...roles: AccountRole[]) => SetMetadata(ALLOWED_ROLES, roles);

/** The account whose key authenticated this request. */
export const CurrentAccount = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AccountEntity =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().account!,
);
