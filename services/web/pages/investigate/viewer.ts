import type { Viewer } from '../../../intermediaries/index.ts';
import type { SignedIn, WebContext } from '../../http/types.ts';

export { HANDLER_LIST_ROLES, INVESTIGATION_ROLES } from '../../../intermediaries/index.ts';

/** The investigator reading: masked unless they asked (?unmask=true) — the use cases audit and refuse. */
export function viewerOf(c: WebContext, user: SignedIn): Viewer {
  return { actor: user.username, roles: user.roles, unmask: c.req.query('unmask') === 'true' };
}

/** The same URL (or `path`, for a page re-rendered after a form) with or without ?unmask=true, other parameters kept. */
export function withUnmask(c: WebContext, unmask: boolean, path?: string): string {
  const url = new URL(c.req.url);
  if (path) url.pathname = path;
  url.searchParams.delete('done');
  if (unmask) url.searchParams.set('unmask', 'true');
  else url.searchParams.delete('unmask');
  return `${url.pathname}${url.search}`;
}
