/**
 * The one table of expected failures. Use cases return these as values; only the HTTP layer
 * maps them to statuses and application/problem+json (RFC 9457) documents.
 */
export const ERRORS = {
  VALIDATION_FAILED: { status: 400, title: '请求数据不合规 Validation failed' },
  MALFORMED_JSON: { status: 400, title: '请求体不是合法 JSON Malformed JSON' },
  BATCH_TOO_LARGE: { status: 413, title: '批量过大 Batch too large' },
  PAYLOAD_TOO_LARGE: { status: 413, title: '请求体过大 Payload too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: '不支持的内容类型 Unsupported media type' },
  VERSION_CONFLICT: { status: 409, title: '版本低于已存版本 Version lower than stored' },
  NOT_FOUND: { status: 404, title: '未找到 Not found' },
  UNAUTHENTICATED: { status: 401, title: '未登录 Authentication required' },
  FORBIDDEN: { status: 403, title: '无权限 Forbidden' },
  RULE_REFUSED: { status: 409, title: '规则不允许 Refused by rule' },
  CONFLICT: { status: 409, title: '与现有数据冲突 Conflict' },
  CSRF_REJECTED: { status: 403, title: 'CSRF 校验失败 CSRF token missing or wrong' },
  LOGIN_THROTTLED: { status: 429, title: '登录尝试过多 Too many sign-in attempts' },
  BLOB_STORE_UNAVAILABLE: { status: 503, title: '文件存储不可用 Blob store unavailable' },
  DATABASE_UNAVAILABLE: { status: 503, title: '数据库不可用 Database unavailable' },
  NOT_READY: { status: 503, title: '服务未就绪 Not ready' },
  INTERNAL: { status: 500, title: '内部错误 Internal error' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERRORS;

export interface FieldProblem {
  readonly path: string;
  readonly message: string;
}

export interface AppError {
  readonly code: ErrorCode;
  readonly detail: string;
  readonly problems?: readonly FieldProblem[];
  /** Extra members for the problem document (e.g. which rule refused). */
  readonly extensions?: Record<string, unknown>;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AppError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: ErrorCode, detail: string, extra: Omit<AppError, 'code' | 'detail'> = {}): Result<T> {
  return { ok: false, error: { code, detail, ...extra } };
}
