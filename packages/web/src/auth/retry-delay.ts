/** A lockout's wait, rounded up to whole minutes once it is a minute or more. */
export type RetryDelay = { unit: 'seconds' | 'minutes'; n: number };

/** Reads `details.retryAfterSeconds` from a lockout error; undefined when the server did not say. */
export function retryDelay(details: Readonly<Record<string, unknown>> | undefined): RetryDelay | undefined {
  const seconds = details?.retryAfterSeconds;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) return undefined;
  if (seconds < 60) return { unit: 'seconds', n: Math.ceil(seconds) };
  return { unit: 'minutes', n: Math.ceil(seconds / 60) };
}
