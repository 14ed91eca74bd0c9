import { decode, encode } from '@msgpack/msgpack';
import { describe, expect, it } from 'vitest';
import { blindReply, stationFacingConfig } from './openpi-frames';
import { relayPaths, relayTicket, relayTicketValid } from './relay-ticket';

describe('what the relay lets through', () => {
  it('tells the station the same configuration for A and B, built from the pair', () => {
    const a = { cameras: ['wrist' as const], actionSpace: 'joint_position' as const };
    const b = {
      cameras: ['exterior_1' as const, 'exterior_2' as const],
      actionSpace: 'joint_position' as const,
    };
    expect(stationFacingConfig(a, b)).toEqual(stationFacingConfig(b, a));
    expect(stationFacingConfig(a, b)).toMatchObject({ needs_wrist_camera: true, n_external_cameras: 2 });
  });

  it('keeps only the action chunk of a reply', () => {
    const reply = encode({
      actions: { __ndarray__: true, data: new Uint8Array(4), dtype: '<f4', shape: [1, 1] },
      policy_name: 'pi0',
      server_timing: { infer_ms: 12 },
    });
    expect(Object.keys(decode(blindReply(reply)!) as object)).toEqual(['actions']);
    expect(decode(blindReply(encode({ reset: true, policy_name: 'pi0' }))!)).toEqual({});
    expect(blindReply(new Uint8Array([0xc1]))).toBeUndefined();
    expect(blindReply(encode([1, 2, 3]))).toBeUndefined();
  });

  it('issues tickets that open only their own trial and label', () => {
    const secret = 'per-trial-secret';
    const trial = '11111111-2222-3333-4444-555555555555';
    expect(relayTicketValid(secret, trial, 'A', relayTicket(secret, trial, 'A'))).toBe(true);
    expect(relayTicketValid(secret, trial, 'B', relayTicket(secret, trial, 'A'))).toBe(false);
    expect(relayTicketValid('other-secret', trial, 'A', relayTicket(secret, trial, 'A'))).toBe(false);
    expect(relayPaths(secret, trial).A).toMatch(new RegExp(`^/relay/${trial}/A\\?ticket=[A-Za-z0-9_-]{43}$`));
  });
});
