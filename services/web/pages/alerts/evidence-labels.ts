/**
 * The evidence of a risk hit in Chinese. The 41 points record their evidence with English keys
 * and codes (the assessment's machine-readable contract, see services/risk/points); a supervisor
 * reads labels and names. Unknown keys and codes are shown as they are, so evidence of a newer
 * point version is never hidden.
 */
import { PHOTO_KIND_NAMES, type PhotoKind } from '../../../domain/index.ts';
import {
  businessTypeName, CHANGED_FIELD_NAMES, COLOR_NAMES, IDENTITY_CHECK_NAMES, MATERIAL_NAMES, PARTY_ROLE_NAMES,
  PLATE_PATTERN_NAMES, STAFF_ROLE_NAMES, WEEKDAY_NAMES,
} from '../../../risk/labels.ts';
import { plainScalar, rankByTable, type EvidenceText } from '../../layout/evidence.tsx';
import { CHANNEL_NAMES, formatTime } from '../../layout/format.ts';

/** Every key the points write into evidence (nested keys of listed objects included). */
export const EVIDENCE_LABELS: Readonly<Record<string, string>> = {
  // handler (R01–R08)
  handlerId: '经办人', problems: '问题', localDate: '当地日期', localTime: '当地时间', weekday: '星期',
  hours: '营业时间', timezone: '时区', workstationId: '终端', registeredWorkstations: '本站登记终端数',
  otherTransactions: '另有受理', transactionId: '业务', stationCode: '站点', minutesApart: '相隔(分钟)',
  distanceKm: '距离(公里)', relations: '关联', approverMissing: '缺少审批人', sameAsHandler: '审批人即经办人',
  handlerDayCount: '经办人当日笔数', completedVersions: '已办结的版本',
  previousVersion: '上一版本', version: '本版本', changedFields: '修改的字段',
  // applicant (R09–R16)
  applicantProblem: '申请人身份号码', agentProblem: '代办人身份号码', acceptanceDate: '受理日期',
  channel: '渠道', personPresent: '到场人员', identityCheck: '身份核验', matched: '命中',
  listReasons: '名单原因', age: '年龄(周岁)', rule: '规则', registrations: '注册/转移笔数',
  distinctApplicants: '不同申请人数', distinctSurnames: '不同姓氏数',
  familyApplicants: '同户申请人数',
  // intermediary (R17–R21)
  agentPresent: '代办人到场', materialKinds: '提交的材料', agentTransactions: '代办人业务笔数',
  withThisHandler: '由本经办人办理', sharePercent: '占比(%)', bookerPhoneApplicants: '同一预约电话的申请人数',
  bookerAccountApplicants: '同一预约账号的申请人数', ringIds: '团伙', matches: '匹配', ringId: '团伙', via: '途径',
  // vehicle and materials (R22–R27)
  kind: '种类', validUntil: '有效期至',
  plate: '号牌', pattern: '号码特征', previousTransactionId: '上次业务', previousType: '上次业务类型',
  daysSincePrevious: '距上次(天)', withinDays: '期限(天)', missingKinds: '缺少的材料', reusedKinds: '重复使用的材料',
  otherTransactionId: '其他业务', dueAt: '容缺补正期限', expired: '过期材料', mismatches: '不符', field: '所载信息',
  // photos (R28–R38)
  absentKinds: '缺少的照片', unreadableKinds: '无法读取的照片', photos: '照片', index: '照片',
  photoIndex: '照片', declared: '登记', predicted: '识别为', confidence: '置信度', declaredPlate: '登记号牌',
  declaredVin: '登记车辆识别代号', read: '识别结果', sameSha256: '文件完全相同', distance: '汉明距离',
  earlyPhotos: '早于受理的照片', latePhotos: '晚于办结的照片', spreadHours: '拍摄时间跨度(小时)',
  timeSources: '时间来源', source: '位置来源', maxPersonConfidence: '人员最高置信度', estimated: '识别颜色',
  // process (R32, R39–R41)
  problem: '问题', vinLength: '车辆识别代号长度', minutes: '办理用时(分钟)', minMinutes: '最短用时(分钟)',
  override: '强制通过', type: '业务类型',
  // the thresholds a count was held against, read after the count
  windowDays: '统计窗口(天)', threshold: '阈值',
};

const PARTY_FIELDS: Readonly<Record<string, string>> = {
  ...PARTY_ROLE_NAMES,
  APPLICANT_ID: '申请人身份号码', APPLICANT_PHONE: '申请人电话', AGENT_ID: '代办人身份号码', AGENT_PHONE: '代办人电话',
  HANDLER_ID: `${STAFF_ROLE_NAMES.HANDLER}身份号码`, HANDLER_PHONE: `${STAFF_ROLE_NAMES.HANDLER}电话`,
  APPROVER_ID: `${STAFF_ROLE_NAMES.APPROVER}身份号码`, APPROVER_PHONE: `${STAFF_ROLE_NAMES.APPROVER}电话`,
};

