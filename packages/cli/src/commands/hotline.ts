import { randomUUID } from 'node:crypto';
import { DEMO_WEBHOOK_SECRET } from '@anxin/server/demo/seed-hotline.ts';
import { signWebhook } from '@anxin/server/modules/hotline/webhook-signature.ts';
import type { CliCommand, CliIo } from '../command.ts';
import { simulateCalls, type SimulatedEvent } from './hotline-simulation.ts';



export const HOTLINE_USAGE = `Usage: anxin hotline simulate --line L --calls-per-hour N --minutes M [--url U] [options]

Drives the CTI webhook of the server at U with simulated calls: Poisson arrivals, lognormal handle
times, callers who hang up when kept waiting; every event signed. Prints a summary.

  --line L              the line's number (e.g. 12356)
  --calls-per-hour N    mean arrival rate
  --minutes M           simulated span
  --url U               server (default http://127.0.0.1:$PORT, PORT defaulting to 8080)
  --seats S1,S2,…|N     seat codes, or N for S1…SN (default 4: the demo line's seats)
  --aht-seconds A       mean handle time (default 480)
  --patience-seconds P  mean caller patience (default 90)
  --speed K             time compression: K simulated seconds per real second (default 1;
                        0 = send everything as fast as possible)
  --concurrency C       requests in flight when --speed 0 (default 16)
  --secret S            webhook secret (default $ANXIN_HOTLINE_WEBHOOK_SECRET, else the demo secret)
  --seed X              random seed (default: time-based)

Exit status: 0 all events accepted, 1 some rejected or the server unreachable, 2 bad usage.`;

class UsageError extends Error {}

interface Options {
  line: string;
  callsPerHour: number;
  minutes: number;
  url: string;
  seats: string[];
  ahtSeconds: number;
  patienceSeconds: number;
  speed: number;
  concurrency: number;
  secret: string;
  seed: number;
}

function parse(argv: readonly string[], env: NodeJS.ProcessEnv): Options {
  const [sub, ...rest] = argv;
  if (sub !== 'simulate') throw new UsageError(sub ? `unknown sub-command '${sub}'` : 'a sub-command is required');
  const values = new Map<string, string>();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? '';
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument '${arg}'`);
    const [name, inline] = arg.split(/=(.*)/s, 2) as [string, string | undefined];
    const value = inline ?? rest[++i];
    if (value === undefined) throw new UsageError(`${name} needs a value`);
    values.set(name, value);
  }
  const known = ['--line', '--calls-per-hour', '--minutes', '--url', '--seats', '--aht-seconds', '--patience-seconds', '--speed', '--concurrency', '--secret', '--seed'];
  for (const k of values.keys()) if (!known.includes(k)) throw new UsageError(`unknown option ${k}`);
  const num = (name: string, fallback: number | undefined, min: number, max: number): number => {
    const raw = values.get(name);
    if (raw === undefined) {
      if (fallback === undefined) throw new UsageError(`${name} is required`);
      return fallback;
    }
    const v = Number(raw);
    if (!Number.isFinite(v) || v < min || v > max) throw new UsageError(`${name} must be a number from ${min} to ${max}`);
    return v;
  };
  const line = values.get('--line');
  if (!line) throw new UsageError('--line is required');
  const port = env.PORT && /^\d+$/.test(env.PORT) ? env.PORT : '8080';
  const seatsRaw = values.get('--seats') ?? '4';
  const seats = /^\d+$/.test(seatsRaw) ? Array.from({ length: Number(seatsRaw) }, (_, i) => `S${i + 1}`) : seatsRaw.split(',').map((s) => s.trim()).filter(Boolean);
  if (seats.length === 0 || seats.length > 20_000) throw new UsageError('--seats must name 1 to 20000 seats');
  return {
    line,
    callsPerHour: num('--calls-per-hour', undefined, 0.01, 10_000_000),
    minutes: num('--minutes', undefined, 0.01, 7 * 24 * 60),
    url: (values.get('--url') ?? `http://127.0.0.1:${port}`).replace(/\/$/, ''),
    seats,
    ahtSeconds: num('--aht-seconds', 480, 1, 86_400),
    patienceSeconds: num('--patience-seconds', 90, 1, 86_400),
    speed: num('--speed', 1, 0, 1_000_000),
    concurrency: Math.floor(num('--concurrency', 16, 1, 1000)),
    secret: values.get('--secret') ?? env.ANXIN_HOTLINE_WEBHOOK_SECRET ?? DEMO_WEBHOOK_SECRET,
    seed: Math.floor(num('--seed', Date.now() % 2_147_483_647, 0, 2_147_483_647)),
  };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface Tally {
  sent: number;
  /** Events due after the window, sent when it closed. */
  afterWindow: number;
  accepted: number;
  duplicates: number;
  rejected: Map<string, number>;
  latencies: number[];
}

