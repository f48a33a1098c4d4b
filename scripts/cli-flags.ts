/** `--name value` / `--name=value` flags of the project's small CLIs; unknown names are refused. */
export function readFlags(argv: readonly string[], known: readonly string[]): Map<string, string> {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) throw new Error(`unexpected argument ${arg}`);
    const eq = arg.indexOf('=');
    if (eq > 0) values.set(arg.slice(2, eq), arg.slice(eq + 1));
    else values.set(arg.slice(2), argv[++i] ?? '');
  }
  for (const key of values.keys()) if (!known.includes(key)) throw new Error(`unknown option --${key}`);
  return values;
}