/** ID number (R09) and VIN (R32) problems. */
const NUMBER_PROBLEMS: Readonly<Record<string, string>> = {
  FORMAT: '格式错误', PROVINCE: '地区码无效', BIRTH_DATE: '出生日期无效', BIRTH_AFTER_ACCEPTANCE: '出生日期晚于受理日期',
  CHECK_DIGIT: '校验位错误', MISSING: '缺失',
};

const HANDLER_PROBLEMS: Readonly<Record<string, string>> = {
  UNKNOWN_HANDLER: '经办人不存在', INACTIVE: '已停用', NO_PERMISSION: '无该业务权限', FOREIGN_STATION: '未获授权在本站办理',
};

const AGE_RULES: Readonly<Record<string, string>> = { UNDER_18_DL_APPLY: '初次申领驾驶证未满18周岁', AGED_101_OR_MORE: '年满101周岁' };
const SOURCES: Readonly<Record<string, string>> = { EXIF: '照片EXIF', DECLARED: '上报值' };
const MATERIAL_FIELDS: Readonly<Record<string, string>> = { subjectVin: '车辆识别代号与本车不符', subjectIdNumber: '身份号码非申请人或代办人' };

const named = (names: Readonly<Record<string, string>>) => (code: string): string => names[code] ?? code;
const colour = (code: string): string => (code in COLOR_NAMES ? `${COLOR_NAMES[code as keyof typeof COLOR_NAMES]}色` : code);
const photoKind = named(PHOTO_KIND_NAMES as Readonly<Record<PhotoKind, string>>);
const materialKind = named(MATERIAL_NAMES);

/** Points whose evidence speaks of photos: their `kind` and `declared` are photo kinds (R38: colours). */
const PHOTO_POINTS = new Set(['R28', 'R29', 'R30', 'R31', 'R33', 'R34', 'R35', 'R36', 'R37', 'R38']);

/** How the code values of a key read in Chinese; the point decides where a key is ambiguous. */
function codeNamer(code: string, key: string): ((value: string) => string) | null {
  switch (key) {
    case 'via': case 'matched': return named(PARTY_FIELDS);
    case 'relations': return (v) => v.split('=').map(named(PARTY_FIELDS)).join(' = ');
    case 'problems': return code === 'R01' ? named(HANDLER_PROBLEMS) : null;
    case 'applicantProblem': case 'agentProblem': case 'problem': return named(NUMBER_PROBLEMS);
    case 'identityCheck': return named(IDENTITY_CHECK_NAMES);
    case 'personPresent': return named(PARTY_ROLE_NAMES);
    case 'channel': return named(CHANNEL_NAMES);
    case 'weekday': return named(WEEKDAY_NAMES);
    case 'pattern': return named(PLATE_PATTERN_NAMES);
    case 'rule': return named(AGE_RULES);
    case 'changedFields': return named(CHANGED_FIELD_NAMES);
    case 'field': return named(MATERIAL_FIELDS);
    case 'type': case 'previousType': return businessTypeName;
    case 'timeSources': case 'source': return named(SOURCES);
    case 'absentKinds': case 'unreadableKinds': case 'predicted': return photoKind;
    case 'kind': return PHOTO_POINTS.has(code) ? photoKind : materialKind;
    case 'declared': return code === 'R38' ? colour : photoKind;
    case 'estimated': return colour;
    case 'materialKinds': case 'missingKinds': case 'reusedKinds': return materialKind;
    case 'dueAt': return formatTime;
    default: return null;
  }
}

/** Keys whose numbers are photo positions (0-based in the evidence, 第 N 张 to people). */
const PHOTO_INDEX_KEYS = new Set(['index', 'photoIndex', 'earlyPhotos', 'latePhotos']);

/** Keys holding another transaction's id (shown as a link). */
const TRANSACTION_ID_KEYS: ReadonlySet<string> = new Set(['transactionId', 'otherTransactionId', 'previousTransactionId']);

export function evidenceLabel(key: string): string {
  return EVIDENCE_LABELS[key] ?? key;
}

const RANK = rankByTable(EVIDENCE_LABELS);

/** One scalar of the evidence as a reviewer reads it. */
export function evidenceScalar(code: string, key: string, value: unknown): string {
  if (typeof value === 'number' && (PHOTO_INDEX_KEYS.has(key) || (code === 'R37' && key === 'photos'))) return `第${value + 1}张`;
  if (typeof value === 'string' && value !== '') return codeNamer(code, key)?.(value) ?? value;
  return plainScalar(value) ?? String(value);
}

/** The evidence of one point's hit, for EvidenceList; other transactions' ids link to them. */
export function hitEvidenceText(code: string): EvidenceText {
  return {
    label: evidenceLabel,
    scalar: (key, value) => evidenceScalar(code, key, value),
    href: (key, value) => (TRANSACTION_ID_KEYS.has(key) ? `/transactions/${encodeURIComponent(value)}` : null),
    rank: RANK,
  };
}
