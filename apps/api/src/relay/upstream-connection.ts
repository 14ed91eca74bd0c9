import WebSocket from 'ws';

/**
 * Opens the platform's own connection to a policy server and waits for its configuration frame
 * (the openpi handshake). The station never learns this address; the policy server sees only the
 * platform, no headers of the station's are passed on.
 */
export function connectUpstream(endpoint: string, timeoutMs = 5000): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const upstream = new WebSocket(endpoint, { handshakeTimeout: timeoutMs, perMessageDeflate: false });
    const timer = setTimeout(
      () => fail(new Error('the policy server sent no configuration in time')),
      timeoutMs,
    );
    function fail(error: Error): void {
      clearTimeout(timer);
      upstream.removeAllListeners();
      upstream.on('error', () => undefined);
      upstream.terminate();
      reject(error);
    }
    upstream.once('error', fail);
    upstream.once('close', () => fail(new Error('the policy server closed the connection')));
    upstream.once('message', () => {
      clearTimeout(timer);
      upstream.removeAllListeners();
      resolve(upstream);
    });
  });
}
