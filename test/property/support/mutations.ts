/**
 * Malformed transactions: a valid one broken in exactly one way, each break knowing the field path
 * that the refusal must name (interchange.md: "rejected whole, with every problem listed").
 */
import fc from 'fast-check';
import {
  APPLICANT_KINDS, BUSINESS_TYPE_CODES, CHANNELS, IDENTITY_CHECKS, MATERIAL_KINDS, PHOTO_KINDS, TRANSACTION_STATUSES, VEHICLE_COLORS,
} from '../../../services/domain/index.ts';
import { baseTransaction, type Doc } from './transactions.ts';

type Key = string | number;

export interface Malformed {
  /** What was broken, for the failure message. */
  readonly label: string;
  /** The path a problem must name: exactly, or as the parent of the problem's path. */
  readonly path: string;
  /** The broken document (not always an object: the root itself may be the break). */
  readonly document: unknown;
}

export function pathText(keys: readonly Key[]): string {
  return keys.reduce<string>((acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : acc === '' ? k : `${acc}.${k}`), '') || '(root)';
}

/** True when `problem` is `expected` or lies under it (`applicant` covers `applicant.idNumber`). */
export function covers(expected: string, problem: string): boolean {
  return problem === expected || problem.startsWith(`${expected}.`) || problem.startsWith(`${expected}[`);
}

function withValue(doc: Doc, keys: readonly Key[], value: unknown, remove = false): Doc {
  const copy = structuredClone(doc);
  let node = copy as Record<Key, unknown>;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<Key, unknown>;
  const last = keys[keys.length - 1]!;
  if (remove) delete node[last];
  else node[last] = value;
  return copy;
}

const p = (text: string): Key[] => text.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k));

const REQUIRED_TEXT = ['id', 'stationCode', 'handlerId', 'agent.idNumber', 'appointment.id'];
const OPTIONAL_TEXT: Array<[string, number]> = [
  ['approverId', 64], ['workstationId', 64], ['applicant.name', 100], ['applicant.phone', 32], ['applicant.address', 300],
  ['agent.name', 100], ['agent.phone', 32], ['agent.address', 300], ['vehicle.plate', 16], ['vehicle.vin', 32],
  ['vehicle.vehicleType', 16], ['appointment.bookerPhone', 32], ['appointment.bookerAccount', 64],
  ['materials.0.subjectVin', 32], ['materials.0.subjectIdNumber', 32],
];
const LIMITED_TEXT: Array<[string, number]> = [['id', 64], ['stationCode', 64], ['handlerId', 64], ['agent.idNumber', 32], ['appointment.id', 64], ...OPTIONAL_TEXT];
const ENUMS: Array<[string, readonly string[], boolean]> = [
  ['type', BUSINESS_TYPE_CODES, false], ['status', TRANSACTION_STATUSES, false], ['channel', CHANNELS, false],
  ['applicant.kind', APPLICANT_KINDS, false], ['applicant.identityCheck', IDENTITY_CHECKS, true], ['agent.identityCheck', IDENTITY_CHECKS, true],
  ['vehicle.color', VEHICLE_COLORS, true], ['materials.0.kind', MATERIAL_KINDS, false], ['photos.0.kind', PHOTO_KINDS, false],
];
const DATE_TIMES: Array<[string, boolean]> = [
  ['acceptedAt', false], ['completedAt', true], ['appointment.bookedAt', true], ['flags.toleranceDueAt', true], ['photos.0.takenAt', true],
];
const OBJECTS: Array<[string, boolean]> = [['applicant', false], ['agent', true], ['vehicle', true], ['appointment', true], ['flags', false]];
const REQUIRED = ['id', 'version', 'type', 'status', 'acceptedAt', 'stationCode', 'handlerId', 'channel', 'applicant', 'applicant.kind', 'agent.idNumber', 'appointment.id', 'materials.0.kind', 'photos.0.kind'];

