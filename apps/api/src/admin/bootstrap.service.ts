import { ConflictException, Inject, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { join } from 'node:path';
import { AccountService, type CreatedAccount } from '../accounts/account.service';
import { AuditService } from '../audit/audit.service';
import { APP_CONFIG } from '../config/app-config.token';
import type { ResolvedConfig } from '../config/resolved-config';
import {
  newBootstrapToken,
  removeBootstrapTokenFile,
  tokensEqual,
  writeBootstrapTokenFile,
} from './bootstrap-token';

const BOOTSTRAPPED = 'platform.bootstrapped';

/**
 * The first admin is created over HTTP with a one-time token that only the operator can read:
 * ARENA_BOOTSTRAP_TOKEN, or a token the server writes to `<data dir>/bootstrap-token` at boot.
 * After it is used once, bootstrapping is closed for good (an audit event marks it).
 */
@Injectable()
export class BootstrapService {
  private readonly logger = new Logger('Bootstrap');
  private token: string | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    private readonly accounts: AccountService,
    private readonly audit: AuditService,
  ) {}

  get tokenFile(): string {
    return join(this.config.dataDir, 'bootstrap-token');
  }

  /** Called once at boot: arms bootstrapping unless it already happened. */
  async prepare(): Promise<void> {
    if (await this.audit.exists(BOOTSTRAPPED)) {
      await removeBootstrapTokenFile(this.tokenFile);
      return;
    }
    this.token = this.config.bootstrapToken ?? newBootstrapToken();
    if (!this.config.bootstrapToken) {
      await writeBootstrapTokenFile(this.tokenFile, this.token);
      this.logger.log(`No admin yet: run \`npx arena admin bootstrap\` (token in ${this.tokenFile})`);
    }
  }

  async bootstrap(token: string, displayName: string): Promise<CreatedAccount> {
    if (!this.token || (await this.audit.exists(BOOTSTRAPPED))) {
      throw new ConflictException('the platform already has its first admin; ask an admin for a key');
    }
    if (!tokensEqual(token, this.token))
      throw new UnauthorizedException('token: not the bootstrap token of this server');
    const created = await this.accounts.create({ role: 'admin', displayName }, null);
    await this.audit.record({
      actorId: created.account.id,
      type: BOOTSTRAPPED,
      subjectType: 'account',
      subjectId: created.account.id,
    });
    this.token = undefined;
    await removeBootstrapTokenFile(this.tokenFile);
    return created;
  }
}
