import type { MaterialKind, PhotoKind } from './codes.ts';

/** Table 3 of interchange.md: one row per business type. */
export interface BusinessType {
  readonly code: string;
  readonly name: string;
  readonly key: boolean;
  readonly requiredMaterials: readonly MaterialKind[];
  readonly requiredPhotos: readonly PhotoKind[];
  readonly minMinutes: number;
}

const VEHICLE_SCENE: readonly PhotoKind[] = ['LEFT_FRONT_45', 'RIGHT_REAR_45'];
const TRANSFER_PHOTOS: readonly PhotoKind[] = [...VEHICLE_SCENE, 'VIN_RUBBING', 'INSPECTOR_WITH_VEHICLE'];

function row(
  code: string, name: string, key: boolean, requiredMaterials: readonly MaterialKind[],
  requiredPhotos: readonly PhotoKind[], minMinutes: number,
): BusinessType {
  return { code, name, key, requiredMaterials, requiredPhotos, minMinutes };
}

export const BUSINESS_TYPES = [
  row('REG_NEW', '注册登记', false, ['ID_CARD', 'PURCHASE_INVOICE', 'CONFORMITY_CERT', 'INSURANCE', 'PURCHASE_TAX'],
    [...VEHICLE_SCENE, 'VIN_STAMP', 'VIN_RUBBING', 'NAMEPLATE', 'INSPECTOR_WITH_VEHICLE'], 15),
  row('TRANSFER', '转移登记', false, ['ID_CARD', 'REG_CERT', 'TRANSFER_INVOICE', 'INSURANCE'], TRANSFER_PHOTOS, 10),
  row('TRANSFER_OUT', '转出登记', true, ['ID_CARD', 'REG_CERT'], TRANSFER_PHOTOS, 10),
  row('CHANGE', '变更登记', false, ['ID_CARD', 'REG_CERT'], [...VEHICLE_SCENE, 'VIN_RUBBING'], 10),
  row('MORTGAGE', '抵押登记', false, ['ID_CARD', 'REG_CERT', 'MORTGAGE_CONTRACT'], [], 5),
  row('MORTGAGE_RELEASE', '解除抵押登记', true, ['ID_CARD', 'REG_CERT', 'RELEASE_PROOF'], [], 5),
  row('DEREGISTER', '注销登记', true, ['ID_CARD', 'REG_CERT', 'SCRAP_CERT'], [], 5),
  row('PLATE_REPLACE', '补领/换领号牌', true, ['ID_CARD'], VEHICLE_SCENE, 5),
  row('CERT_REPLACE', '补领登记证书', true, ['ID_CARD'], [], 5),
  row('SEIZE', '查封', true, ['COURT_ORDER'], [], 2),
  row('UNSEIZE', '解封', true, ['COURT_ORDER'], [], 2),
  row('INSPECTION_LABEL', '核发检验合格标志', false, ['INSURANCE', 'INSPECTION_REPORT'], [], 2),
  row('DL_APPLY', '初次申领驾驶证', false, ['ID_CARD', 'MEDICAL_CERT', 'EXAM_RESULT'], [], 5),
  row('DL_RENEW', '驾驶证期满换证', false, ['ID_CARD', 'MEDICAL_CERT'], [], 3),
  row('DL_REPLACE', '补领驾驶证', true, ['ID_CARD'], [], 3),
  row('DL_REINSTATE', '恢复驾驶资格', true, ['ID_CARD', 'MEDICAL_CERT'], [], 5),
  row('EXAM_BOOK', '考试预约', false, ['ID_CARD'], [], 0),
] as const satisfies readonly BusinessType[];

export const BUSINESS_TYPE_CODES = [
  'REG_NEW', 'TRANSFER', 'TRANSFER_OUT', 'CHANGE', 'MORTGAGE', 'MORTGAGE_RELEASE', 'DEREGISTER',
  'PLATE_REPLACE', 'CERT_REPLACE', 'SEIZE', 'UNSEIZE', 'INSPECTION_LABEL', 'DL_APPLY', 'DL_RENEW',
  'DL_REPLACE', 'DL_REINSTATE', 'EXAM_BOOK',
] as const;
export type BusinessTypeCode = (typeof BUSINESS_TYPE_CODES)[number];

const BY_CODE = new Map<string, BusinessType>(BUSINESS_TYPES.map((t) => [t.code, t]));

export function businessType(code: BusinessTypeCode): BusinessType {
  const found = BY_CODE.get(code);
  if (!found) throw new Error(`unknown business type ${code}`);
  return found;
}
