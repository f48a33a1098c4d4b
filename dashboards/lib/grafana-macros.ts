/**
 * What Grafana does to a panel's SQL before PostgreSQL sees it, so that tests and the benchmark
 * run exactly that: template variables first (with the dashboard's own definitions: a custom
 * all-value is written verbatim, `:singlequote` quotes and joins the selection), then the macros
 * of Grafana's PostgreSQL datasource ($__timeFilter, $__timeFrom, $__timeTo, $__timeGroup,
 * $__timeGroupAlias, $__time, $__timeEpoch, $__unixEpochFilter). An unknown macro or variable
 * is an error, so a typo in a dashboard fails its test instead of reaching Grafana.
 */
import type { VariableModel } from '@grafana/grafana-foundation-sdk/dashboard';

export interface QueryContext {
  readonly from: Date;
  readonly to: Date;
  /** Selected values per variable; a variable not named here is at its dashboard default ("All", or its current value). */
  readonly selections?: Readonly<Record<string, readonly string[]>>;
}

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

export function intervalSeconds(text: string): number {
  const match = /^(\d+)(s|m|h|d|w)$/.exec(text.trim().replace(/^['"]|['"]$/g, ''));
  if (!match) throw new Error(`unsupported interval ${text}`);
  return Number(match[1]) * UNITS[match[2]!]!;
}

/**
 * The range Grafana queries a panel for: the dashboard's, unless the panel has a relative time
 * override (`timeFrom: '7d'`: the last seven days up to the dashboard's end).
 */
export function panelRange(panel: { timeFrom?: string }, dashboard: { from: Date; to: Date }): { from: Date; to: Date } {
  if (!panel.timeFrom) return dashboard;
  return { from: new Date(dashboard.to.getTime() - intervalSeconds(panel.timeFrom) * 1000), to: dashboard.to };
}

const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;

function formatValues(values: readonly string[], format: string | undefined): string {
  switch (format) {
    case undefined:
    case 'raw':
      return values.join(',');
    case 'singlequote':
      return values.map(quote).join(',');
    case 'sqlstring':
      return values.map(quote).join(',');
    case 'csv':
      return values.join(',');
    default:
      throw new Error(`unsupported variable format :${format}`);
  }
}

function currentValues(variable: VariableModel): readonly string[] {
  const value = variable.current?.value;
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function replaceVariable(variable: VariableModel, format: string | undefined, selection: readonly string[] | undefined): string {
  if (variable.type === 'constant' || variable.type === 'textbox') return String(variable.query ?? '');
  const values = selection ?? currentValues(variable);
  const all = selection === undefined && values.includes('$__all');
  // Grafana: a custom all-value is used as written, unformatted (except for text / percentencode).
  if (all) {
    if (variable.allValue) return variable.allValue;
    throw new Error(`variable ${variable.name}: "All" without a custom all-value would list every option; give it one`);
  }
  return formatValues(values, format);
}

/** Replaces $name, ${name}, ${name:format} and [[name]] with the dashboard's variables. */
export function interpolateVariables(text: string, variables: readonly VariableModel[], context: QueryContext): string {
  const byName = new Map(variables.map((v) => [v.name, v]));
  const pattern = /\$\{(\w+)(?::(\w+))?\}|\[\[(\w+)(?::(\w+))?\]\]|\$(\w+)/g;
  return text.replace(pattern, (whole, a?: string, fa?: string, b?: string, fb?: string, c?: string) => {
    const name = a ?? b ?? c ?? '';
    if (name.startsWith('__')) return whole; // macros and built-ins ($__timeFilter, ${__value.raw}…)
    const variable = byName.get(name);
    if (!variable) throw new Error(`unknown variable ${whole}`);
    return replaceVariable(variable, fa ?? fb, context.selections?.[name]);
  });
}

function macro(name: string, args: readonly string[], context: QueryContext): string {
  const from = context.from.toISOString();
  const to = context.to.toISOString();
  const column = args[0] ?? '';
  const group = () => {
    const seconds = intervalSeconds(args[1] ?? '');
    return `floor(extract(epoch from ${column})/${seconds})*${seconds}`;
  };
  switch (name) {
    case '__timeFilter': return `${column} BETWEEN '${from}' AND '${to}'`;
    case '__timeFrom': return `'${from}'`;
    case '__timeTo': return `'${to}'`;
    case '__time': return `${column} AS "time"`;
    case '__timeEpoch': return `extract(epoch from ${column}) AS "time"`;
    case '__timeGroup': return group();
    case '__timeGroupAlias': return `${group()} AS "time"`;
    case '__unixEpochFilter': return `${column} >= ${Math.floor(context.from.getTime() / 1000)} AND ${column} <= ${Math.floor(context.to.getTime() / 1000)}`;
    default: throw new Error(`unsupported macro $${name}`);
  }
}

/** Grafana's macro syntax: $__name(args up to the first closing parenthesis). */
export function expandMacros(text: string, context: QueryContext): string {
  const expanded = text.replace(/\$(__\w+)\(([^)]*)\)/g, (_, name: string, args: string) => macro(name, args.split(',').map((a) => a.trim()).filter((a) => a !== ''), context));
  const left = /\$__\w+/.exec(expanded);
  if (left) throw new Error(`unexpanded ${left[0]}`);
  return expanded;
}

/** The SQL PostgreSQL receives for one panel query. */
export function expandQuery(rawSql: string, variables: readonly VariableModel[], context: QueryContext): string {
  return expandMacros(interpolateVariables(rawSql, variables, context), context);
}
