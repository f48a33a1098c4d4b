/**
 * Evidence (of a risk hit, an intermediary suspicion, a suggested identity link) as labelled
 * lines in Chinese instead of JSON: flat objects whose values are scalars, lists of scalars or
 * lists of flat objects. Each kind of evidence brings its own labels and value names.
 */
import { compactJson } from './format.ts';

export interface EvidenceText {
  /** The Chinese label of a key; an unknown key comes back as it is. */
  label(key: string): string;
  /** One scalar value as people read it (codes named, instants in local time, booleans 是/否). */
  scalar(key: string, value: unknown): string;
  /** Where a value links to (another transaction, a ring), if anywhere. */
  href?(key: string, value: string): string | null;
  /** Reading order of the keys (stored JSON keeps none); unknown keys go last. */
  rank?(key: string): number;
}

/** Ranks keys in the order a label table lists them. */
export function rankByTable(labels: Readonly<Record<string, string>>): (key: string) => number {
  const order = new Map(Object.keys(labels).map((key, i) => [key, i]));
  return (key) => order.get(key) ?? order.size;
}

function ordered(entries: [string, unknown][], text: EvidenceText): [string, unknown][] {
  const rank = text.rank;
  return rank ? [...entries].sort(([a], [b]) => rank(a) - rank(b)) : entries;
}

function Value(props: { text: EvidenceText; name: string; value: unknown }) {
  const { text, name, value } = props;
  const href = typeof value === 'string' ? text.href?.(name, value) : null;
  return href ? <a href={href}>{value as string}</a> : <>{text.scalar(name, value)}</>;
}

/** A listed object (one other transaction, one photo …) on one line: label value；label value. */
function Item(props: { text: EvidenceText; item: Readonly<Record<string, unknown>> }) {
  return (
    <li>
      {ordered(Object.entries(props.item), props.text).map(([name, value], i) => (
        <>{i > 0 ? '；' : ''}<span class="muted">{props.text.label(name)}</span> <Value text={props.text} name={name} value={value} /></>
      ))}
    </li>
  );
}

function Entry(props: { text: EvidenceText; name: string; value: unknown }) {
  const { text, name, value } = props;
  if (!Array.isArray(value)) {
    if (typeof value === 'object' && value !== null) return <ul class="evidence-items"><Item text={text} item={value as Record<string, unknown>} /></ul>;
    return <Value text={text} name={name} value={value} />;
  }
  if (value.length === 0) return <>—</>;
  if (value.some((v) => typeof v === 'object' && v !== null)) {
    return <ul class="evidence-items">{value.map((v) => <Item text={text} item={(v ?? {}) as Record<string, unknown>} />)}</ul>;
  }
  return <>{value.map((v, i) => <>{i > 0 ? '、' : ''}<Value text={text} name={name} value={v} /></>)}</>;
}

export function EvidenceList(props: { evidence: unknown; text: EvidenceText }) {
  const ev = props.evidence;
  if (!ev || typeof ev !== 'object' || Array.isArray(ev)) return <code>{compactJson(ev)}</code>;
  const entries = ordered(Object.entries(ev as Record<string, unknown>), props.text);
  if (entries.length === 0) return <span class="muted">—</span>;
  return (
    <dl class="evidence">
      {entries.map(([name, value]) => <div><dt>{props.text.label(name)}</dt><dd><Entry text={props.text} name={name} value={value} /></dd></div>)}
    </dl>
  );
}

/** The values every kind of evidence shares: nothing, yes/no, numbers. */
export function plainScalar(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number') return String(value);
  return typeof value === 'object' ? JSON.stringify(value) : null;
}
