/**
 * Waits `ms`, or less when `signal` aborts — resolving either way (the caller checks
 * `signal.aborted`). Engine loops use it so a closed stream or a cancelled render stops at once.
 */
export function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve();
      return;
    }
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}
