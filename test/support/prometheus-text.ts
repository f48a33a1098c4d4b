/**
 * A strict parser of the Prometheus text exposition format 0.0.4, for tests: it refuses what a
 * Prometheus server would refuse (bad names, bad escapes, samples before their TYPE, a family
 * declared twice, duplicate series) and checks histogram consistency (cumulative buckets, +Inf
 * bucket equal to _count). Written here rather than added as a dependency.
 */

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

export interface Family {
  readonly name: string;
  readonly type: MetricType;
  readonly help: string;
  readonly samples: Sample[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES: readonly MetricType[] = ['counter', 'gauge', 'histogram', 'summary', 'untyped'];

export class ExpositionError extends Error {
  constructor(line: number, message: string) {
    super(`line ${line}: ${message}`);
  }
}

function parseValue(text: string, line: number): number {
  // Prometheus reads values with Go's ParseFloat, which takes Inf and NaN in any letter case
  // (prom-client writes `Nan` for an empty event-loop histogram).
  if (/^\+?inf$/i.test(text)) return Number.POSITIVE_INFINITY;
  if (/^-inf$/i.test(text)) return Number.NEGATIVE_INFINITY;
  if (/^nan$/i.test(text)) return Number.NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) throw new ExpositionError(line, `bad value ${text}`);
  return Number(text);
}

/** Reads `{a="x",b="y"}` starting at `start` (the '{'); returns the labels and the index after '}'. */
function parseLabels(text: string, start: number, line: number): { labels: Record<string, string>; end: number } {
  const labels: Record<string, string> = {};
  let i = start + 1;
  while (text[i] !== '}') {
    const eq = text.indexOf('=', i);
    if (eq < 0) throw new ExpositionError(line, 'label without =');
    const name = text.slice(i, eq).trim();
    if (!LABEL_NAME.test(name)) throw new ExpositionError(line, `bad label name ${name}`);
    if (name in labels) throw new ExpositionError(line, `label ${name} twice`);
    if (text[eq + 1] !== '"') throw new ExpositionError(line, `label ${name} value not quoted`);
    let value = '';
    let j = eq + 2;
    for (; j < text.length && text[j] !== '"'; j++) {
      if (text[j] !== '\\') { value += text[j]; continue; }
      const next = text[++j];
      if (next === 'n') value += '\n';
      else if (next === '\\' || next === '"') value += next;
      else throw new ExpositionError(line, `bad escape \\${next ?? ''}`);
    }
    if (text[j] !== '"') throw new ExpositionError(line, `unterminated value of ${name}`);
    labels[name] = value;
    i = j + 1;
    if (text[i] === ',') i++;
    else if (text[i] !== '}') throw new ExpositionError(line, `expected , or } after ${name}`);
  }
  return { labels, end: i + 1 };
}

function familyOf(name: string, families: Map<string, Family>): Family | undefined {
  const direct = families.get(name);
  if (direct) return direct;
  const base = name.replace(/_(bucket|sum|count)$/, '');
  const family = families.get(base);
  return family && (family.type === 'histogram' || family.type === 'summary') ? family : undefined;
}

function parseSample(text: string, line: number): Sample {
  const brace = text.indexOf('{');
  const space = text.indexOf(' ');
  const nameEnd = brace >= 0 && (space < 0 || brace < space) ? brace : space;
  if (nameEnd < 0) throw new ExpositionError(line, 'sample without value');
  const name = text.slice(0, nameEnd);
  if (!METRIC_NAME.test(name)) throw new ExpositionError(line, `bad metric name ${name}`);
  let rest = nameEnd;
  let labels: Record<string, string> = {};
  if (text[nameEnd] === '{') ({ labels, end: rest } = parseLabels(text, nameEnd, line));
  const parts = text.slice(rest).trim().split(/\s+/);
  if (parts.length < 1 || parts.length > 2 || parts[0] === '') throw new ExpositionError(line, 'expected value [timestamp]');
  if (parts[1] !== undefined && !/^-?\d+$/.test(parts[1])) throw new ExpositionError(line, `bad timestamp ${parts[1]}`);
  return { name, labels, value: parseValue(parts[0]!, line) };
}

function checkHistogram(family: Family): void {
  const groups = new Map<string, { buckets: Array<[number, number]>; count?: number }>();
  for (const s of family.samples) {
    const { le, ...rest } = s.labels;
    const key = JSON.stringify(Object.entries(rest).sort());
    const group = groups.get(key) ?? { buckets: [] };
    groups.set(key, group);
    if (s.name.endsWith('_bucket')) group.buckets.push([parseValue(le ?? '', 0), s.value]);
    if (s.name.endsWith('_count')) group.count = s.value;
  }
  for (const [key, group] of groups) {
    const sorted = [...group.buckets].sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i]![1] < sorted[i - 1]![1]) throw new Error(`${family.name} ${key}: buckets not cumulative`);
    }
    const inf = sorted.at(-1);
    if (!inf || inf[0] !== Number.POSITIVE_INFINITY) throw new Error(`${family.name} ${key}: no +Inf bucket`);
    if (inf[1] !== group.count) throw new Error(`${family.name} ${key}: +Inf bucket ${inf[1]} != _count ${group.count}`);
  }
}

export function parseExposition(text: string): Map<string, Family> {
  const families = new Map<string, Family>();
  const seen = new Set<string>();
  const lines = text.split('\n');
  if (lines.at(-1) !== '') throw new ExpositionError(lines.length, 'exposition must end with a newline');
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    const meta = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(raw);
    if (meta) {
      const [, kind, name = '', rest = ''] = meta;
      if (!METRIC_NAME.test(name)) throw new ExpositionError(line, `bad metric name ${name}`);
      const existing = families.get(name);
      if (kind === 'TYPE') {
        if (!TYPES.includes(rest as MetricType)) throw new ExpositionError(line, `bad type ${rest}`);
        if (existing?.samples.length) throw new ExpositionError(line, `TYPE of ${name} after its samples`);
        if (existing && existing.type !== 'untyped') throw new ExpositionError(line, `TYPE of ${name} twice`);
        families.set(name, { name, type: rest as MetricType, help: existing?.help ?? '', samples: existing?.samples ?? [] });
      } else {
        if (existing?.help) throw new ExpositionError(line, `HELP of ${name} twice`);
        families.set(name, { name, type: existing?.type ?? 'untyped', help: rest, samples: existing?.samples ?? [] });
      }
      return;
    }
    if (raw.startsWith('#')) return;
    const sample = parseSample(raw, line);
    const family = familyOf(sample.name, families);
    if (!family) throw new ExpositionError(line, `sample ${sample.name} without a TYPE`);
    const key = `${sample.name}${JSON.stringify(Object.entries(sample.labels).sort())}`;
    if (seen.has(key)) throw new ExpositionError(line, `duplicate series ${key}`);
    seen.add(key);
    family.samples.push(sample);
  });
  for (const family of families.values()) if (family.type === 'histogram') checkHistogram(family);
  return families;
}

/** The value of one series (exact label match), or undefined. */
export function sampleValue(families: Map<string, Family>, name: string, labels: Record<string, string> = {}): number | undefined {
  const family = familyOf(name, families);
  const want = JSON.stringify(Object.entries(labels).sort());
  return family?.samples.find((s) => s.name === name && JSON.stringify(Object.entries(s.labels).sort()) === want)?.value;
}
