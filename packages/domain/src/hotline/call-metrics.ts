/**
 * Service-level metrics over call records, with one definition each (Lifeline KPI set; TechTarget on
 * abandonment; 80/20 as a common, configurable target):
 * - offered: calls that reached the queue (rang), minus short abandons;
 * - short abandon: hung up before being answered within `shortAbandonSeconds` (default 5 s): misdials
 *   and instant hang-ups, counted apart and left out of offered and of every rate;
 * - answered: a counselor picked up; abandoned: the caller hung up first (not a short abandon);
 * - calls still ringing are `waiting` and left out of the rates until they end one way or the other;
 * - answer rate (接通率) = answered ÷ (answered + abandoned); abandon rate = abandoned ÷ (answered + abandoned);
 * - ASA = total wait of answered calls ÷ answered (zero waits count);
 * - service level = answered within T s ÷ (answered + abandoned): abandons count against it;
 * - AHT = mean of (end − answer) over answered calls that have ended (talk time; no after-call work).
 */
export interface CallTimes {
  offeredAt: Date;
  answeredAt: Date | null;
  /** The caller hung up before anyone answered. */
  abandonedAt: Date | null;
  endedAt: Date | null;
}

export interface MetricOptions {
  shortAbandonSeconds: number;
  serviceLevelSeconds: number;
}

export const DEFAULT_METRIC_OPTIONS: MetricOptions = { shortAbandonSeconds: 5, serviceLevelSeconds: 20 };

export interface CallMetrics {
  offered: number;
  answered: number;
  abandoned: number;
  shortAbandoned: number;
  waiting: number;
  /** 0…1, null when nothing has been answered or abandoned. */
  answerRate: number | null;
  abandonRate: number | null;
  serviceLevel: number | null;
  /** Seconds, null when nothing was answered. */
  asaSeconds: number | null;
  ahtSeconds: number | null;
  /** Longest wait among calls still waiting at `now`, seconds. */
  longestWaitSeconds: number;
}

export type CallOutcome = 'answered' | 'abandoned' | 'short_abandoned' | 'waiting';

export function classifyCall(call: CallTimes, options: MetricOptions = DEFAULT_METRIC_OPTIONS): CallOutcome {
  if (call.answeredAt) return 'answered';
  if (call.abandonedAt) {
    const wait = (call.abandonedAt.getTime() - call.offeredAt.getTime()) / 1000;
    return wait < options.shortAbandonSeconds ? 'short_abandoned' : 'abandoned';
  }
  // Ended without an answer or an abandon event: the caller is gone, count it as abandoned at its end.
  if (call.endedAt) {
    const wait = (call.endedAt.getTime() - call.offeredAt.getTime()) / 1000;
    return wait < options.shortAbandonSeconds ? 'short_abandoned' : 'abandoned';
  }
  return 'waiting';
}

/** Sums over a set of calls, from which every rate is derived (the database computes these with SQL). */
export interface CallCounts {
  answered: number;
  abandoned: number;
  shortAbandoned: number;
  waiting: number;
  /** Seconds waited by answered calls, summed. */
  waitSum: number;
  /** Answered calls that waited at most the service-level target. */
  withinTarget: number;
  /** Talk seconds of answered calls that have ended, summed, and how many such calls. */
  handleSum: number;
  handled: number;
  longestWaitSeconds: number;
}

export function metricsFromCounts(c: CallCounts): CallMetrics {
  const closed = c.answered + c.abandoned;
  return {
    offered: closed + c.waiting,
    answered: c.answered,
    abandoned: c.abandoned,
    shortAbandoned: c.shortAbandoned,
    waiting: c.waiting,
    answerRate: closed === 0 ? null : c.answered / closed,
    abandonRate: closed === 0 ? null : c.abandoned / closed,
    serviceLevel: closed === 0 ? null : c.withinTarget / closed,
    asaSeconds: c.answered === 0 ? null : c.waitSum / c.answered,
    ahtSeconds: c.handled === 0 ? null : c.handleSum / c.handled,
    longestWaitSeconds: Math.round(c.longestWaitSeconds),
  };
}

export function countCalls(calls: readonly CallTimes[], now: Date, options: MetricOptions = DEFAULT_METRIC_OPTIONS): CallCounts {
  const c: CallCounts = { answered: 0, abandoned: 0, shortAbandoned: 0, waiting: 0, waitSum: 0, withinTarget: 0, handleSum: 0, handled: 0, longestWaitSeconds: 0 };
  for (const call of calls) {
    const outcome = classifyCall(call, options);
    if (outcome === 'answered' && call.answeredAt) {
      c.answered++;
      const wait = Math.max(0, (call.answeredAt.getTime() - call.offeredAt.getTime()) / 1000);
      c.waitSum += wait;
      if (wait <= options.serviceLevelSeconds) c.withinTarget++;
      if (call.endedAt) {
        c.handleSum += Math.max(0, (call.endedAt.getTime() - call.answeredAt.getTime()) / 1000);
        c.handled++;
      }
    } else if (outcome === 'abandoned') c.abandoned++;
    else if (outcome === 'short_abandoned') c.shortAbandoned++;
    else {
      c.waiting++;
      c.longestWaitSeconds = Math.max(c.longestWaitSeconds, (now.getTime() - call.offeredAt.getTime()) / 1000);
    }
  }
  return c;
}

export function callMetrics(calls: readonly CallTimes[], now: Date, options: MetricOptions = DEFAULT_METRIC_OPTIONS): CallMetrics {
  return metricsFromCounts(countCalls(calls, now, options));
}
