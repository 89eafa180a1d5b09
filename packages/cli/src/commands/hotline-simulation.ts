/**
 * A call-centre simulation for `anxin hotline simulate`: Poisson arrivals, lognormal handle times,
 * exponential caller patience, FIFO queue over a fixed set of seats. Deterministic for a given seed.
 */
export interface SimulationInput {
  callsPerHour: number;
  minutes: number;
  seats: string[];
  /** Mean handle time, seconds (lognormal with σ = 0.6 around it: most calls short, a long tail). */
  ahtSeconds: number;
  /** Mean time a caller waits before hanging up, seconds (exponential). */
  patienceSeconds: number;
  seed: number;
}

export interface SimulatedEvent {
  /** Seconds from the start of the simulation. */
  t: number;
  type: 'ringing' | 'answered' | 'ended' | 'abandoned';
  callId: string;
  seat?: string;
  callerNumber: string;
}

/** Mulberry32: a small seeded generator, good enough for simulation. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const LOGNORMAL_SIGMA = 0.6;

function normal(rand: () => number): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

export function simulateCalls(input: SimulationInput): SimulatedEvent[] {
  const rand = seededRandom(input.seed);
  const rate = input.callsPerHour / 3600;
  const horizon = input.minutes * 60;
  const mu = Math.log(input.ahtSeconds) - (LOGNORMAL_SIGMA * LOGNORMAL_SIGMA) / 2;
  const freeAt = new Map(input.seats.map((s) => [s, 0]));
  const events: SimulatedEvent[] = [];
  const run = Math.floor(rand() * 1e9).toString(36);
  let t = 0;
  let n = 0;
  for (;;) {
    t += -Math.log(Math.max(rand(), 1e-12)) / rate;
    if (t >= horizon) break;
    n++;
    const callId = `sim-${run}-${n}`;
    const callerNumber = `1${String(3_000_000_000 + Math.floor(rand() * 20_000)).padStart(10, '0')}`; // some repeat callers
    events.push({ t, type: 'ringing', callId, callerNumber });
    // The seat that frees first (ring time of 2–6 s before anyone can pick up).
    let best = input.seats[0] ?? '';
    for (const [seat, free] of freeAt) if (free < (freeAt.get(best) ?? Infinity)) best = seat;
    const ring = 2 + rand() * 4;
    const start = Math.max(t + ring, freeAt.get(best) ?? 0);
    const patience = -Math.log(Math.max(rand(), 1e-12)) * input.patienceSeconds;
    if (start - t > patience) {
      events.push({ t: t + patience, type: 'abandoned', callId, callerNumber });
      continue;
    }
    const handle = Math.exp(mu + LOGNORMAL_SIGMA * normal(rand));
    freeAt.set(best, start + handle);
    events.push({ t: start, type: 'answered', callId, seat: best, callerNumber });
    events.push({ t: start + handle, type: 'ended', callId, seat: best, callerNumber });
  }
  return events.sort((a, b) => a.t - b.t);
}
