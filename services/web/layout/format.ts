/** How the workbench writes times, states and codes in Chinese. */
import { businessTypeName } from '../../risk/labels.ts';

const TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

/** 2026-11-21 11:17 in Beijing time, whatever the server's zone: staff read local office time. */
export function formatTime(value: string | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  const parts = Object.fromEntries(TIME.formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

export const ALERT_STATUS_NAMES: Readonly<Record<string, string>> = {
  OPEN: '待处理', ASSIGNED: '已指派', FIRST_DECIDED: '一审已决', ESCALATED: '已升级待裁决', CLOSED: '已关闭',
};

export const SEVERITY_NAMES: Readonly<Record<string, string>> = { HIGH: '高', MEDIUM: '中', LOW: '低' };

export const SLA_NAMES: Readonly<Record<string, string>> = { ON_TIME: '时限内', NEAR_BREACH: '临近超时', BREACHED: '已超时' };

export const DECISION_NAMES: Readonly<Record<string, string>> = { CONFIRMED: '确认违规', DISMISSED: '排除（无问题）' };

export const STAGE_NAMES: Readonly<Record<string, string>> = { SINGLE: '单人审核', FIRST: '一审', SECOND: '二审', SETTLEMENT: '领导裁决' };

export const ROLE_NAMES: Readonly<Record<string, string>> = {
  REVIEWER: '远程审核员', SUPERVISOR: '监管民警', SENIOR_SUPERVISOR: '科所队领导', INVESTIGATOR: '纪检督察', ADMIN: '系统管理员', AUDITOR: '审计',
};

export const RULE_SET_STATUS_NAMES: Readonly<Record<string, string>> = {
  DRAFT: '草案', PENDING_APPROVAL: '待审批', PUBLISHED: '已发布（现行）', RETIRED: '已停用',
};

export const CHANNEL_NAMES: Readonly<Record<string, string>> = { COUNTER: '窗口', PARTNER: '合作网点', SELF_SERVICE: '自助', ONLINE: '网上' };

export const TRANSACTION_STATUS_NAMES: Readonly<Record<string, string>> = { ACCEPTED: '已受理', COMPLETED: '已办结', REJECTED: '已退办', CANCELLED: '已撤销' };

/** The Chinese name with the code beside it, so staff and logs speak of the same thing. */
export function named(names: Readonly<Record<string, string>>, code: string | null | undefined): string {
  if (!code) return '—';
  const name = names[code];
  return name ? `${name}` : code;
}

export function typeName(code: string): string {
  return businessTypeName(code);
}

/** Compact JSON for evidence and audit data; long values are cut so a row stays readable. */
export function compactJson(value: unknown, max = 600): string {
  const text = JSON.stringify(value ?? null);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** "name（code）" when the name is known, the code alone otherwise (stations, handlers). */
export function withName(code: string | null, names: ReadonlyMap<string, string>): string | null {
  if (code === null) return null;
  const name = names.get(code);
  return name ? `${name}（${code}）` : code;
}
