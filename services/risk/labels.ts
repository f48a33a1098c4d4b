/** Chinese labels for reasons shown to reviewers. */
import { BUSINESS_TYPES, PHOTO_KIND_NAMES, type MaterialKind, type PhotoKind, type VehicleColor, type Weekday } from '../domain/index.ts';

export const MATERIAL_NAMES: Record<MaterialKind, string> = {
  ID_CARD: '身份证明',
  PURCHASE_INVOICE: '购车发票',
  CONFORMITY_CERT: '车辆合格证',
  INSURANCE: '交强险凭证',
  PURCHASE_TAX: '车辆购置税完税证明',
  REG_CERT: '机动车登记证书',
  TRANSFER_INVOICE: '二手车交易发票',
  MORTGAGE_CONTRACT: '抵押合同',
  RELEASE_PROOF: '解除抵押证明',
  SCRAP_CERT: '报废回收证明',
  COURT_ORDER: '法院协助执行文书',
  INSPECTION_REPORT: '安全技术检验报告',
  MEDICAL_CERT: '身体条件证明',
  EXAM_RESULT: '考试合格证明',
  POWER_OF_ATTORNEY: '授权委托书',
};

export const COLOR_NAMES: Record<VehicleColor, string> = {
  WHITE: '白', BLACK: '黑', SILVER: '银', GREY: '灰', RED: '红', BLUE: '蓝', YELLOW: '黄',
  GREEN: '绿', BROWN: '棕', OTHER: '其他',
};

/** The fields whose change after completion R08 watches. */
export const CHANGED_FIELD_NAMES = {
  type: '业务类型', applicantIdNumber: '申请人身份号码', applicantOrgCode: '申请单位信用代码',
  agentIdNumber: '代办人身份号码', plate: '号牌号码', vin: '车辆识别代号',
} as const;

/** R22's premium plate patterns. */
export const PLATE_PATTERN_NAMES = { REPEATED: '多位相同', STRAIGHT: '顺号' } as const;

/** identityCheck values (R10). */
export const IDENTITY_CHECK_NAMES = { PASSED: '通过', FAILED: '未通过', NOT_DONE: '未核验' } as const;

/** The parties of a transaction the points compare (applicant, agent) and the staff (R05). */
export const PARTY_ROLE_NAMES = { APPLICANT: '申请人', AGENT: '代办人' } as const;
export const STAFF_ROLE_NAMES = { HANDLER: '经办人', APPROVER: '审批人' } as const;

export const WEEKDAY_NAMES: Record<Weekday, string> = {
  mon: '周一', tue: '周二', wed: '周三', thu: '周四', fri: '周五', sat: '周六', sun: '周日',
};

const TYPE_NAMES = new Map<string, string>(BUSINESS_TYPES.map((t) => [t.code, t.name]));

export function businessTypeName(code: string): string {
  return TYPE_NAMES.get(code) ?? code;
}

export function materialNames(kinds: Iterable<MaterialKind>): string {
  return [...kinds].map((k) => MATERIAL_NAMES[k]).join('、');
}

export function photoKindNames(kinds: Iterable<PhotoKind>): string {
  return [...kinds].map((k) => PHOTO_KIND_NAMES[k]).join('、');
}
