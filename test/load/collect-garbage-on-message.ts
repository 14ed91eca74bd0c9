/**
 * Preloaded into the API process by the load benchmark (with `--expose-gc` and an IPC channel):
 * the message "collect-garbage" runs a full garbage collection and answers "garbage-collected",
 * so the heap measured after each round is what is still referenced — the number that shows a
 * leak — rather than garbage the collector has not come round to yet. (Not a signal: NestJS's
 * shutdown hooks treat SIGUSR2 as a request to stop.)
 */
process.on('message', (message) => {
  if (message !== 'collect-garbage') return;
  (globalThis as { gc?: () => void }).gc?.();
  process.send?.('garbage-collected');
});
// The channel must not keep the API alive on its own.
process.channel?.unref();
