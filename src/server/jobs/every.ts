/**
 * Runs `job` now and then every `seconds` seconds, one run at a time (a slow run delays the next
 * instead of overlapping it), until the returned function is called; that function waits for the
 * run in progress. `job` reports its own errors: a rejected run would stop the chain.
 */
export function every(seconds: number, job: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  let busy = false;
  const tick = () => {
    if (busy) return;
    busy = true;
    running = job().finally(() => {
      busy = false;
    });
  };
  const timer = setInterval(tick, seconds * 1000);
  timer.unref();
  tick();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
