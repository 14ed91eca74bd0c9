import { UnprocessableEntityException } from '@nestjs/common';
import type { FieldProblem } from '@policy-arena/domain';

/** The uploaded object failed verification; it has been deleted. Answered as a 422 with details. */
export class ArtifactRejectedException extends UnprocessableEntityException {
  constructor(readonly problems: FieldProblem[]) {
    super(
      `the uploaded object was refused and removed: ${problems
        .slice(0, 3)
        .map((p) => `${p.field}: ${p.problem}`)
        .join('; ')}${problems.length > 3 ? `; and ${problems.length - 3} more` : ''}`,
    );
  }
}
