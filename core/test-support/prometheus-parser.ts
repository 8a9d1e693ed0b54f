// Reads Prometheus text with a parser that is not ours: the official Prometheus Python client's
// (Debian's python3-prometheus-client, installed by `npm run test:setup`).
import { runPythonJson } from './python';

export interface MetricFamily {
  name: string;
  type: string;
  help: string;
  /** `value` is Python's repr of the float: `12.0`, `nan`, `1764565200.25`. */
  samples: { name: string; labels: Record<string, string>; value: string }[];
}

const PARSER = `
import json, sys
try:
    from prometheus_client.parser import text_string_to_metric_families
except ImportError:
    sys.exit("python3-prometheus-client is missing: run npm run test:setup")
families = []
for f in text_string_to_metric_families(sys.stdin.read()):
    families.append({"name": f.name, "type": f.type, "help": f.documentation,
        "samples": [{"name": s.name, "labels": s.labels, "value": repr(float(s.value))}
                    for s in f.samples]})
print(json.dumps(families))
`;

/** Parses Prometheus text with prometheus_client's parser; fails loudly when it refuses it. */
export function parsePrometheusText(text: string): Promise<MetricFamily[]> {
  return runPythonJson<MetricFamily[]>(PARSER, text, 'the Prometheus parser');
}

/** The value of one sample (the family's sample whose labels are exactly `labels`), or undefined. */
export function sampleValue(
  families: readonly MetricFamily[],
  name: string,
  labels: Record<string, string> = {},
): string | undefined {
  const want = JSON.stringify(Object.entries(labels).sort());
  return families
    .find((f) => f.name === name)
    ?.samples.find((s) => JSON.stringify(Object.entries(s.labels).sort()) === want)?.value;
}
