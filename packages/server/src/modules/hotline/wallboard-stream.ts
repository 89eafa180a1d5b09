import type { ServerResponse } from 'node:http';

/**
 * Server-sent events for the wallboard: sends a snapshot at once, then every `intervalMs` when it changed
 * (a comment line otherwise, to keep proxies from closing the connection). Polls the database, so it
 * works the same on PGlite and PostgreSQL. Stops when the client goes away.
 */
export function streamSnapshots(
  res: ServerResponse,
  snapshot: () => Promise<unknown>,
  options: { intervalMs: number; onClose?: () => void },
): { stop: () => void } {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  let last = '';
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = async (): Promise<void> => {
    if (stopped) return;
    try {
      const data = JSON.stringify(await snapshot());
      if (stopped) return;
      // The time stamp changes every tick: compare without it.
      const key = data.replace(/"at":"[^"]*"/, '');
      if (key !== last) {
        last = key;
        res.write(`event: snapshot\ndata: ${data}\n\n`);
      } else res.write(': keep-alive\n\n');
    } catch {
      res.write(`event: error\ndata: {"code":"UNAVAILABLE"}\n\n`);
    }
    if (!stopped) timer = setTimeout(() => void tick(), options.intervalMs);
  };
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    if (timer) clearTimeout(timer);
    options.onClose?.();
    res.end();
  };
  res.on('close', stop);
  void tick();
  return { stop };
}
