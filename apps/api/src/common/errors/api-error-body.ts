import type { FieldProblem } from '@policy-arena/domain';

/** The one error body every route answers with. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: FieldProblem[];
}
