import { pino, type Logger } from 'pino';

export type { Logger };

/** Keys whose values are never written to a log, wherever they appear. */
const REDACTED_PATHS = [
  'password', '*.password', 'passwordHash', '*.passwordHash', 'token', '*.token',
  'req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'headers.cookie',
];

export function createLogger(level: string, name = 'cheguan'): Logger {
  return pino({ name, level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } });
}
