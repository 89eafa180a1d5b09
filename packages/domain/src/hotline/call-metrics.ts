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

export function callMetrics(calls: readonly CallTimes[], now: Date, options: MetricOptions = DEFAULT_METRIC_OPTIONS): CallMetrics {
  let answered = 0;
  let abandoned = 0;
  let shortAbandoned = 0;
  let waiting = 0;
  let waitSum = 0;
  let withinTarget = 0;
  let handleSum = 0;
  let handled = 0;
  let longestWait = 0;
  for (const c of calls) {
    const outcome = classifyCall(c, options);
    if (outcome === 'answered' && c.answeredAt) {
      answered++;
      const wait = Math.max(0, (c.answeredAt.getTime() - c.offeredAt.getTime()) / 1000);
      waitSum += wait;
      if (wait <= options.serviceLevelSeconds) withinTarget++;
      if (c.endedAt) {
        handleSum += Math.max(0, (c.endedAt.getTime() - c.answeredAt.getTime()) / 1000);
        handled++;
      }
    } else if (outcome === 'abandoned') abandoned++;
    else if (outcome === 'short_abandoned') shortAbandoned++;
    else {
      waiting++;
      longestWait = Math.max(longestWait, (now.getTime() - c.offeredAt.getTime()) / 1000);
    }
  }
  const closed = answered + abandoned;
  return {
    offered: closed + waiting,
    answered,
    abandoned,
    shortAbandoned,
    waiting,
    answerRate: closed === 0 ? null : answered / closed,
    abandonRate: closed === 0 ? null : abandoned / closed,
    serviceLevel: closed === 0 ? null : withinTarget / closed,
    asaSeconds: answered === 0 ? null : waitSum / answered,
    ahtSeconds: handled === 0 ? null : handleSum / handled,
    longestWaitSeconds: Math.round(longestWait),
  };
}
