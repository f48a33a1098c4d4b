/**
 * Opaque, stable references to persons for URLs and masked views. A person key carries the
 * whole ID number ('P:330102…'); in a path it would reach request logs, browser history and
 * proxies. A reference is the key encrypted (AES-256-GCM, the nonce derived from the key so
 * the same person always gets the same reference) under a random secret kept in the
 * `setting` table, so any process of the platform can read it back and nobody else can.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { appendAudit } from '../../audit/index.ts';
import type { Database } from '../../platform/db.ts';
import { fail, ok, type Result } from '../../platform/errors.ts';

const SECRET_KEY = 'intermediaries.person-ref-secret';
const secrets = new WeakMap<Database, Buffer>();

export async function refSecret(db: Database): Promise<Buffer> {
  const known = secrets.get(db);
  if (known) return known;
  let row = await db.prisma.setting.findUnique({ where: { key: SECRET_KEY } });
  if (!row) {
    await db.prisma.$transaction(async (tx) => {
      const created = await tx.setting.createMany({ data: [{ key: SECRET_KEY, value: { secret: randomBytes(32).toString('hex') } }], skipDuplicates: true });
      if (created.count > 0) await appendAudit(tx, [{ actor: 'system', action: 'intermediaries.person_ref_secret_created', entityType: 'setting', entityId: SECRET_KEY }]);
    });
    row = await db.prisma.setting.findUniqueOrThrow({ where: { key: SECRET_KEY } });
  }
  const secret = Buffer.from((row.value as { secret: string }).secret, 'hex');
  secrets.set(db, secret);
  return secret;
}

export function personRefWith(secret: Buffer, key: string): string {
  const nonce = createHmac('sha256', secret).update(key).digest().subarray(0, 12);
  const cipher = createCipheriv('aes-256-gcm', secret, nonce);
  const body = Buffer.concat([cipher.update(key, 'utf8'), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64url');
}

/** The key behind a reference; NOT_FOUND for anything this platform did not issue. */
export function personKeyWith(secret: Buffer, ref: string): Result<string> {
  const bytes = Buffer.from(ref, 'base64url');
  if (bytes.length < 12 + 16 + 3 || bytes.toString('base64url') !== ref) return fail('NOT_FOUND', '没有这个人员引用 (unknown person reference)');
  try {
    const decipher = createDecipheriv('aes-256-gcm', secret, bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    return ok(Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]).toString('utf8'));
  } catch {
    return fail('NOT_FOUND', '没有这个人员引用 (unknown person reference)');
  }
}

export async function resolvePersonRef(db: Database, ref: string): Promise<Result<string>> {
  return personKeyWith(await refSecret(db), ref);
}
