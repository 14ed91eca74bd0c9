import { type PipeTransform } from '@nestjs/common';
import { FieldValidationException } from '../errors/field-validation.exception';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Path ids are UUIDs; anything else is a 400 naming the parameter, not a database error. */
export class UuidParamPipe implements PipeTransform<string, string> {
  constructor(private readonly name: string) {}

  transform(value: string): string {
    if (!uuidPattern.test(value)) {
      throw new FieldValidationException([{ field: `params.${this.name}`, problem: 'expected a UUID' }]);
    }
    return value.toLowerCase();
  }
}
