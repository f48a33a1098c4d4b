import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../../services/domain/check-digits.ts';
import { importReference } from '../../services/ingest/reference-data.ts';
import { ingestSimulated, runFullRecompute } from '../../services/intermediaries/index.ts';
import { createWorld, type SimTransaction } from '../../services/simulator/index.ts';
import { createTestApi, jsonRequest, signIn, type Session, type TestApi } from '../support/api.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../support/databases.ts';
import { sampleTransaction } from '../support/fixtures.ts';

/** A medium world (rings, colluding handlers) plus a few hand-made cases the assertions know by heart. */
const WORLD = { days: 20, perDay: 300, seed: 'investigator-api', tier: 'medium' } as const;
const PHONE = '13912345678';
const valid = (first17: string): string => `${first17}${idNumberCheckChar(first17)}`;
const A = valid('11010119800101001');
const B = valid('11010119800202002');
const C = valid('11010119800303003');
const X = valid('11010119750404004');
const T = valid('11010119900505005');
/** T's number mistyped in one digit: the check digit no longer matches. */
const T_TYPO = `${T.slice(0, 16)}${(Number(T[16]) + 1) % 10}${T[17]}`;
const HANDLER_PERSON = valid('11010119700606006');
/** An ID number anywhere in a text (not the digits of a decimal fraction). */
const ID_NUMBER = /(?<![\d.])\d{17}[\dX](?!\d)/;

function applicant(idNumber: string, name: string, phone: string, address = '北京市东城区东华门大街1号') {
  return { kind: 'PERSON', idNumber, name, phone, address, identityCheck: 'PASSED' };
}

function handmade(): SimTransaction[] {
  const base = (id: string, at: string, over: Record<string, unknown>) => sampleTransaction({
    id, acceptedAt: at, completedAt: at, agent: null, appointment: null, vehicle: null, type: 'DL_RENEW', materials: [], ...over,
  }) as unknown as SimTransaction;
  return [
    base('HM-1', '2026-03-02T09:00:00+08:00', { applicant: applicant(A, '周一', PHONE) }),
    base('HM-2', '2026-03-03T09:00:00+08:00', { applicant: applicant(C, '吴三', '13700000003'), agent: { idNumber: X, name: '郑代', phone: PHONE, address: '北京市西城区西单北大街9号', identityCheck: 'PASSED', orgCode: null } }),
    base('HM-3', '2026-03-04T09:00:00+08:00', { applicant: applicant(B, '王二', '13700000002'), appointment: { id: 'AP-HM3', bookedAt: '2026-03-01T20:00:00+08:00', bookerPhone: PHONE, bookerAccount: 'hm-acct' } }),
    base('HM-4', '2026-03-05T09:00:00+08:00', { applicant: applicant(A, '周一', PHONE), vehicle: { plate: '京A9X123', vin: 'LSVAU218XN2183294', vehicleType: 'K33', color: 'WHITE' }, type: 'TRANSFER' }),
    base('HM-5', '2026-03-06T09:00:00+08:00', { applicant: applicant(T, '陈思远', '13600000005', '北京市海淀区中关村大街8号楼3单元501室') }),
    base('HM-6', '2026-03-07T09:00:00+08:00', { applicant: applicant(T_TYPO, '陈思远', '13600000005', '北京市海淀区中关村大街8号楼3单元501室') }),
  ];
}

interface Hit { ref: string; idNumber: string | null; name: string | null; roles: Array<{ role: string; via: string | null; firstSeen: string | null; lastSeen: string | null; transactions: number }>; match: Record<string, unknown> | null }
interface Search { kind: string; persons: Hit[]; handlers: Array<{ handlerId: string; permissions: string[] }>; vehicles: Array<{ vin: string }>; total: number; masked: boolean }