// Numbers JSON can carry: NaN and Infinity would reach the API as null, which is legal for optional fields.
const notString = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant([]), fc.dictionary(fc.string(), fc.integer(), { maxKeys: 2 }));
const notObject = fc.oneof(fc.integer(), fc.boolean(), fc.string(), fc.array(fc.integer(), { maxLength: 3 }));
const ISO_LIKE = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/;
const badDateTime = fc.oneof(
  fc.constantFrom('2026-03-02 09:15', '2026-03-02T09:15:00', '2026-02-30T09:15:00+08:00', '2026-13-01T00:00:00Z', 'yesterday', '',
    '0000-01-01T00:00:00+08:00', '9999-12-31T23:59:59-14:00', '2026-03-02T25:00:00Z', '１９９０-01-01T00:00:00Z'),
  fc.string().filter((s) => !ISO_LIKE.test(s)),
  notString,
);

function malformed(label: string, path: string, document: unknown): Malformed {
  // Counterexamples print the label, not a document that may hold a megabyte of text.
  return { label, path, document, [fc.toStringMethod]: () => `«${label}» at ${path}` } as Malformed;
}

function at(path: string, label: string, value: fc.Arbitrary<unknown>, expected = path): fc.Arbitrary<Malformed> {
  return value.map((v) => malformed(`${label} ${path} = ${preview(v)}`, pathText(p(expected)), withValue(baseTransaction('bad'), p(path), v)));
}

function preview(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = '(too deep to print)';
  }
  return text.length > 60 ? `${text.slice(0, 60)}…(${text.length})` : text;
}

/** A string one to many characters over the field's limit, sometimes megabytes long. */
const tooLong = (max: number) => fc.oneof(
  fc.integer({ min: max + 1, max: max + 200 }),
  fc.constantFrom(10_000, 1_000_000),
).map((n) => '长'.repeat(n));

const withNul = fc.tuple(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 })).map(([a, b]) => `${a}\u0000${b}`);

function deeplyNested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? { n: value } : [value];
  return value;
}

function fieldBreaks(): Array<fc.Arbitrary<Malformed>> {
  return [
    fc.constantFrom(...REQUIRED).map((path) => malformed(`missing ${path}`, pathText(p(path)), withValue(baseTransaction('bad'), p(path), undefined, true))),
    // `id` is 1–64 characters as sent (spaces count); the other required texts are trimmed first.
    ...REQUIRED_TEXT.map((path) => at(path, 'wrong type', fc.oneof(notString, fc.constant(null), fc.constantFrom(...(path === 'id' ? [''] : ['', '   ']))))),
    ...OPTIONAL_TEXT.map(([path]) => at(path, 'wrong type', notString)),
    ...LIMITED_TEXT.map(([path, max]) => at(path, 'too long', tooLong(max))),
    ...LIMITED_TEXT.map(([path]) => at(path, 'NUL in', withNul)),
    ...ENUMS.map(([path, codes, nullable]) => at(path, 'unknown code', fc.oneof(
      fc.string({ maxLength: 20 }).filter((s) => !codes.includes(s)),
      fc.constantFrom(...codes).map((c) => c.toLowerCase()),
      nullable ? notString : fc.oneof(notString, fc.constant(null)),
    ))),
    ...DATE_TIMES.map(([path]) => at(path, 'bad date-time', badDateTime)),
    at('materials.0.validUntil', 'bad date', fc.oneof(fc.constantFrom('2031-02-30', '0000-01-01', '31/05/2031', '2031-5-1'), notString)),
    ...OBJECTS.map(([path, nullable]) => at(path, 'not an object', nullable ? notObject : fc.oneof(notObject, fc.constant(null)))),
    at('version', 'bad version', fc.oneof(fc.integer({ max: 0 }), fc.double({ min: 1.01, max: 1e6, noInteger: true, noNaN: true }), fc.integer({ min: 2 ** 31, max: Number.MAX_SAFE_INTEGER }), fc.constantFrom('1', null, 1e300, true))),
    ...['materials.0.sha256', 'photos.0.sha256'].map((path) => at(path, 'bad sha256', fc.oneof(fc.string({ maxLength: 70 }).filter((s) => !/^[0-9a-fA-F]{64}$/.test(s)), notString))),
    at('photos.0.lat', 'bad latitude', fc.oneof(fc.double({ min: 90.000001, max: 1e9, noNaN: true }), fc.double({ max: -90.000001, min: -1e9, noNaN: true }), fc.constant('30.1'))),
    at('photos.0.lon', 'bad longitude', fc.oneof(fc.double({ min: 180.000001, max: 1e9, noNaN: true }), fc.constant('east'))),
    at('flags.override', 'bad flag', fc.oneof(fc.constantFrom('true', 1, 0, null), fc.string())),
    ...['materials', 'photos'].map((path) => at(path, 'not an array', fc.oneof(fc.integer(), fc.string(), fc.constant({ kind: 'OTHER' }), fc.constant(null)))),
    at('extra', 'extra not a record', fc.oneof(fc.integer(), fc.string(), fc.boolean(), fc.array(fc.integer(), { maxLength: 2 }))),
    at('extra', 'extra too deep', fc.integer({ min: 200, max: 20_000 }).map((d) => ({ nested: deeplyNested(d) }))),
    at('extra', 'NUL in extra', withNul.map((s) => ({ note: s }))),
  ];
}

