import { z } from 'zod';

// Problems are read by Chinese-speaking staff: zod's own messages in zh-CN, ours bilingual.
z.config(z.locales.zhCN());

/**
 * Years 1900–9999 in UTC: outside them PostgreSQL refuses what JavaScript writes (year 0000, or
 * 9999-12-31T23:59-14:00 which is year 10000 in UTC) and the whole batch would fail in the database.
 */
const STORABLE_FROM = Date.UTC(1900, 0, 1);
const STORABLE_TO = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
const storable = (value: string) => {
  const instant = Date.parse(value);
  return instant >= STORABLE_FROM && instant <= STORABLE_TO;
};
const OUT_OF_RANGE = '须在 1900–9999 年之间 (must be within the years 1900–9999)';

/** ISO 8601 date-time that carries an offset (Z or ±hh:mm), as the contract requires. */
export const isoDateTime = z.iso.datetime({ offset: true, message: '须为带时区偏移的 ISO 8601 时间 (ISO 8601 date-time with offset)' })
  .refine(storable, OUT_OF_RANGE);

export const isoDate = z.iso.date({ message: '须为 ISO 8601 日期 YYYY-MM-DD (ISO 8601 date)' }).refine(storable, OUT_OF_RANGE);

/** PostgreSQL text cannot hold U+0000: refused here with the field named, not by the database for the whole batch. */
export const hasNoNul = (value: string) => !value.includes('\u0000');
export const NUL_MESSAGE = '不得包含空字符 U+0000 (must not contain U+0000)';

export const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/i, '须为 64 位十六进制 SHA-256 (sha256 hex)').transform((s) => s.toLowerCase());

export const shortText = (max: number) => z.string().trim().min(1).max(max).refine(hasNoNul, NUL_MESSAGE);

export const optionalText = (max: number) => z.string().max(max).refine(hasNoNul, NUL_MESSAGE).nullable().default(null);

export const latitude = z.number().min(-90).max(90);
export const longitude = z.number().min(-180).max(180);
