import { type PipeTransform } from '@nestjs/common';
import { describeZodIssues } from '@policy-arena/domain';
import type { z } from 'zod';
import { FieldValidationException } from '../errors/field-validation.exception';
import { unstorableTextProblems } from './storable-text';

/** Validates a request part against a domain schema; the same schemas the CLI and SDK use. */
export class ZodPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(
    private readonly schema: S,
    private readonly location: 'body' | 'query' | 'params' = 'body',
  ) {}

  transform(value: unknown): z.infer<S> {
    const unstorable = unstorableTextProblems(value, this.location);
    if (unstorable.length > 0) throw new FieldValidationException(unstorable);
    const parsed = this.schema.safeParse(value ?? (this.location === 'body' ? undefined : {}));
    if (!parsed.success) throw new FieldValidationException(describeZodIssues(parsed.error, this.location));
    return parsed.data;
  }
}
