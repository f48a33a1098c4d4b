import { describe, expect, it } from 'vitest';
import { maskAddress, maskIdNumber, maskPersonalData, maskPhone } from './masking.ts';

describe('personal data masking', () => {
  it('keeps the first 6 and last 4 of an ID number, 3 + 4 of a phone, the district of an address', () => {
    expect(maskIdNumber('330102199001011234')).toBe('330102********1234');
    expect(maskPhone('13800001234')).toBe('138****1234');
    expect(maskPhone('0571-88888888')).toBe('057****8888');
    expect(maskAddress('杭州市上城区解放路100号')).toBe('杭州市上城区****');
    expect(maskAddress('浙江省淳安县千岛湖镇1号')).toBe('浙江省淳安县****');
  });

  it('masks by key wherever personal data sits in a document, and nothing else', () => {
    const doc = {
      id: '330100-2026-0000123', handlerId: 'H10023',
      applicant: { idNumber: '330102199001011234', name: '张三', phone: '13800000000', address: '杭州市上城区解放路100号' },
      appointment: { bookerPhone: '13900000000' },
      materials: [{ subjectIdNumber: '330102199001011234', sha256: 'a'.repeat(64) }],
      organisations: [{ phones: ['0571-8888888'] }],
    };
    expect(maskPersonalData(doc)).toEqual({
      id: '330100-2026-0000123', handlerId: 'H10023',
      applicant: { idNumber: '330102********1234', name: '张三', phone: '138****0000', address: '杭州市上城区****' },
      appointment: { bookerPhone: '139****0000' },
      materials: [{ subjectIdNumber: '330102********1234', sha256: 'a'.repeat(64) }],
      organisations: [{ phones: ['057****8888'] }],
    });
  });
});
