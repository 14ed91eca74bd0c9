import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AccountRole } from '@policy-arena/domain';
import { ApiKeyService } from '../../accounts/api-key.service';
import { ALLOWED_ROLES, PUBLIC_ROUTE } from './auth.decorators';
import type { AuthenticatedRequest } from './authenticated-request';

/** Every route needs `Authorization: Bearer <api key>` unless it is marked @Public(). */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeyService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Socket gateways authenticate in their namespace middleware, before any event arrives.
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const match = header?.match(/^Bearer\s+(\S+)$/i);
    if (!match) {
      throw new UnauthorizedException('headers.authorization: expected "Bearer <api key>"');
    }
    const account = await this.apiKeys.authenticate(match[1]!);
    if (!account) throw new UnauthorizedException('headers.authorization: unknown or revoked API key');
    request.account = account;
    const roles = this.reflector.getAllAndOverride<AccountRole[] | undefined>(ALLOWED_ROLES, targets);
    if (roles && !roles.includes(account.role)) {
      throw new ForbiddenException(
        `this action needs the role ${roles.join(' or ')}; your key is for a ${account.role}`,
      );
    }
    return true;
  }
}
