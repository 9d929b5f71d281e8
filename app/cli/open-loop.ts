/**
 * An open-loop load generator: requests are sent on a fixed schedule (`rate` per second, evenly
 * spaced) over a pool of keep-alive connections, whatever the server's pace, and each latency is
 * counted from the moment its request was due, so time spent queued behind a slow answer is part
 * of it (no coordinated omission). This is how a shop's traffic arrives: buyers do not wait for
 * each other. autocannon's closed loop (each connection sends when its previous answer is back)
 * measures throughput at saturation instead, where latency is the queue, not the service.
 */
import http from "node:http";

export interface OpenLoopRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface OpenLoopResult {
  /** Requests per second asked for and actually completed. */
  offered: number;
  achieved: number;
  sent: number;
  non2xx: number;
  errors: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export interface OpenLoopOptions {
  origin: string;
  rate: number;
  durationS: number;
  connections: number;
  next: () => OpenLoopRequest;
  headers?: Record<string, string>;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Sends `rate × durationS` requests on schedule and waits for the last answer. */
export async function openLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const url = new URL(options.origin);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const total = Math.round(options.rate * options.durationS);
  const latencies = new Float64Array(total);
  let done = 0;
  let non2xx = 0;
  let errors = 0;
  const started = performance.now();
  const interval = 1000 / options.rate;

  const send = (i: number, dueAt: number) =>
    new Promise<void>((resolve) => {
      const spec = options.next();
      const request = http.request(
        {
          host: url.hostname,
          port: url.port,
          method: spec.method,
          path: spec.path,
          agent,
          headers: {
            ...options.headers,
            ...spec.headers,
            // A length, not chunked encoding: what browsers send with a fetch body.
            ...(spec.body === undefined ? {} : { "content-length": String(Buffer.byteLength(spec.body)) }),
          },
        },
        (response) => {
          if ((response.statusCode ?? 0) < 200 || (response.statusCode ?? 0) >= 300) non2xx += 1;
          response.resume();
          response.on("end", () => {
            latencies[i] = performance.now() - dueAt;
            done += 1;
            resolve();
          });
        },
      );
      request.on("error", () => {
        errors += 1;
        latencies[i] = performance.now() - dueAt;
        done += 1;
        resolve();
      });
      request.end(spec.body);
    });

  const inFlight: Promise<void>[] = [];
  let i = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      // Every request due by now goes out (a late timer sends several at once, each timed from its own due time).
      while (i < total && started + i * interval <= now) {
        inFlight.push(send(i, started + i * interval));
        i += 1;
      }
      if (i >= total) return resolve();
      setTimeout(tick, Math.max(0, started + i * interval - performance.now()));
    };
    tick();
  });
  await Promise.all(inFlight);
  const elapsedS = (performance.now() - started) / 1000;
  agent.destroy();
  const sorted = latencies.slice(0, done).sort();
  return {
    offered: options.rate,
    achieved: done / elapsedS,
    sent: total,
    non2xx,
    errors,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? 0,
  };
}

export function describeOpenLoop(result: OpenLoopResult): string {
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  return (
    `offered ${result.offered.toFixed(0)} req/s, completed ${result.achieved.toFixed(0)} req/s; latency p50 ${ms(result.p50)}, ` +
    `p90 ${ms(result.p90)}, p99 ${ms(result.p99)}, max ${ms(result.max)}; ${result.non2xx} non-2xx, ${result.errors} errors`
  );
}
