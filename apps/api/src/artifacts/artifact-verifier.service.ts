import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { FieldProblem } from '@policy-arena/domain';
import { artifactRules, decodeRollout, formatBytes, RolloutFormatError } from '@policy-arena/replay';
import { ArtifactObjectsService } from './artifact-objects.service';
import type { ArtifactEntity } from './artifact.entity';
import { sniffMismatch } from './content-sniff';

export type Verdict =
  { outcome: 'missing' } | { outcome: 'verified' } | { outcome: 'rejected'; problems: FieldProblem[] };

/** Rollout files name their own problems by path; a handful is enough to fix a recorder. */
const MAX_ROLLOUT_PROBLEMS = 50;
const SNIFF_BYTES = 16;

/**
 * Checks a stored object against what its uploader announced, cheapest check first: size
 * (against the kind's limit and the declared size), stored type, the first bytes, the SHA-256 of
 * the whole object, and for a rollout the format itself. Reads the object once, as a stream.
 */
@Injectable()
export class ArtifactVerifierService {
  constructor(private readonly objects: ArtifactObjectsService) {}

  async verify(artifact: ArtifactEntity): Promise<Verdict> {
    const stored = await this.objects.head(artifact.key);
    if (!stored) return { outcome: 'missing' };
    const rule = artifactRules[artifact.kind];
    if (stored.bytes > rule.maxBytes)
      return reject(
        'bytes',
        `the object has ${formatBytes(stored.bytes)}; ${article(artifact.kind)} ${artifact.kind} may have at most ${formatBytes(rule.maxBytes)}`,
      );
    if (stored.bytes !== artifact.bytes)
      return reject('bytes', `the object has ${stored.bytes} bytes; the upload declared ${artifact.bytes}`);
    const storedType = stored.contentType?.split(';')[0]?.trim().toLowerCase();
    if (storedType !== artifact.contentType)
      return reject(
        'contentType',
        `the object is stored as ${storedType ?? 'no type'}; the upload declared ${artifact.contentType}`,
      );

    const hash = createHash('sha256');
    const keep = artifact.kind === 'rollout';
    const chunks: Buffer[] = [];
    let head = Buffer.alloc(0);
    let seen = 0;
    for await (const chunk of await this.objects.read(artifact.key)) {
      const buffer = chunk as Buffer;
      seen += buffer.length;
      // The declared size was checked, but the object may change under us; never read past it.
      if (seen > artifact.bytes)
        return reject('bytes', `the object grew past the ${artifact.bytes} bytes declared`);
      hash.update(buffer);
      if (head.length < SNIFF_BYTES)
        head = Buffer.concat([head, buffer.subarray(0, SNIFF_BYTES - head.length)]);
      if (keep) chunks.push(buffer);
    }
    const mismatch = sniffMismatch(artifact.contentType, head);
    if (mismatch)
      return reject('contentType', `declared ${artifact.contentType}, but the bytes are ${mismatch}`);
    const sha256 = hash.digest('hex');
    if (sha256 !== artifact.sha256)
      return reject('sha256', `the object's SHA-256 is ${sha256}; the upload declared ${artifact.sha256}`);
    if (keep) {
      try {
        decodeRollout(Buffer.concat(chunks), { maxProblems: MAX_ROLLOUT_PROBLEMS });
      } catch (error) {
        if (error instanceof RolloutFormatError) {
          return {
            outcome: 'rejected',
            problems: error.problems.map((p) => ({ field: `rollout.${p.field}`, problem: p.problem })),
          };
        }
        throw error;
      }
    }
    return { outcome: 'verified' };
  }
}

const article = (word: string) => (/^[aeiou]/.test(word) ? 'an' : 'a');
const reject = (field: string, problem: string): Verdict => ({
  outcome: 'rejected',
  problems: [{ field, problem }],
});
