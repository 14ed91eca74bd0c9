import type { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { Injectable } from '@nestjs/common';
import { ObjectStorageService } from '../storage/object-storage.service';

export interface StoredObject {
  bytes: number;
  contentType: string | undefined;
}

/** How long handed-out URLs stay valid. */
export const PUT_URL_SECONDS = 15 * 60;
export const PART_URL_SECONDS = 60 * 60;
export const GET_URL_SECONDS = 60 * 60;

const isMissing = (error: unknown) => {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404;
};

/**
 * The S3 side of artifacts, on the platform's one S3 client: presigned URLs so bytes go straight
 * from the uploader to the bucket (and from the bucket to the viewer), never through the API.
 */
@Injectable()
export class ArtifactObjectsService {
  constructor(private readonly storage: ObjectStorageService) {}

  /**
   * A single-request upload. Content-Type and Content-Length are signed, so the store itself
   * refuses a body of another size or type; verification checks again (other stores, multipart).
   */
  presignPut(key: string, contentType: string, bytes: number): Promise<string> {
    return getSignedUrl(
      this.storage.client,
      new PutObjectCommand({
        Bucket: this.storage.bucket,
        Key: key,
        ContentType: contentType,
        ContentLength: bytes,
      }),
      { expiresIn: PUT_URL_SECONDS, signableHeaders: new Set(['content-type', 'content-length']) },
    );
  }

  async startMultipart(key: string, contentType: string): Promise<string> {
    const created = await this.storage.client.send(
      new CreateMultipartUploadCommand({ Bucket: this.storage.bucket, Key: key, ContentType: contentType }),
    );
    if (!created.UploadId) throw new Error('the object store returned no multipart upload id');
    return created.UploadId;
  }

  presignPart(key: string, uploadId: string, partNumber: number): Promise<string> {
    return getSignedUrl(
      this.storage.client,
      new UploadPartCommand({
        Bucket: this.storage.bucket,
        Key: key,
        UploadId: uploadId,
        PartNumber: partNumber,
      }),
      { expiresIn: PART_URL_SECONDS },
    );
  }

  async completeMultipart(
    key: string,
    uploadId: string,
    parts: { partNumber: number; etag: string }[],
  ): Promise<void> {
    await this.storage.client.send(
      new CompleteMultipartUploadCommand({
        Bucket: this.storage.bucket,
        Key: key,
        UploadId: uploadId,
        MultipartUpload: {
          Parts: [...parts]
            .sort((a, b) => a.partNumber - b.partNumber)
            .map((p) => ({ PartNumber: p.partNumber, ETag: p.etag })),
        },
      }),
    );
  }

  /** Best effort: some S3-compatible stores (s3rver) do not implement abort; a lifecycle rule covers them. */
  async abortMultipart(key: string, uploadId: string): Promise<void> {
    await this.storage.client
      .send(new AbortMultipartUploadCommand({ Bucket: this.storage.bucket, Key: key, UploadId: uploadId }))
      .catch(() => undefined);
  }

  presignGet(key: string, downloadName: string): Promise<string> {
    return getSignedUrl(
      this.storage.client,
      new GetObjectCommand({
        Bucket: this.storage.bucket,
        Key: key,
        ResponseContentDisposition: `inline; filename="${downloadName}"`,
      }),
      { expiresIn: GET_URL_SECONDS },
    );
  }

  /** Size and type of the stored object, or undefined when nothing was uploaded. */
  async head(key: string): Promise<StoredObject | undefined> {
    try {
      const head = await this.storage.client.send(
        new HeadObjectCommand({ Bucket: this.storage.bucket, Key: key }),
      );
      return { bytes: head.ContentLength ?? 0, contentType: head.ContentType };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async read(key: string): Promise<Readable> {
    const object = await this.storage.client.send(
      new GetObjectCommand({ Bucket: this.storage.bucket, Key: key }),
    );
    return object.Body as Readable;
  }

  async delete(key: string): Promise<void> {
    await this.storage.client.send(new DeleteObjectCommand({ Bucket: this.storage.bucket, Key: key }));
  }
}
