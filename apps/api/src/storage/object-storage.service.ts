import { CreateBucketCommand, HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG } from '../config/app-config.token';
import type { ResolvedConfig } from '../config/resolved-config';

/** Rollouts and videos live in S3 (or any S3-compatible store); Postgres keeps only their keys. */
@Injectable()
export class ObjectStorageService implements OnModuleDestroy {
  readonly client: S3Client;
  readonly bucket: string;

  constructor(@Inject(APP_CONFIG) private readonly config: ResolvedConfig) {
    this.bucket = config.s3.bucket;
    const { endpoint, region, accessKeyId, secretAccessKey } = config.s3;
    this.client = new S3Client({
      region,
      ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
      ...(accessKeyId && secretAccessKey ? { credentials: { accessKeyId, secretAccessKey } } : {}),
      // s3rver and several S3-compatible stores store aws-chunked bodies verbatim when the SDK
      // adds its default checksums; asking for checksums only when required keeps bodies intact.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 2,
    });
  }

  async ping(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
  }

  /** Embedded mode creates a missing bucket; against a real store a missing bucket is an operator error. */
  async ensureBucket(): Promise<void> {
    try {
      await this.ping();
    } catch (error) {
      if (!this.config.embedded.objectStorage) {
        throw new Error(
          `S3_BUCKET: bucket "${this.bucket}" is not reachable at ${this.config.s3.endpoint ?? 'AWS S3'} ` +
            `(${error instanceof Error ? error.name : String(error)}); create it or fix S3_ENDPOINT / credentials`,
        );
      }
      await this.client.send(new CreateBucketCommand({ Bucket: this.bucket }));
    }
  }

  onModuleDestroy(): void {
    this.client.destroy();
  }
}
