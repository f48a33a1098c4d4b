import { describe, expect, it } from 'vitest';
import { toYaml } from './yaml.ts';

describe('the YAML writer', () => {
  it('writes maps, lists and scalars in block style, with the header comments', () => {
    expect(toYaml({ a: 1, b: [{ c: 'x', d: [true, null] }, 'z'], e: {}, f: [] }, ['generated'])).toBe(
      '# generated\na: 1\nb:\n  - c: x\n    d:\n      - true\n      - null\n  - z\ne: {}\nf: []\n',
    );
  });

  it('quotes strings a YAML reader would take for something else', () => {
    const text = toYaml({ words: ['yes', 'off', 'null', '3000', '1.5', '0.0.0.0', '10:30', '', ' pad', 'a: b', '#x', '*ref', '${VAR:-x}'] });
    for (const quoted of ['"yes"', '"off"', '"null"', '"3000"', '"1.5"', '"0.0.0.0"', '"10:30"', '""', '" pad"', '"a: b"', '"#x"', '"*ref"', '"${VAR:-x}"']) {
      expect(text).toContain(`- ${quoted}\n`);
    }
  });

  it('leaves plain words plain, Chinese included, and drops functions and undefined members', () => {
    expect(toYaml({ name: '车驾管数据库', path: '/var/lib/x', f: () => 1, u: undefined } as never)).toBe('name: 车驾管数据库\npath: /var/lib/x\n');
  });
});
