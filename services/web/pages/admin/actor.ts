import type { Actor } from '../../../risk/rule-sets/index.ts';
import type { SignedIn } from '../../http/types.ts';

/** The rule-set use cases check the role themselves; they are given who is acting. */
export function actorOf(user: SignedIn): Actor {
  return { username: user.username, roles: user.roles };
}
