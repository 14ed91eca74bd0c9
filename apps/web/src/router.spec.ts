import { describe, expect, it } from 'vitest';
import { parseRoute, policyHref, trialHref } from './router';

describe('parseRoute', () => {
  it('maps every app path to its page', () => {
    expect(parseRoute('/')).toEqual({ page: 'leaderboard' });
    expect(parseRoute('/trials')).toEqual({ page: 'trials' });
    expect(parseRoute('/trials/0b6e…')).toEqual({ page: 'trial', trialId: '0b6e…' });
    expect(parseRoute('/evaluate')).toEqual({ page: 'evaluate' });
    expect(parseRoute('/research/')).toEqual({ page: 'research' });
  });

  it('round-trips policy handles, whose "@" and "." a link encodes', () => {
    const handle = 'pi0-fast@1.2.0+droid';
    expect(parseRoute(policyHref(handle))).toEqual({ page: 'policy', handle });
    expect(parseRoute(trialHref('abc'))).toEqual({ page: 'trial', trialId: 'abc' });
  });

  it('knows what is not its own', () => {
    for (const path of ['/api/v1/leaderboard', '/replay/abc', '/trials/a/b', '/nothing'])
      expect(parseRoute(path), path).toEqual({ page: 'not-found' });
  });
});
