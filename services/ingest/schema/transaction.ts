import { z } from 'zod';
import {
  APPLICANT_KINDS, BUSINESS_TYPE_CODES, CHANNELS, IDENTITY_CHECKS, MATERIAL_KINDS, PHOTO_KINDS,
  TRANSACTION_STATUSES, VEHICLE_COLORS,
} from '../../domain/index.ts';
import { hasNoNul, isoDate, isoDateTime, latitude, longitude, NUL_MESSAGE, optionalText, sha256Hex, shortText } from './common.ts';

/** Base64 photos are capped so that one transaction stays within the request body limit. */
export const MAX_INLINE_PHOTO_BASE64 = 14_000_000;

const identityCheck = z.enum(IDENTITY_CHECKS).nullish().transform((v) => v ?? 'NOT_DONE');

const applicantSchema = z
  .object({
    kind: z.enum(APPLICANT_KINDS),
    idNumber: optionalText(32),
    orgCode: optionalText(32),
    name: optionalText(100),
    phone: optionalText(32),
    address: optionalText(300),
    identityCheck,
  })
  .superRefine((a, ctx) => {
    if (a.kind === 'PERSON' && !a.idNumber) {
      ctx.addIssue({ code: 'custom', path: ['idNumber'], message: '个人申请人须有身份号码 (required for PERSON)' });
    }
    if (a.kind === 'ORGANISATION' && !a.orgCode) {
      ctx.addIssue({ code: 'custom', path: ['orgCode'], message: '单位申请人须有统一社会信用代码 (required for ORGANISATION)' });
    }
    if (a.kind === 'ORGANISATION' && a.orgCode && a.orgCode.length !== 18) {
      ctx.addIssue({ code: 'custom', path: ['orgCode'], message: '统一社会信用代码须为 18 位 (must be 18 characters)' });
    }
  });

const agentSchema = z.object({
  idNumber: shortText(32),
  name: optionalText(100),
  phone: optionalText(32),
  address: optionalText(300),
  identityCheck,
  orgCode: optionalText(32),
});

const vehicleSchema = z.object({
  plate: optionalText(16),
  vin: optionalText(32),
  vehicleType: optionalText(16),
  color: z.enum(VEHICLE_COLORS).nullable().default(null),
});

const appointmentSchema = z.object({
  id: shortText(64),
  bookedAt: isoDateTime.nullable().default(null),
  bookerPhone: optionalText(32),
  bookerAccount: optionalText(64),
});

const flagsSchema = z
  .object({
    override: z.boolean().default(false),
    tolerance: z.boolean().default(false),
    toleranceDueAt: isoDateTime.nullable().default(null),
  })
  .default({ override: false, tolerance: false, toleranceDueAt: null });

const materialSchema = z.object({
  kind: z.enum(MATERIAL_KINDS),
  sha256: sha256Hex.nullable().default(null),
  validUntil: isoDate.nullable().default(null),
  subjectVin: optionalText(32),
  subjectIdNumber: optionalText(32),
});

/** `extra` is kept verbatim, within what storing it can bear: nesting (stored recursively) and U+0000. */
export const MAX_EXTRA_DEPTH = 32;

/** Walks `extra` without recursion (a hostile document may be nested far deeper than the stack). */
function checkExtra(extra: Record<string, unknown>, ctx: z.RefinementCtx): void {
  const pending: Array<{ value: unknown; path: Array<string | number>; depth: number }> = [{ value: extra, path: [], depth: 1 }];
  while (pending.length > 0) {
    const { value, path, depth } = pending.pop()!;
    if (typeof value === 'string' && !hasNoNul(value)) ctx.addIssue({ code: 'custom', path, message: NUL_MESSAGE });
    if (value === null || typeof value !== 'object') continue;
    if (depth > MAX_EXTRA_DEPTH) {
      ctx.addIssue({ code: 'custom', path, message: `嵌套超过 ${MAX_EXTRA_DEPTH} 层 (nested deeper than ${MAX_EXTRA_DEPTH} levels)` });
      return;
    }
    for (const [key, child] of Object.entries(value)) {
      if (!hasNoNul(key)) ctx.addIssue({ code: 'custom', path, message: `键名${NUL_MESSAGE}` });
      pending.push({ value: child, path: [...path, Array.isArray(value) ? Number(key) : key], depth: depth + 1 });
    }
  }
}

/** Photo `path`s are relative to the NDJSON file's folder and must stay inside it. */
const safeRelativePath = z
  .string()
  .min(1)
  .max(500)
  .refine((p) => !p.startsWith('/') && !/^[a-zA-Z]:/.test(p) && !p.split(/[\\/]/).includes('..') && !p.includes('\0'), {
    message: '照片路径须为文件所在目录内的相对路径 (relative path inside the file folder)',
  });

const photoSchema = z
  .object({
    kind: z.enum(PHOTO_KINDS),
    sha256: sha256Hex.optional(),
    path: safeRelativePath.optional(),
    data: z.string().min(1).max(MAX_INLINE_PHOTO_BASE64).regex(/^[A-Za-z0-9+/=\s]+$/, '须为 base64 (base64)').optional(),
    takenAt: isoDateTime.nullable().default(null),
    lat: latitude.nullable().default(null),
    lon: longitude.nullable().default(null),
  })
  .superRefine((p, ctx) => {
    const sources = [p.sha256, p.path, p.data].filter((s) => s !== undefined).length;
    if (sources !== 1) {
      ctx.addIssue({ code: 'custom', path: [], message: '照片须且只须给出 sha256、path、data 之一 (exactly one of sha256, path, data)' });
    }
  });

export const transactionSchema = z
  .object({
    id: z.string().min(1).max(64).refine(hasNoNul, NUL_MESSAGE),
    // The column is a PostgreSQL integer.
    version: z.number().int().min(1).max(2_147_483_647),
    type: z.enum(BUSINESS_TYPE_CODES),
    status: z.enum(TRANSACTION_STATUSES),
    acceptedAt: isoDateTime,
    completedAt: isoDateTime.nullable().default(null),
    stationCode: shortText(64),
    handlerId: shortText(64),
    approverId: optionalText(64),
    workstationId: optionalText(64),
    channel: z.enum(CHANNELS),
    applicant: applicantSchema,
    agent: agentSchema.nullable().default(null),
    vehicle: vehicleSchema.nullable().default(null),
    appointment: appointmentSchema.nullable().default(null),
    flags: flagsSchema,
    materials: z.array(materialSchema).max(100).default([]),
    photos: z.array(photoSchema).max(50).default([]),
    extra: z.record(z.string(), z.unknown()).superRefine(checkExtra).nullish().transform((v) => v ?? {}),
  })
  .superRefine((t, ctx) => {
    if (t.completedAt !== null && t.status !== 'COMPLETED') {
      ctx.addIssue({ code: 'custom', path: ['completedAt'], message: '非办结状态时须为 null (null unless COMPLETED)' });
    }
    if (t.completedAt !== null && Date.parse(t.completedAt) < Date.parse(t.acceptedAt)) {
      ctx.addIssue({ code: 'custom', path: ['completedAt'], message: '办结时间不得早于受理时间 (never before acceptedAt)' });
    }
  });

/** A transaction as validated and defaulted at the edge. */
export type Transaction = z.output<typeof transactionSchema>;
export type TransactionInput = z.input<typeof transactionSchema>;
export type TransactionPhoto = Transaction['photos'][number];
export type TransactionMaterial = Transaction['materials'][number];