async function post(o: Options, e: SimulatedEvent, startMs: number, tally: Tally): Promise<void> {
  const body = JSON.stringify({
    eventId: `${e.callId}-${e.type}`,
    type: e.type,
    line: o.line,
    callId: e.callId,
    ...(e.seat ? { seat: e.seat } : {}),
    callerNumber: e.callerNumber,
    at: new Date(startMs + Math.round(e.t * 1000)).toISOString(),
  });
  const ts = Math.floor(Date.now() / 1000);
  const began = performance.now();
  tally.sent++;
  const res = await fetch(`${o.url}/api/hotline/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-anxin-timestamp': String(ts), 'x-anxin-signature': signWebhook(o.secret, ts, body), 'x-request-id': randomUUID() },
    body,
  });
  tally.latencies.push(performance.now() - began);
  if (res.ok) {
    const json = (await res.json()) as { duplicate?: boolean };
    tally.accepted++;
    if (json.duplicate) tally.duplicates++;
  } else {
    let reason = `${res.status}`;
    try {
      const json = (await res.json()) as { error?: { message?: string } };
      reason = `${res.status} ${json.error?.message ?? ''}`.trim();
    } catch {
      /* not JSON */
    }
    tally.rejected.set(reason, (tally.rejected.get(reason) ?? 0) + 1);
  }
}

async function simulate(o: Options, io: CliIo): Promise<number> {
  const events = simulateCalls({ callsPerHour: o.callsPerHour, minutes: o.minutes, seats: o.seats, ahtSeconds: o.ahtSeconds, patienceSeconds: o.patienceSeconds, seed: o.seed });
  const startMs = Date.now();
  const tally: Tally = { sent: 0, afterWindow: 0, accepted: 0, duplicates: 0, rejected: new Map(), latencies: [] };
  io.out(`Simulating line ${o.line} at ${o.url}: ${o.callsPerHour} calls/h for ${o.minutes} min on ${o.seats.length} seats (seed ${o.seed}, speed ${o.speed === 0 ? 'max' : `${o.speed}×`})\n`);
  try {
    if (o.speed === 0) {
      // As fast as possible, in time order, with a bounded number of requests in flight.
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < events.length) {
          const e = events[next++];
          if (e) await post(o, e, startMs, tally);
        }
      };
      await Promise.all(Array.from({ length: o.concurrency }, worker));
    } else {
      const inFlight = new Set<Promise<void>>();
      // Calls still in progress when the window closes end at once (their events keep simulated times), so
      // the run lasts M minutes and leaves no call open on the wallboard.
      const horizon = o.minutes * 60;
      for (const e of events) {
        const due = startMs + (Math.min(e.t, horizon) * 1000) / o.speed;
        const wait = due - Date.now();
        if (wait > 0) await sleep(wait);
        if (e.t > horizon) tally.afterWindow++;
        const p = post(o, e, startMs, tally).finally(() => inFlight.delete(p));
        inFlight.add(p);
      }
      await Promise.all(inFlight);
    }
  } catch (error) {
    io.err(`anxin hotline simulate: cannot reach ${o.url}: ${(error as Error).message}\n`);
    return 1;
  }
  const elapsed = (Date.now() - startMs) / 1000;
  const calls = new Set(events.map((e) => e.callId)).size;
  const answered = events.filter((e) => e.type === 'answered').length;
  const abandoned = events.filter((e) => e.type === 'abandoned').length;
  const sorted = [...tally.latencies].sort((a, b) => a - b);
  const pct = (p: number): number => Math.round((sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0) * 10) / 10;
  io.out(
    [
      `calls:            ${calls} (answered ${answered}, abandoned ${abandoned}; simulated answer rate ${calls ? ((answered / calls) * 100).toFixed(1) : '0.0'}%)`,
      `events:           ${tally.sent} sent, ${tally.accepted} accepted (${tally.duplicates} duplicates), ${[...tally.rejected.values()].reduce((a, b) => a + b, 0)} rejected`,
      ...[...tally.rejected].map(([reason, n]) => `  rejected ${n}× ${reason}`),
      ...(tally.afterWindow > 0 ? [`after the window: ${tally.afterWindow} events of calls still in progress, sent when it closed`] : []),
      `elapsed:          ${elapsed.toFixed(1)} s (${(tally.sent / Math.max(elapsed, 0.001)).toFixed(0)} events/s)`,
      `webhook latency:  p50 ${pct(0.5)} ms, p95 ${pct(0.95)} ms, p99 ${pct(0.99)} ms`,
      '',
    ].join('\n'),
  );
  return tally.rejected.size === 0 ? 0 : 1;
}

export const hotlineCommand: CliCommand = {
  name: 'hotline',
  summary: 'hotline tools: simulate calls against a server’s CTI webhook',
  usage: HOTLINE_USAGE,
  async run(argv, io) {
    let options: Options;
    try {
      options = parse(argv, io.env);
    } catch (error) {
      if (error instanceof UsageError) {
        io.err(`anxin hotline: ${error.message}\n\n${HOTLINE_USAGE}\n`);
        return 2;
      }
      throw error;
    }
    return simulate(options, io);
  },
};
