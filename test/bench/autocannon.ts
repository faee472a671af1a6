// autocannon (CommonJS, untyped here) as the server benches call it, and what they make of its results.
import { createRequire } from 'node:module';

export interface Result { requests: { average: number; total: number }; latency: { p50: number; p99: number }; non2xx: number; errors: number; start: Date; finish: Date }
export interface Req { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer }
export type AutocannonOptions = {
  url: string; connections: number; duration?: number; amount?: number; method?: string;
  headers?: Record<string, string>; body?: string | Buffer; requests?: { setupRequest?: (req: Req) => Req }[];
};
type Autocannon = (opts: AutocannonOptions) => Promise<Result>;
export const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

/** The run's result, or an error if any request failed: a rate of failures measures nothing. */
export function check(name: string, r: Result): Result {
  if (r.errors || r.non2xx) throw new Error(`${name}: ${r.errors} errors, ${r.non2xx} non-2xx answers`);
  return r;
}

/** Requests per second over the run's own span. */
export const rps = (r: Result) => r.requests.total / ((r.finish.getTime() - r.start.getTime()) / 1000);
export const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
