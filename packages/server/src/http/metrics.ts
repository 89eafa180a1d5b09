/**
 * A small Prometheus registry: request counts and a latency histogram per route. Hand-rolled because
 * the exposition format is simple and the dependency would be larger than this file.
 */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface Histogram {
  counts: number[];
  sum: number;
  count: number;
}

export class HttpMetrics {
  private requests = new Map<string, number>();
  private latency = new Map<string, Histogram>();
  private readonly startedAt = Date.now();

  observe(method: string, route: string, status: number, seconds: number): void {
    const reqKey = `method="${method}",route="${route}",status="${status}"`;
    this.requests.set(reqKey, (this.requests.get(reqKey) ?? 0) + 1);
    const latKey = `method="${method}",route="${route}"`;
    let h = this.latency.get(latKey);
    if (!h) {
      h = { counts: BUCKETS.map(() => 0), sum: 0, count: 0 };
      this.latency.set(latKey, h);
    }
    for (let i = 0; i < BUCKETS.length; i++) if (seconds <= (BUCKETS[i] as number)) h.counts[i] = (h.counts[i] ?? 0) + 1;
    h.sum += seconds;
    h.count++;
  }

  render(extra: Record<string, number> = {}): string {
    const lines: string[] = [];
    lines.push('# HELP anxin_http_requests_total HTTP requests by route and status.');
    lines.push('# TYPE anxin_http_requests_total counter');
    for (const [k, v] of this.requests) lines.push(`anxin_http_requests_total{${k}} ${v}`);
    lines.push('# HELP anxin_http_request_duration_seconds Request latency.');
    lines.push('# TYPE anxin_http_request_duration_seconds histogram');
    for (const [k, h] of this.latency) {
      BUCKETS.forEach((b, i) => lines.push(`anxin_http_request_duration_seconds_bucket{${k},le="${b}"} ${h.counts[i] ?? 0}`));
      lines.push(`anxin_http_request_duration_seconds_bucket{${k},le="+Inf"} ${h.count}`);
      lines.push(`anxin_http_request_duration_seconds_sum{${k}} ${h.sum}`);
      lines.push(`anxin_http_request_duration_seconds_count{${k}} ${h.count}`);
    }
    lines.push('# HELP anxin_process_uptime_seconds Seconds since the server started.');
    lines.push('# TYPE anxin_process_uptime_seconds gauge');
    lines.push(`anxin_process_uptime_seconds ${(Date.now() - this.startedAt) / 1000}`);
    const mem = process.memoryUsage();
    lines.push('# TYPE anxin_process_resident_memory_bytes gauge');
    lines.push(`anxin_process_resident_memory_bytes ${mem.rss}`);
    for (const [name, value] of Object.entries(extra)) {
      lines.push(`# TYPE ${name} gauge`);
      lines.push(`${name} ${value}`);
    }
    return `${lines.join('\n')}\n`;
  }
}
