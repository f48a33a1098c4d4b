import type { UserRole } from '../../auth/roles.ts';
import { holdsAny, type SignedIn } from '../http/types.ts';

export interface NavItem {
  readonly href: string;
  readonly label: string;
  readonly roles: readonly UserRole[];
  /** Second key of the "g then …" shortcut, shown beside the link. */
  readonly key: string;
}

const SUPERVISORS: readonly UserRole[] = ['SUPERVISOR', 'SENIOR_SUPERVISOR'];

/** Every section of the workbench and who may open it; the server checks the same roles again. */
export const NAV_ITEMS: readonly NavItem[] = [
  { href: '/photos', label: '照片审核', roles: ['REVIEWER'], key: 'p' },
  { href: '/alerts', label: '告警处置', roles: [...SUPERVISORS, 'INVESTIGATOR'], key: 'a' },
  { href: '/investigate', label: '调查', roles: ['INVESTIGATOR'], key: 'i' },
  { href: '/investigate/handlers', label: '串通经办人', roles: SUPERVISORS, key: 'h' },
  { href: '/admin/spot-checks', label: '双随机抽查', roles: [...SUPERVISORS, 'ADMIN', 'AUDITOR'], key: 's' },
  { href: '/admin/users', label: '用户与角色', roles: ['ADMIN'], key: 'u' },
  { href: '/admin/tokens', label: 'API 令牌', roles: ['ADMIN'], key: 't' },
  { href: '/admin/reference', label: '参考数据', roles: ['ADMIN'], key: 'd' },
  { href: '/admin/rule-sets', label: '规则集', roles: ['ADMIN'], key: 'r' },
  { href: '/audit', label: '审计日志', roles: ['AUDITOR'], key: 'l' },
];

export function navFor(user: SignedIn): NavItem[] {
  return NAV_ITEMS.filter((item) => holdsAny(user, item.roles));
}

/** Where a user lands after signing in: the first section their roles open, else the home page. */
export function homeOf(user: SignedIn): string {
  return navFor(user)[0]?.href ?? '/';
}
