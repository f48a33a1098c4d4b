/**
 * The platform's API as other systems use it, for preparing data in browser tests: a demo user's
 * session headers, and transactions sent in the way a business system sends them (an ADMIN issues
 * an ingest token, the batch goes to POST /api/v1/transactions).
 */
import { DEMO_PASSWORD } from './browser.ts';

/** Cookie and CSRF headers of a demo user signed in through POST /api/v1/auth/login (also good for pages). */
export async function apiHeaders(baseUrl: string, username: string): Promise<Record<string, string>> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  if (res.status !== 200) throw new Error(`sign-in of ${username} failed: ${res.status} ${await res.text()}`);
  const { csrfToken } = await res.json() as { csrfToken: string };
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, 'x-csrf-token': csrfToken };
}

/** Sends transactions as a business system would, under an ingest token `tokenName` that demo-admin issues. */
export async function ingestAsBusinessSystem(baseUrl: string, transactions: readonly unknown[], tokenName: string): Promise<void> {
  const admin = await apiHeaders(baseUrl, 'demo-admin');
  const tokenRes = await fetch(`${baseUrl}/api/v1/tokens`, { method: 'POST', headers: { 'content-type': 'application/json', ...admin }, body: JSON.stringify({ name: tokenName, scopes: ['ingest'] }) });
  if (tokenRes.status !== 201) throw new Error(`token refused: ${tokenRes.status} ${await tokenRes.text()}`);
  const { token } = await tokenRes.json() as { token: string };
  const ingest = await fetch(`${baseUrl}/api/v1/transactions`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(transactions) });
  if (ingest.status >= 300) throw new Error(`ingest refused: ${ingest.status} ${await ingest.text()}`);
}
