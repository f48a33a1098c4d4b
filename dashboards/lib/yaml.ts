/**
 * A small YAML writer for the provisioning and compose files generated here (maps, lists,
 * strings, numbers, booleans, null). Strings that could be read as anything else are written
 * double-quoted in JSON syntax, which YAML reads as the same string.
 */

type Value = string | number | boolean | null | undefined | readonly Value[] | { readonly [key: string]: Value };

// YAML 1.1 readers (Go's yaml.v2 in Prometheus) take these as booleans or null.
const RESERVED = /^(true|false|yes|no|on|off|null|~|y|n)$/i;
// Letters (Chinese included), digits and a few safe marks; nothing YAML gives a meaning to.
const PLAIN = /^[\p{L}_/][\p{L}\p{N}_ ./@=+,()（）、·，。；-]*$/u;

function scalar(value: string | number | boolean | null): string {
  if (value === null) return 'null';
  if (typeof value !== 'string') return String(value);
  const plain = PLAIN.test(value) && !RESERVED.test(value) && !value.endsWith(' ');
  return plain ? value : JSON.stringify(value);
}

const key = (k: string) => (/^[A-Za-z_][\w.-]*$/.test(k) ? k : JSON.stringify(k));

function isScalar(value: Value): value is string | number | boolean | null {
  return value === null || typeof value !== 'object';
}

function lines(value: Value, indent: string): string[] {
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${indent}[]`];
    return value.flatMap((item: Value) => {
      if (isScalar(item)) return [`${indent}- ${scalar(item)}`];
      const [first = '', ...rest] = lines(item, `${indent}  `);
      return [`${indent}- ${first.slice(indent.length + 2)}`, ...rest];
    });
  }
  const entries = Object.entries(value as Record<string, Value>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return [`${indent}{}`];
  return entries.flatMap(([k, v]) => {
    if (isScalar(v)) return [`${indent}${key(k)}: ${scalar(v)}`];
    if (Array.isArray(v) && v.length === 0) return [`${indent}${key(k)}: []`];
    if (!Array.isArray(v) && Object.keys(v as object).length === 0) return [`${indent}${key(k)}: {}`];
    return [`${indent}${key(k)}:`, ...lines(v, `${indent}  `)];
  });
}

/** The document, after `# ` comment lines saying what it is and that it is generated. */
export function toYaml(value: Value, comments: readonly string[] = []): string {
  // Through JSON first: builders' marker functions and undefined members are dropped, as in the JSON files.
  const plain = JSON.parse(JSON.stringify(value)) as Value;
  return `${[...comments.map((c) => `# ${c}`.trimEnd()), ...lines(plain, '')].join('\n')}\n`;
}

export type YamlValue = Value;
