import type { Request } from 'express';
import type { AccountEntity } from '../../accounts/account.entity';

export interface AuthenticatedRequest extends Request {
  account?: AccountEntity;
}
