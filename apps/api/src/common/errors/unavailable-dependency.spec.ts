import { QueryFailedError } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { unavailableDependency } from './unavailable-dependency';

describe('unavailableDependency', () => {
  it('names the object store for AWS SDK network failures and its 5xx answers', () => {
    expect(
      unavailableDependency(Object.assign(new Error('connect'), { code: 'ECONNREFUSED', $metadata: {} })),
    ).toBe('object storage');
    expect(unavailableDependency(Object.assign(new Error('x'), { $metadata: { httpStatusCode: 503 } }))).toBe(
      'object storage',
    );
    // A 404 or 403 from the store is an answer, not an outage.
    expect(
      unavailableDependency(Object.assign(new Error('x'), { $metadata: { httpStatusCode: 404 } })),
    ).toBeUndefined();
  });

  it('names the database for lost connections and shutdowns, not for constraint errors', () => {
    const shutdown = new QueryFailedError(
      'SELECT 1',
      [],
      Object.assign(new Error('terminating'), { code: '57P01' }),
    );
    expect(unavailableDependency(shutdown)).toBe('database');
    expect(unavailableDependency(new Error('Connection terminated unexpectedly'))).toBe('database');
    const unique = new QueryFailedError('INSERT', [], Object.assign(new Error('dup'), { code: '23505' }));
    expect(unavailableDependency(unique)).toBeUndefined();
    expect(unavailableDependency(new TypeError('x is undefined'))).toBeUndefined();
  });
});