const TRAVERSAL = fc.oneof(
  fc.constantFrom('../../etc/passwd', '/etc/passwd', 'C:\\Windows\\win.ini', 'photos/../../../etc/shadow', '..\\..\\boot.ini', 'a/b/../../..', 'ok.jpg\u0000.png', '..'),
  fc.tuple(fc.nat(5), fc.string({ unit: fc.constantFrom(...'abc/._-'), maxLength: 12 })).map(([n, tail]) => `${'x/'.repeat(n)}../${tail}`),
);

function ruleBreaks(): Array<fc.Arbitrary<Malformed>> {
  const doc = () => baseTransaction('bad');
  return [
    fc.constantFrom('ACCEPTED', 'REJECTED', 'CANCELLED').map((status) => malformed(`completedAt with ${status}`, 'completedAt', { ...doc(), status })),
    fc.integer({ min: 1, max: 10_000 }).map((min) => malformed('completed before accepted', 'completedAt', { ...doc(), completedAt: new Date(Date.parse('2026-03-02T01:15:00Z') - min * 60_000).toISOString() })),
    fc.constant(malformed('PERSON without idNumber', 'applicant.idNumber', withValue(doc(), ['applicant', 'idNumber'], null))),
    fc.constantFrom(undefined, null, '').map((orgCode) => malformed('ORGANISATION without orgCode', 'applicant.orgCode', withValue(doc(), ['applicant'], { kind: 'ORGANISATION', orgCode }))),
    fc.string({ minLength: 1, maxLength: 32 }).filter((s) => s.length !== 18).map((orgCode) => malformed('orgCode length', 'applicant.orgCode', withValue(doc(), ['applicant'], { kind: 'ORGANISATION', orgCode }))),
    TRAVERSAL.map((path) => malformed(`traversal ${preview(path)}`, 'photos[0].path', withValue(doc(), ['photos', 0], { kind: 'OTHER', path }))),
    fc.constantFrom(...PHOTO_KINDS).map((kind) => malformed('photo without source', 'photos[0]', withValue(doc(), ['photos', 0], { kind }))),
    fc.constant(malformed('photo with two sources', 'photos[0]', withValue(doc(), ['photos', 0], { kind: 'OTHER', sha256: 'c'.repeat(64), data: 'AAAA' }))),
    fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !/^[A-Za-z0-9+/=\s]+$/.test(s)).map((data) => malformed('bad base64', 'photos[0].data', withValue(doc(), ['photos', 0], { kind: 'OTHER', data }))),
    fc.integer({ min: 51, max: 80 }).map((n) => malformed(`${n} photos`, 'photos', { ...doc(), photos: Array.from({ length: n }, () => ({ kind: 'OTHER', sha256: 'd'.repeat(64) })) })),
    fc.integer({ min: 101, max: 130 }).map((n) => malformed(`${n} materials`, 'materials', { ...doc(), materials: Array.from({ length: n }, () => ({ kind: 'ID_CARD' })) })),
    fc.oneof(fc.constant(null), fc.integer(), fc.string(), fc.boolean(), fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 })).map((root) => malformed(`root ${preview(root)}`, '(root)', root)),
  ];
}

/** One transaction broken in one way, drawn from every kind of break above. */
export const malformedTransaction: fc.Arbitrary<Malformed> = fc.oneof(...fieldBreaks(), ...ruleBreaks());
