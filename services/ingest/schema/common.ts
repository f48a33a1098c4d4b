import { z } from 'zod';

// Problems are read by Chinese-speaking staff: zod's own messages in zh-CN, ours bilingual.
z.config(z.locales.zhCN());

/** ISO 8601 date-time that carries an offset (Z or ±hh:mm), as the contract requires. */
export const isoDateTime = z.iso.datetime({ offset: true, message: '须为带时区偏移的 ISO 8601 时间 (ISO 8601 date-time with offset)' });

export const isoDate = z.iso.date({ message: '须为 ISO 8601 日期 YYYY-MM-DD (ISO 8601 date)' });

export const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/i, '须为 64 位十六进制 SHA-256 (sha256 hex)').transform((s) => s.toLowerCase());

export const shortText = (max: number) => z.string().trim().min(1).max(max);

export const optionalText = (max: number) => z.string().max(max).nullish().transform((v) => v ?? null);

export const latitude = z.number().min(-90).max(90);
export const longitude = z.number().min(-180).max(180);
