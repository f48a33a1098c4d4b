/** Fixed codes of the interchange contract (../shared/spec/interchange.md). */

export const TRANSACTION_STATUSES = ['ACCEPTED', 'COMPLETED', 'REJECTED', 'CANCELLED'] as const;
export type TransactionStatus = (typeof TRANSACTION_STATUSES)[number];

export const CHANNELS = ['COUNTER', 'PARTNER', 'SELF_SERVICE', 'ONLINE'] as const;
export type Channel = (typeof CHANNELS)[number];

export const APPLICANT_KINDS = ['PERSON', 'ORGANISATION'] as const;
export type ApplicantKind = (typeof APPLICANT_KINDS)[number];

export const IDENTITY_CHECKS = ['PASSED', 'FAILED', 'NOT_DONE'] as const;
export type IdentityCheck = (typeof IDENTITY_CHECKS)[number];

export const VEHICLE_COLORS = [
  'WHITE', 'BLACK', 'SILVER', 'GREY', 'RED', 'BLUE', 'YELLOW', 'GREEN', 'BROWN', 'OTHER',
] as const;
export type VehicleColor = (typeof VEHICLE_COLORS)[number];

export const MATERIAL_KINDS = [
  'ID_CARD', 'PURCHASE_INVOICE', 'CONFORMITY_CERT', 'INSURANCE', 'PURCHASE_TAX', 'REG_CERT',
  'TRANSFER_INVOICE', 'MORTGAGE_CONTRACT', 'RELEASE_PROOF', 'SCRAP_CERT', 'COURT_ORDER',
  'INSPECTION_REPORT', 'MEDICAL_CERT', 'EXAM_RESULT', 'POWER_OF_ATTORNEY',
] as const;
export type MaterialKind = (typeof MATERIAL_KINDS)[number];

export const PHOTO_KINDS = [
  'LEFT_FRONT_45', 'RIGHT_REAR_45', 'VIN_STAMP', 'VIN_RUBBING', 'NAMEPLATE', 'ENGINE_NUMBER',
  'INSPECTOR_WITH_VEHICLE', 'OTHER',
] as const;
export type PhotoKind = (typeof PHOTO_KINDS)[number];

export const PHOTO_KIND_NAMES: Record<PhotoKind, string> = {
  LEFT_FRONT_45: '左前方45度',
  RIGHT_REAR_45: '右后方45度',
  VIN_STAMP: '车辆识别代号实物',
  VIN_RUBBING: '车辆识别代号拓印膜',
  NAMEPLATE: '产品标牌',
  ENGINE_NUMBER: '发动机号码',
  INSPECTOR_WITH_VEHICLE: '查验员与车辆合影',
  OTHER: '其他',
};

export const STATION_KINDS = [
  'DMV', 'BRANCH', 'DEALER', 'POSTAL', 'INSURANCE', 'COURT', 'HOSPITAL', 'ONLINE',
] as const;
export type StationKind = (typeof STATION_KINDS)[number];

export const HANDLER_ROLES = ['OFFICER', 'AUXILIARY', 'PARTNER_CLERK'] as const;
export type HandlerRole = (typeof HANDLER_ROLES)[number];

export const ORGANISATION_KINDS = [
  'DEALER', 'POSTAL', 'INSURANCE', 'FLEET', 'USED_CAR_BROKER', 'DRIVING_SCHOOL',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const DEFAULT_TIMEZONE = 'Asia/Shanghai';
