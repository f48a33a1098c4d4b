import type { WebContext } from './types.ts';

export type FormData = Readonly<Record<string, string | File | (string | File)[]>>;

/** The submitted form (urlencoded or multipart); repeated names come back as arrays. */
export async function readForm(c: WebContext): Promise<FormData> {
  const type = c.req.header('content-type') ?? '';
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) return {};
  return (await c.req.parseBody({ all: true })) as FormData;
}

/** One text field, trimmed; '' when absent. */
export function textField(form: FormData, name: string): string {
  const value = form[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim() : '';
}

/** Every value of a repeated field (checkboxes). */
export function textFields(form: FormData, name: string): string[] {
  const value = form[name];
  const all = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return all.filter((v): v is string => typeof v === 'string').map((v) => v.trim()).filter(Boolean);
}

export function fileField(form: FormData, name: string): File | null {
  const value = form[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first instanceof File && first.size > 0 ? first : null;
}

/** Path ids are decimal bigints; anything else is simply not found. */
export function bigintParam(value: string | undefined): bigint | null {
  return value && /^\d{1,18}$/.test(value) ? BigInt(value) : null;
}

/** A path parameter of the matched route ('' when absent, which no lookup finds). */
export function pathParam(c: WebContext, name: string): string {
  return c.req.param(name) ?? '';
}
