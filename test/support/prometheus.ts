// Reads a /metrics answer with the parser Prometheus' own Python client ships (Debian's python3-prometheus-client,
// text_string_to_metric_families): the text is checked by a program scrapers are built on, not by our reading.
import { spawnSync } from 'node:child_process';

export interface Sample { family: string; type: string; name: string; labels: Record<string, string>; value: number }

const PARSE = `
import json, math, sys
from prometheus_client.parser import text_string_to_metric_families
out = []
for f in text_string_to_metric_families(sys.stdin.read()):
    for s in f.samples:
        v = s.value
        out.append({"family": f.name, "type": f.type, "name": s.name, "labels": s.labels,
                    "value": v if math.isfinite(v) else str(v)})
print(json.dumps(out))
`;

export function parseExposition(text: string): Sample[] {
  const run = spawnSync('/usr/bin/python3', ['-c', PARSE], { input: text, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`prometheus_client could not parse /metrics: ${run.stderr} (install python3-prometheus-client)`);
  return (JSON.parse(run.stdout) as Array<Omit<Sample, 'value'> & { value: number | string }>)
    .map((s) => ({ ...s, value: Number(s.value) }));
}

/** The sum of the samples named `name` whose labels include `labels` (0 when there is none). */
export function sampleSum(samples: readonly Sample[], name: string, labels: Record<string, string> = {}): number {
  return samples
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);
}

/** How much each of `names` moved between two scrapes (label sets as in sampleSum). */
export function moved(before: readonly Sample[], after: readonly Sample[], names: ReadonlyArray<[string, Record<string, string>?]>): Record<string, number> {
  return Object.fromEntries(names.map(([name, labels = {}]) => {
    const key = Object.keys(labels).length ? `${name}${JSON.stringify(labels)}` : name;
    return [key, sampleSum(after, name, labels) - sampleSum(before, name, labels)];
  }));
}
