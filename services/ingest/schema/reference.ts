import { z } from 'zod';
import { HANDLER_ROLES, ORGANISATION_KINDS, STATION_KINDS, WEEKDAYS, BUSINESS_TYPE_CODES } from '../../domain/index.ts';
import { latitude, longitude, optionalText, shortText } from './common.ts';

const hoursRange = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/, { message: '须为 HH:MM-HH:MM (opening hours range)', abort: true })
  .refine((r) => { const [a, b] = r.split('-'); return (a ?? '') < (b ?? ''); }, '结束须晚于开始 (end after start)');

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const stationSchema = z.object({
  code: shortText(64),
  name: shortText(200),
  kind: z.enum(STATION_KINDS),
  lat: latitude.nullable().default(null),
  lon: longitude.nullable().default(null),
  timezone: z.string().refine(isTimeZone, '未知时区 (unknown IANA time zone)').nullable().default(null),
  hours: z.partialRecord(z.enum(WEEKDAYS), hoursRange).default({}),
  workstations: z.array(shortText(64)).default([]),
});

export const handlerSchema = z.object({
  id: shortText(64),
  name: shortText(100),
  idNumber: optionalText(32),
  phone: optionalText(32),
  role: z.enum(HANDLER_ROLES),
  stations: z.array(shortText(64)).default([]),
  permissions: z.array(z.enum(BUSINESS_TYPE_CODES)).default([]),
  active: z.boolean().default(true),
});

const clerkSchema = z.object({
  idNumber: shortText(32),
  name: optionalText(100),
  phone: optionalText(32),
});

export const organisationSchema = z.object({
  orgCode: z.string().length(18, '统一社会信用代码须为 18 位 (must be 18 characters)'),
  name: shortText(200),
  kind: z.enum(ORGANISATION_KINDS),
  clerks: z.array(clerkSchema).default([]),
  phones: z.array(shortText(32)).default([]),
});

const listEntrySchema = z
  .object({
    idNumber: optionalText(32),
    phone: optionalText(32),
    reason: optionalText(300),
  })
  .refine((e) => e.idNumber !== null || e.phone !== null, { message: '须有身份号码或电话 (idNumber or phone required)' });

export const listsSchema = z
  .object({
    intermediaryBlacklist: z.array(listEntrySchema).default([]),
    personWatchlist: z.array(listEntrySchema).default([]),
  })
  .default({ intermediaryBlacklist: [], personWatchlist: [] });

export const referenceSchema = z
  .object({
    stations: z.array(stationSchema).default([]),
    handlers: z.array(handlerSchema).default([]),
    organisations: z.array(organisationSchema).default([]),
    lists: listsSchema,
  })
  .superRefine((doc, ctx) => {
    reportDuplicates(doc.stations.map((s) => s.code), 'stations', 'code', ctx);
    reportDuplicates(doc.handlers.map((h) => h.id), 'handlers', 'id', ctx);
    reportDuplicates(doc.organisations.map((o) => o.orgCode), 'organisations', 'orgCode', ctx);
  });

function reportDuplicates(keys: string[], collection: string, field: string, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  keys.forEach((key, index) => {
    if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [collection, index, field], message: `重复的 ${field} (duplicate ${field} "${key}")` });
    seen.add(key);
  });
}

export type ReferenceData = z.output<typeof referenceSchema>;
export type Station = z.output<typeof stationSchema>;
export type Handler = z.output<typeof handlerSchema>;
export type Organisation = z.output<typeof organisationSchema>;
export type ListEntry = z.output<typeof listsSchema>['intermediaryBlacklist'][number];
