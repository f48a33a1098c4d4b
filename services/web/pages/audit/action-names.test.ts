import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_NAMES, AUDIT_ENTITY_NAMES } from './action-names.ts';

const SERVICES = path.resolve(import.meta.dirname, '../../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** The ways the code base names an action it appends: `action: '…'`, `action: x ? '…' : '…'`, and the two audit helpers. */
const PATTERNS = [
  /action: '([a-z_.-]+)'/g,
  /action: [^,\n]+\? '([a-z_.-]+)' : '([a-z_.-]+)'/g,
  /auditRuleSet\(tx, \w+, '([a-z_.-]+)'/g,
  /await audit\(db, [^,]+, '([a-z_.-]+)'/g,
];

function matchesInSources(patterns: readonly RegExp[]): Set<string> {
  const found = new Set<string>();
  for (const file of sourceFiles(SERVICES)) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of patterns) for (const match of text.matchAll(pattern)) match.slice(1).forEach((a) => found.add(a));
  }
  return found;
}

describe('audit action names', () => {
  it('names in Chinese every action the code base appends to the audit trail', () => {
    const actions = matchesInSources(PATTERNS);
    // The scan must see the actions it is meant to guard, or it proves nothing.
    expect(actions).toContain('transaction.revised');
    expect(actions).toContain('ruleset.published');
    expect(actions).toContain('auth.login_failed');
    expect([...actions].filter((a) => !(a in AUDIT_ACTION_NAMES)).sort()).toEqual([]);
  });

  it('names every kind of entity an entry can be about', () => {
    const types = matchesInSources([/entityType: '([a-z_]+)'/g]);
    expect(types).toContain('rule_set');
    expect([...types].filter((t) => !(t in AUDIT_ENTITY_NAMES)).sort()).toEqual([]);
  });
});
