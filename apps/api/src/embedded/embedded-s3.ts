import { mkdir } from 'node:fs/promises';
import S3rver from 's3rver';

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
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    // s3rver accepts exactly this key pair; it guards nothing but a loopback port.
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    stop: () => server.close(),
  };
}