describe.each(BACKENDS)('investigator API on %s', (kind) => {
  let test: TestDatabase;
  let api: TestApi;
  let investigator: Session;
  let supervisor: Session;
  let admin: Session;
  beforeAll(async () => {
    test = await openTestDatabase(kind);
    api = await createTestApi(test.db);
    const world = createWorld(WORLD);
    expect((await importReference(test.db, world.reference, 'test')).ok).toBe(true);
    await test.db.prisma.handler.create({ data: { id: 'H99', name: '孙经办', idNumber: HANDLER_PERSON, phone: PHONE, role: 'OFFICER', stations: ['330100-DMV-01'], permissions: ['TRANSFER', 'DL_RENEW'], active: true } });
    await ingestSimulated(test.db, world.transactions);
    await ingestSimulated(test.db, handmade());
    await runFullRecompute(test.db, { actor: 'test' });
    [investigator, supervisor, admin] = [await signIn(api, ['INVESTIGATOR']), await signIn(api, ['SUPERVISOR']), await signIn(api, ['ADMIN'])];
  }, 300_000);
  afterAll(async () => {
    await api.dispose();
    await test.dispose();
  });
  const get = async <T>(session: Session, url: string): Promise<{ status: number; body: T }> => {
    const res = await api.app.request(url, { headers: session.headers });
    return { status: res.status, body: await res.json() as T };
  };
  const auditCount = (action: string) => test.db.prisma.auditEntry.count({ where: { action } });

  it('finds every person who used a phone, with their roles and first and last dates (acceptance 4)', async () => {
    const { status, body } = await get<Search>(investigator, `/api/v1/investigation/search?q=${PHONE}&unmask=true`);
    expect(status).toBe(200);
    expect(body.kind).toBe('phone');
    const roles = Object.fromEntries(body.persons.map((p) => [p.idNumber, p.roles.map((r) => `${r.role}:${r.via ?? ''}:${r.firstSeen?.slice(0, 10) ?? ''}:${r.lastSeen?.slice(0, 10) ?? ''}:${r.transactions}`)]));
    expect(roles).toEqual({
      [A]: ['APPLICANT::2026-03-02:2026-03-05:2'],
      [X]: ['AGENT::2026-03-03:2026-03-03:1'],
      [B]: ['BOOKER:booked-for-applicant:2026-03-04:2026-03-04:1'],
      [HANDLER_PERSON]: ['CONTACT:handler:H99:::0'],
    });
    expect(body.handlers.map((h) => h.handlerId)).toEqual(['H99']);
  });

  it('masks personal data unless an investigator asks, and audits every search', async () => {
    const before = await auditCount('investigation.search');
    const masked = await get<Search>(investigator, `/api/v1/investigation/search?q=${PHONE}`);
    expect(masked.body.masked).toBe(true);
    expect(JSON.stringify(masked.body)).not.toContain(A);
    expect(JSON.stringify(masked.body)).not.toContain(PHONE);
    expect(masked.body.persons.find((p) => p.idNumber === `${A.slice(0, 6)}********${A.slice(-4)}`)).toBeDefined();
    expect(await auditCount('investigation.search')).toBe(before + 1);
    const entry = await test.db.prisma.auditEntry.findFirstOrThrow({ where: { action: 'investigation.search' }, orderBy: { seq: 'desc' } });
    expect(entry).toMatchObject({ actor: investigator.username, entityType: 'search', entityId: 'phone' });
    expect(entry.data).toMatchObject({ kind: 'phone', phone: PHONE, persons: 4, unmasked: false });
  });

  it('searches by ID number (near misses too), name (one character off), address variants, plate, VIN and handler', async () => {
    const near = `${T.slice(0, 15)}${(Number(T[15]) + 3) % 10}${T.slice(16)}`;
    const byId = await get<Search>(investigator, `/api/v1/investigation/search?q=${near}&unmask=true`);
    expect(byId.body.persons.map((p) => p.idNumber).sort()).toEqual([T, T_TYPO].sort());
    const byName = await get<Search>(investigator, `/api/v1/investigation/search?q=${encodeURIComponent('陈思源')}&unmask=true`);
    expect(byName.body.kind).toBe('name');
    expect(byName.body.persons.map((p) => [p.idNumber, p.match?.nameDistance])).toEqual(expect.arrayContaining([[T, 1], [T_TYPO, 1]]));
    const variant = '北京市海淀中关村大街８栋3单元 501';
    const byAddress = await get<Search>(investigator, `/api/v1/investigation/search?kind=address&q=${encodeURIComponent(variant)}&unmask=true`);
    expect(byAddress.body.persons.map((p) => p.idNumber).sort()).toEqual([T, T_TYPO].sort());
    const byPlate = await get<Search>(investigator, `/api/v1/investigation/search?q=${encodeURIComponent('京A·9X123')}&unmask=true`);
    expect([byPlate.body.kind, byPlate.body.persons.map((p) => p.idNumber), byPlate.body.vehicles.map((v) => v.vin)]).toEqual(['plate', [A], ['LSVAU218XN2183294']]);
    const byVin = await get<Search>(investigator, '/api/v1/investigation/search?q=LSVAU218XN2183294&unmask=true');
    expect(byVin.body.kind).toBe('vin');
    const byHandler = await get<Search>(investigator, '/api/v1/investigation/search?q=h99');
    expect(byHandler.body.handlers).toMatchObject([{ handlerId: 'H99', permissions: ['TRANSFER', 'DL_RENEW'] }]);
    const bad = await get<{ problems: Array<{ path: string }> }>(investigator, '/api/v1/investigation/search?q=');
    expect(bad.status).toBe(400);
  });

  it('merges a mistyped record into the profile, and lets an investigator split and confirm the link (audited)', async () => {
    const hit = (await get<Search>(investigator, `/api/v1/investigation/search?q=${T}&unmask=true`)).body.persons.find((p) => p.idNumber === T)!;
    type Profile = { idNumber: string; identity: { valid: boolean }; merged: Array<{ idNumber: string }>; links: Array<{ id: string; idNumber: string; confidence: number; status: string; reasons: string[] }>; timeline: Array<{ transactionId: string; role: string }>; roles: Array<{ role: string; transactions: number }> };
    const profile = (await get<Profile>(investigator, `/api/v1/investigation/persons/${hit.ref}?unmask=true`)).body;
    expect(profile.identity.valid).toBe(true);
    expect(profile.merged.map((m) => m.idNumber)).toEqual([T_TYPO]);
    expect(profile.links).toMatchObject([{ idNumber: T_TYPO, status: 'SUGGESTED' }]);
    expect(profile.links[0]!.confidence).toBeGreaterThanOrEqual(0.9);
    expect(profile.links[0]!.reasons[0]).toContain('校验码');
    expect(profile.timeline.map((e) => e.transactionId).sort()).toEqual(['HM-5', 'HM-6']);
    expect(profile.roles).toEqual([expect.objectContaining({ role: 'APPLICANT', transactions: 2 })]);
    const link = profile.links[0]!.id;
    const tooShort = await api.app.request(`/api/v1/investigation/links/${link}/decide`, jsonRequest('POST', { decision: 'SPLIT', note: '否' }, investigator.headers));
    expect([tooShort.status, (await tooShort.json() as { rule: string }).rule]).toEqual([409, 'REASON_TOO_SHORT']);
    const split = await api.app.request(`/api/v1/investigation/links/${link}/decide`, jsonRequest('POST', { decision: 'SPLIT', note: '核实为两个不同的人' }, investigator.headers));
    expect(split.status).toBe(200);
    expect((await get<Profile>(investigator, `/api/v1/investigation/persons/${hit.ref}`)).body.merged).toEqual([]);
    const confirm = await api.app.request(`/api/v1/investigation/links/${link}/decide`, jsonRequest('POST', { decision: 'CONFIRM', note: '户籍核实为同一人' }, investigator.headers));
    expect(confirm.status).toBe(200);
    expect((await get<Profile>(investigator, `/api/v1/investigation/persons/${hit.ref}`)).body.merged).toHaveLength(1);
    const entries = await test.db.prisma.auditEntry.findMany({ where: { entityType: 'person_link', entityId: link }, orderBy: { seq: 'asc' } });
    expect(entries.map((e) => e.action)).toEqual(['person_link.split', 'person_link.confirmed']);
    expect(await auditCount('investigation.person')).toBeGreaterThanOrEqual(3);
    expect((await get<unknown>(investigator, '/api/v1/investigation/persons/not-a-real-reference-0000')).status).toBe(404);
  });

  it('returns a ring network as nodes and edges of every kind, ready to draw (acceptance 4)', async () => {
    const rings = (await get<{ items: Array<{ ringId: string; memberCount: number }> }>(investigator, '/api/v1/investigation/rings')).body.items;
    expect(rings.length).toBeGreaterThan(0);
    type Ring = { members: Array<{ idNumber: string }>; sharedIdentifiers: unknown[]; network: { nodes: Array<{ id: string; kind: string }>; edges: Array<{ id: string; source: string; target: string; kind: string; weight: number; transactions: number; firstSeen: string | null; lastSeen: string | null }> } };
    const ring = (await get<Ring>(investigator, `/api/v1/investigation/rings/${rings[0]!.ringId}`)).body;
    expect(ring.members.length).toBe(rings[0]!.memberCount);
    expect(ring.sharedIdentifiers.length).toBeGreaterThan(0);
    const kinds = new Set(ring.network.nodes.map((n) => n.kind));
    expect([...kinds].sort()).toEqual(['address', 'booker', 'handler', 'person', 'phone']);
    const ids = new Set(ring.network.nodes.map((n) => n.id));
    for (const e of ring.network.edges) {
      expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
      expect(e.weight).toBeGreaterThan(0);
      if (e.kind !== 'LIVES_AT') expect(e.transactions > 0 && e.firstSeen !== null && e.firstSeen <= (e.lastSeen ?? '')).toBe(true);
    }
    expect(new Set(ring.network.edges.map((e) => e.kind))).toEqual(expect.objectContaining({ size: expect.any(Number) }));
    for (const k of ['AGENT_PHONE', 'BOOKED_WITH', 'HANDLED_BY', 'LIVES_AT']) expect(ring.network.edges.some((e) => e.kind === k), k).toBe(true);
    expect(JSON.stringify(ring)).not.toMatch(ID_NUMBER);
  });

  it('lists suspects best first and exports them as masked CSV (audited)', async () => {
    const page = (await get<{ items: Array<{ score: number; idNumber: string; reasons: string[] }>; total: number }>(investigator, '/api/v1/investigation/suspects?pageSize=500')).body;
    expect(page.total).toBeGreaterThan(0);
    expect(page.items.map((s) => s.score)).toEqual([...page.items.map((s) => s.score)].sort((a, b) => b - a));
    expect(JSON.stringify(page.items)).not.toMatch(/(?<!\d)1\d{10}(?!\d)/);
    const before = await auditCount('investigation.suspects_exported');
    const res = await api.app.request('/api/v1/investigation/suspects.csv', { headers: investigator.headers });
    expect(res.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1);
    expect(csv.startsWith('排名')).toBe(true);
    expect(csv.trim().split('\r\n')).toHaveLength(page.total + 1);
    expect(csv).not.toMatch(ID_NUMBER);
    expect(await auditCount('investigation.suspects_exported')).toBe(before + 1);
  });

  it('shows colluding handlers to supervisors and investigators', async () => {
    const list = await get<{ items: Array<{ handlerId: string; lift: number; pValue: number; agents: unknown[] }> }>(supervisor, '/api/v1/investigation/colluding-handlers');
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThan(0);
    for (const h of list.body.items) expect(h.pValue).toBeLessThan(0.05);
    expect((await get<unknown>(investigator, '/api/v1/investigation/colluding-handlers?unmask=true')).status).toBe(200);
  });

  it('queues one recompute on request (audited) and lists the runs', async () => {
    const first = await api.app.request('/api/v1/investigation/recompute', jsonRequest('POST', {}, admin.headers));
    expect([first.status, await first.json()]).toEqual([202, expect.objectContaining({ queued: true })]);
    const again = await api.app.request('/api/v1/investigation/recompute', jsonRequest('POST', {}, investigator.headers));
    expect(await again.json()).toMatchObject({ queued: false });
    expect(await auditCount('intermediaries.recompute_requested')).toBe(2);
    const runs = await get<{ items: Array<{ kind: string; status: string }> }>(admin, '/api/v1/investigation/runs');
    expect(runs.body.items[0]).toMatchObject({ kind: 'FULL', status: 'DONE' });
  });
});
