import WebSocket from 'ws';

/**
 * Does the policy server answer? For ws(s) endpoints: it accepts a connection and sends its
 * configuration frame (the openpi handshake) within the timeout. For http(s): any non-5xx answer.
 */
export async function probeEndpoint(endpoint: string, timeoutMs = 2000): Promise<boolean> {
  if (endpoint.startsWith('http')) {
    try {
      const response = await fetch(endpoint, { method: 'GET', signal: AbortSignal.timeout(timeoutMs) });
      return response.status < 500;
    } catch {
      return false;
    }
  }
  return new Promise((resolve) => {
    const socket = new WebSocket(endpoint, { handshakeTimeout: timeoutMs });
    const timer = setTimeout(() => finish(false), timeoutMs);
    function finish(ok: boolean): void {
      clearTimeout(timer);
      socket.removeAllListeners();
      socket.on('error', () => undefined);
      socket.terminate();
      resolve(ok);
    }
    socket.once('message', () => finish(true));
    socket.once('error', () => finish(false));
    socket.once('close', () => finish(false));
  });
}
