/** A valid transaction in the interchange shape, with overrides for what a test changes. */
export function sampleTransaction(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: '330100-2026-0000123',
    version: 1,
    type: 'TRANSFER',
    status: 'COMPLETED',
    acceptedAt: '2026-03-02T09:15:00+08:00',
    completedAt: '2026-03-02T09:52:00+08:00',
    stationCode: '330100-DMV-01',
    handlerId: 'H10023',
    approverId: 'H10007',
    workstationId: 'WS-330100-01-07',
    channel: 'COUNTER',
    applicant: { kind: 'PERSON', idNumber: '330102199001011234', name: '张三', phone: '13800000000', address: '杭州市上城区解放路100号', identityCheck: 'PASSED' },
    agent: { idNumber: '330106198505052313', name: '李四', phone: '13900000000', address: '杭州市西湖区文三路8号', identityCheck: 'PASSED', orgCode: null },
    vehicle: { plate: '浙A12345', vin: 'LSVAU218XN2183294', vehicleType: 'K33', color: 'WHITE' },
    appointment: { id: 'AP-1', bookedAt: '2026-03-01T20:00:00+08:00', bookerPhone: '13900000000', bookerAccount: 'u-8812' },
    flags: { override: false, tolerance: false, toleranceDueAt: null },
    materials: [{ kind: 'ID_CARD', sha256: 'a'.repeat(64), validUntil: '2031-05-01', subjectVin: null, subjectIdNumber: '330102199001011234' }],
    photos: [],
    extra: {},
    ...overrides,
  };
}

export function sampleReference(): Record<string, unknown> {
  return {
    stations: [{
      code: '330100-DMV-01', name: '杭州市车管所', kind: 'DMV', lat: 30.27, lon: 120.15,
      hours: { mon: '08:30-17:30', tue: '08:30-17:30', wed: '08:30-17:30', thu: '08:30-17:30', fri: '08:30-17:30', sat: '09:00-12:00' },
      workstations: ['WS-330100-01-07'],
    }],
    handlers: [{ id: 'H10023', name: '王五', idNumber: '330102198001010011', phone: '13700000000', role: 'OFFICER', stations: ['330100-DMV-01'], permissions: ['TRANSFER', 'REG_NEW'], active: true }],
    organisations: [{ orgCode: '91330100MA2XXXXXX1', name: '某4S店', kind: 'DEALER', clerks: [{ idNumber: '330102199202020022', name: '赵六', phone: '13600000000' }], phones: ['0571-8888888'] }],
    lists: { intermediaryBlacklist: [{ idNumber: '330106198505052313', phone: null, reason: '2025年查处' }], personWatchlist: [] },
  };
}
