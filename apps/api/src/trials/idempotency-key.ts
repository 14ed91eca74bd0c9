import { createHash } from 'node:crypto';
import { FieldValidationException } from '../common/errors/field-validation.exception';

/** Clients choose the key (a UUID is typical); 1–200 visible ASCII characters. */
export function parseIdempotencyKey(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || !/^[\x21-\x7e]{1,200}$/.test(value)) {
    throw new FieldValidationException([
      {
        field: 'headers.idempotency-key',
        problem: 'required: 1–200 visible ASCII characters (a fresh UUID per outcome is typical)',
      },
    ]);
  }
  return value;
}

export function requestFingerprint(body: unknown): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('hex');
}
