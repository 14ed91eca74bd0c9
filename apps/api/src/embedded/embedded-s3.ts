import { mkdir } from 'node:fs/promises';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import S3rver from 's3rver';
import S3Error from 's3rver/lib/models/error';

export interface EmbeddedS3Handle {
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
  stop(): Promise<void>;
}

// Browsers upload and play rollouts straight from the object store through presigned URLs,
// so the bucket must answer cross-origin PUT/GET/HEAD and expose the ETag (multipart needs it).
const corsConfiguration = `<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>*</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedMethod>HEAD</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <ExposeHeader>ETag</ExposeHeader>
    <MaxAgeSeconds>3000</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>`;

/** Runs the S3-compatible `s3rver` in-process with its objects under `dir`. */
export async function startEmbeddedS3(dir: string, bucket: string): Promise<EmbeddedS3Handle> {
  await mkdir(dir, { recursive: true });
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    directory: dir,
    silent: true,
    vhostBuckets: false,
    configureBuckets: [{ name: bucket, configs: [corsConfiguration] }],
  });
  guardMultipartCompletion(server);
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    // s3rver accepts exactly this key pair; it guards nothing but a loopback port.
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    stop: () => server.close(),
  };
}

interface MultipartStore {
  getResourcePath(bucket: string, key: string | undefined, resource: string): string;
  putObjectMultipart(bucket: string, uploadId: string, parts: { number: number }[]): Promise<unknown>;
}

/**
 * s3rver streams the parts of a multipart upload from its folder when the upload is completed;
 * a part that was never uploaded makes that stream fail outside any handler, which takes the
 * whole process down (the API's process, in embedded mode). Real S3 answers `InvalidPart`: so
 * does this guard, before s3rver opens a stream.
 */
function guardMultipartCompletion(server: S3rver): void {
  const store = (server as unknown as { store: MultipartStore }).store;
  const complete = store.putObjectMultipart.bind(store);
  store.putObjectMultipart = async (bucket, uploadId, parts) => {
    const uploadDir = join(store.getResourcePath(bucket, undefined, 'uploads'), uploadId);
    for (const part of parts) {
      try {
        await access(join(uploadDir, String(part.number)));
      } catch {
        throw new S3Error('InvalidPart', 'One or more of the specified parts could not be found.', {
          PartNumber: part.number,
          UploadId: uploadId,
        });
      }
    }
    return complete(bucket, uploadId, parts);
  };
}
