import { describe, expect, it } from 'vitest';
import type { ListEntry } from '../../ingest/schema/index.ts';
import { listIndex } from './list-index.ts';

const entry = (idNumber: string | null, phone: string | null, reason: string): ListEntry => ({ idNumber, phone, reason });

describe('reference list index', () => {
  it('finds entries by normalised ID number and phone, the first of a key winning as a scan would', () => {
    const list = [
      entry('３３０１０２１９９００１０１１２３x', null, 'full-width, lower-case check character'),
      entry('330102199001011234', '+86 139 0000 0000', 'phone written loosely'),
      entry('330102199001011234', '13900000000', 'second of the same keys'),
      entry(null, null, 'neither'),
    ];
    const index = listIndex(list);
    expect(index.byIdNumber.get('33010219900101123X')?.reason).toBe('full-width, lower-case check character');
    expect(index.byIdNumber.get('330102199001011234')?.reason).toBe('phone written loosely');
    expect(index.byPhone.get('13900000000')?.reason).toBe('phone written loosely');
    expect([...index.byIdNumber.keys()]).toHaveLength(2);
    expect([...index.byPhone.keys()]).toEqual(['13900000000']);
  });

  it('is built once per list, and afresh for a new version of it', () => {
    const list = [entry('330102199001011234', null, 'v1')];
    expect(listIndex(list)).toBe(listIndex(list));
    const next = [entry('330102199001011234', null, 'v2')];
    expect(listIndex(next).byIdNumber.get('330102199001011234')?.reason).toBe('v2');
  });
});
