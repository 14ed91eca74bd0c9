import type { AppConfig } from './app-config';

/** AppConfig once the embedded services (if any) have started: every address is now known. */
export interface ResolvedConfig extends AppConfig {
  databaseUrl: string;
  embedded: { postgres: boolean; objectStorage: boolean };
  s3: AppConfig['s3'] & {
    endpoint: string | undefined;
    accessKeyId: string | undefined;
    secretAccessKey: string | undefined;
  };
}
