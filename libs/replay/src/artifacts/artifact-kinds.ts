import { TrialLabel } from '@policy-arena/domain';
import { z } from 'zod';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

export const artifactKinds = ['rollout', 'video', 'image'] as const;
export type ArtifactKind = (typeof artifactKinds)[number];

export interface ArtifactKindRule {
  contentTypes: readonly string[];
  maxBytes: number;
}

/**
 * What each kind of artifact may be. A rollout of 10 minutes at 15 Hz is ~4 MB of JSON, so
 * 200 MiB leaves room for long, dense sim logs; three 10-minute camera streams fit in 2 GiB each.
 */
export const artifactRules: Record<ArtifactKind, ArtifactKindRule> = {
  rollout: { contentTypes: ['application/json', 'application/x-arena-rollout'], maxBytes: 200 * MiB },
  video: { contentTypes: ['video/mp4', 'video/webm'], maxBytes: 2 * GiB },
  // e.g. the reference image of the start scene the next evaluator resets to
  image: { contentTypes: ['image/png', 'image/jpeg'], maxBytes: 20 * MiB },
};

/** S3 takes parts of 5 MiB and more (the last may be smaller) and at most 10,000 of them. */
export const MIN_PART_BYTES = 5 * MiB;
export const MAX_PARTS = 10_000;
export const DEFAULT_PART_BYTES = 8 * MiB;

export const formatBytes = (n: number): string =>
  n >= GiB ? `${+(n / GiB).toFixed(2)} GiB` : n >= MiB ? `${+(n / MiB).toFixed(2)} MiB` : `${n} bytes`;

const fileExtensions: Record<string, string> = {
  'application/json': 'json',
  'application/x-arena-rollout': 'arro',
  'video/mp4': 'mp4',
  'video/webm': 'webm',
  'image/png': 'png',
  'image/jpeg': 'jpg',
};

export const extensionFor = (contentType: string): string => fileExtensions[contentType] ?? 'bin';

/** The content type a file name implies, for `arena upload` (which the server then checks). */
export function contentTypeForFile(fileName: string): string | undefined {
  const ext = fileName.toLowerCase().split('.').pop();
  if (ext === 'jpeg') return 'image/jpeg';
  return Object.entries(fileExtensions).find(([, e]) => e === ext)?.[0];
}

const article = (word: string) => (/^[aeiou]/.test(word) ? 'an' : 'a');

export const CreateArtifact = z
  .object({
    label: TrialLabel,
    kind: z.enum(artifactKinds),
    /** Which one of its kind: the camera of a video (`wrist`, `left`); `rollout` by default. */
    name: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'lower-case letters, digits, "_" and "-", at most 63')
      .optional(),
    contentType: z.string().trim().toLowerCase(),
    bytes: z.number().int('expected a whole number of bytes').min(1, 'an empty file is not an artifact'),
    sha256: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[0-9a-f]{64}$/, 'expected the SHA-256 of the file as 64 hex digits'),
    /** Upload in parts (resumable); required above 5 GiB, sensible above a few hundred MiB. */
    multipart: z.boolean().optional(),
    partBytes: z
      .number()
      .int()
      .min(MIN_PART_BYTES, `parts must be at least ${formatBytes(MIN_PART_BYTES)}`)
      .max(GiB, 'parts must be at most 1 GiB')
      .optional(),
  })
  .superRefine((input, ctx) => {
    const rule = artifactRules[input.kind];
    if (!rule.contentTypes.includes(input.contentType))
      ctx.addIssue({
        code: 'custom',
        path: ['contentType'],
        message: `${article(input.kind)} ${input.kind} must be ${rule.contentTypes.join(' or ')} (got ${input.contentType})`,
      });
    if (input.bytes > rule.maxBytes)
      ctx.addIssue({
        code: 'custom',
        path: ['bytes'],
        message: `${article(input.kind)} ${input.kind} may have at most ${formatBytes(rule.maxBytes)} (got ${formatBytes(input.bytes)})`,
      });
    if (input.partBytes !== undefined && !input.multipart)
      ctx.addIssue({ code: 'custom', path: ['partBytes'], message: 'only with multipart: true' });
    if (input.multipart && Math.ceil(input.bytes / (input.partBytes ?? DEFAULT_PART_BYTES)) > MAX_PARTS)
      ctx.addIssue({
        code: 'custom',
        path: ['partBytes'],
        message: `more than ${MAX_PARTS} parts; use larger parts`,
      });
  });
export type CreateArtifact = z.infer<typeof CreateArtifact>;

export const PresignParts = z.object({
  partNumbers: z.array(z.number().int().min(1).max(MAX_PARTS)).min(1).max(1000),
});
export type PresignParts = z.infer<typeof PresignParts>;

export const CompleteArtifact = z.object({
  parts: z
    .array(z.object({ partNumber: z.number().int().min(1).max(MAX_PARTS), etag: z.string().min(1).max(200) }))
    .min(1),
});
export type CompleteArtifact = z.infer<typeof CompleteArtifact>;
