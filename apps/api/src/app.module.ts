import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountEntity } from './accounts/account.entity';
import { AccountService } from './accounts/account.service';
import { AccountsController } from './accounts/accounts.controller';
import { ApiKeyEntity } from './accounts/api-key.entity';
import { ApiKeyService } from './accounts/api-key.service';
import { AdminController } from './admin/admin.controller';
import { artifactControllers, artifactProviders } from './artifacts/artifacts.providers';
import { BootstrapService } from './admin/bootstrap.service';
import { AuditEventEntity } from './audit/audit-event.entity';
import { AuditService } from './audit/audit.service';
import { ApiKeyGuard } from './common/auth/api-key.guard';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { APP_CONFIG } from './config/app-config.token';
import type { ResolvedConfig } from './config/resolved-config';
import { dataSourceOptions } from './database/data-source-options';
import { HealthController } from './health/health.controller';
import { LeaderboardController } from './leaderboard/leaderboard.controller';
import { LeaderboardService } from './leaderboard/leaderboard.service';
import { RatingWorkerService } from './ratings/rating-worker.service';
import { BrowseController } from './web/browse.controller';
import { BrowseService } from './web/browse.service';
import { PolicyVersionEntity } from './policies/policy-version.entity';
import { PolicyVersionService } from './policies/policy-version.service';
import { PolicyVersionsController } from './policies/policy-versions.controller';
import { SiteEntity } from './sites/site.entity';
import { SiteService } from './sites/site.service';
import { SitesController } from './sites/sites.controller';
import { StationEntity } from './sites/station.entity';
import { ObjectStorageService } from './storage/object-storage.service';
import { TrialService } from './trials/trial.service';
import { ExportController } from './leaderboard/export.controller';
import { RatingSnapshotEntity } from './leaderboard/rating-snapshot.entity';
import { LiveBoardService } from './live/live-board.service';
import { LiveGateway } from './live/live.gateway';
import { EndpointHealthService } from './policies/endpoint-health.service';
import { BlindRelayService } from './relay/blind-relay.service';
import { StationService } from './stations/station.service';
import { StationsController } from './stations/stations.controller';
import { StationsGateway } from './stations/stations.gateway';
import { LeaseSweeperService } from './trials/lease-sweeper.service';
import { MatchmakerService } from './trials/matchmaker.service';
import { TrialEntity } from './trials/trial.entity';
import { TrialsController } from './trials/trials.controller';
import { WebModule } from './web/web.module';
import { MetricsController } from './observability/metrics.controller';
import { MetricsService } from './observability/metrics.service';

@Module({})
export class AppModule {
  static register(config: ResolvedConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRoot({
          ...dataSourceOptions(config.databaseUrl),
          retryAttempts: 3,
          retryDelay: 500,
        }),
        TypeOrmModule.forFeature([
          SiteEntity,
          StationEntity,
          AccountEntity,
          ApiKeyEntity,
          PolicyVersionEntity,
          AuditEventEntity,
          TrialEntity,
          RatingSnapshotEntity,
        ]),
        WebModule.register(config),
      ],
      controllers: [
        HealthController,
        AdminController,
        AccountsController,
        SitesController,
        PolicyVersionsController,
        TrialsController,
        LeaderboardController,
        ExportController,
        StationsController,
        ...artifactControllers,
        MetricsController,
        BrowseController,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        AuditService,
        ApiKeyService,
        AccountService,
        BootstrapService,
        SiteService,
        PolicyVersionService,
        TrialService,
        LeaderboardService,
        RatingWorkerService,
        ObjectStorageService,
        EndpointHealthService,
        MatchmakerService,
        LeaseSweeperService,
        LiveBoardService,
        LiveGateway,
        StationService,
        StationsGateway,
        BlindRelayService,
        ...artifactProviders,
        MetricsService,
        BrowseService,
      ],
    };
  }
}
