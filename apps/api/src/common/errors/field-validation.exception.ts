import { BadRequestException } from '@nestjs/common';
import type { FieldProblem } from '@policy-arena/domain';

/** A 400 whose body names every bad field and what is accepted there. */
export class FieldValidationException extends BadRequestException {
  constructor(readonly problems: FieldProblem[]) {
    super(
      problems.length === 1
        ? `${problems[0]!.field}: ${problems[0]!.problem}`
        : `${problems.length} fields are invalid: ${problems.map((p) => p.field).join(', ')}`,
    );
  }
}
