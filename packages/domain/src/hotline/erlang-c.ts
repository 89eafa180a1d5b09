/**
 * Erlang C: the queueing model behind seat planning (M/M/N: Poisson arrivals, exponential handle times,
 * N seats, an unlimited queue and nobody hanging up). With A = λ·AHT erlangs of offered traffic:
 *   P_wait = C(N, A) = [Aᴺ/N! · N/(N−A)] / [Σ_{k<N} Aᵏ/k! + Aᴺ/N! · N/(N−A)]
 *   SL(t)  = 1 − P_wait · e^{−(N−A)·t/AHT}
 *   ASA    = P_wait · AHT / (N − A)
 * Computed through the Erlang B recursion B(n) = A·B(n−1)/(n + A·B(n−1)) and C = N·B/(N − A·(1−B)),
 * which stays exact for hundreds of seats where factorials overflow.
 * Erlang C ignores abandonment, so it is pessimistic for long queues: the planner shows it as a floor.
 */

/** Erlang B: probability that all N servers are busy in a loss system (no queue) with A erlangs. */
export function erlangB(servers: number, trafficErlangs: number): number {
  assertInputs(servers, trafficErlangs);
  let b = 1;
  for (let n = 1; n <= servers; n++) b = (trafficErlangs * b) / (n + trafficErlangs * b);
  return b;
}

/** Erlang C: probability that a call has to wait. 1 when the seats cannot carry the traffic (N ≤ A). */
export function erlangC(servers: number, trafficErlangs: number): number {
  assertInputs(servers, trafficErlangs);
  if (trafficErlangs === 0) return 0;
  if (servers <= trafficErlangs) return 1;
  const b = erlangB(servers, trafficErlangs);
  return (servers * b) / (servers - trafficErlangs * (1 - b));
}

export interface ErlangInput {
  /** Calls offered per hour. */
  callsPerHour: number;
  /** Average handle time in seconds (talk + hold + after-call work). */
  ahtSeconds: number;
  seats: number;
}

/** Offered traffic in erlangs: arrival rate × handle time. */
export function trafficErlangs(callsPerHour: number, ahtSeconds: number): number {
  if (!(callsPerHour >= 0) || !(ahtSeconds >= 0)) throw new RangeError('calls per hour and handle time must be ≥ 0');
  return (callsPerHour * ahtSeconds) / 3600;
}

/** Share of calls answered within `targetSeconds` (0…1). */
export function serviceLevel(input: ErlangInput, targetSeconds: number): number {
  const a = trafficErlangs(input.callsPerHour, input.ahtSeconds);
  if (a === 0) return 1;
  if (input.seats <= a) return 0;
  const pw = erlangC(input.seats, a);
  return 1 - pw * Math.exp((-(input.seats - a) * targetSeconds) / input.ahtSeconds);
}

/** Average speed of answer in seconds, counting zero waits. Infinity when the queue grows without bound. */
export function averageSpeedOfAnswer(input: ErlangInput): number {
  const a = trafficErlangs(input.callsPerHour, input.ahtSeconds);
  if (a === 0) return 0;
  if (input.seats <= a) return Number.POSITIVE_INFINITY;
  return (erlangC(input.seats, a) * input.ahtSeconds) / (input.seats - a);
}

/**
 * The fewest seats that reach the target service level (default 80 % within 20 s). Zero calls need zero
 * seats; otherwise at least one.
 */
export function seatsNeeded(
  callsPerHour: number,
  ahtSeconds: number,
  target: { level: number; withinSeconds: number } = { level: 0.8, withinSeconds: 20 },
): number {
  if (!(target.level > 0 && target.level < 1)) throw new RangeError('target level must be between 0 and 1');
  const a = trafficErlangs(callsPerHour, ahtSeconds);
  if (a === 0) return 0;
  let n = Math.max(1, Math.floor(a) + 1);
  while (serviceLevel({ callsPerHour, ahtSeconds, seats: n }, target.withinSeconds) < target.level) n++;
  return n;
}

function assertInputs(servers: number, traffic: number): void {
  if (!Number.isInteger(servers) || servers < 0) throw new RangeError('servers must be a whole number ≥ 0');
  if (!(traffic >= 0) || !Number.isFinite(traffic)) throw new RangeError('traffic must be a finite number ≥ 0');
}
