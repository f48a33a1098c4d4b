/**
 * The intermediary detector's evidence in Chinese for investigators: a suspect's aggregates
 * (services/intermediaries/suspects.ts) and a suggested identity link's comparison
 * (services/intermediaries/identity/link-scoring.ts). Unknown keys are shown as they are.
 */
import type { OrganisationKind } from '../../../domain/index.ts';
import { plainScalar, rankByTable, type EvidenceText } from '../../layout/evidence.tsx';
import { formatTime } from '../../layout/format.ts';

export const SUSPECT_EVIDENCE_LABELS: Readonly<Record<string, string>> = {
  transactions: '代办业务笔数', principals: '被代办人数', unrelatedPrincipals: '非亲属被代办人数', kin: '亲属被代办人数',
  ownPhoneOnPrincipals: '本人电话留在被代办人登记信息上', sharedPhonePrincipals: '与他人共用电话的被代办人数',
  hoardedPrincipals: '预约被同一批号码/账号抢占的被代办人数', phoneCoAgents: '共用其电话的其他代办人数',
  asRegisteredClerk: '以登记经办员身份代办笔数', stations: '涉及站点数', firstSeen: '首次出现', lastSeen: '最近出现',
  orgCode: '所属单位', orgKind: '单位类别', topHandler: '最常搭配的经办人', topHandlerLift: '搭配提升度',
  topHandlerPValue: '搭配显著性(p值)',
};

export const LINK_EVIDENCE_LABELS: Readonly<Record<string, string>> = {
  idDistance: '身份号码相差位数', nameDistance: '姓名相差字数', samePhone: '登记同一手机号', sameAddress: '住址相同',
  validA: '甲方身份号码有效', validB: '乙方身份号码有效',
};

export const ORGANISATION_KIND_NAMES: Readonly<Record<OrganisationKind, string>> = {
  DEALER: '汽车销售企业', POSTAL: '邮政网点', INSURANCE: '保险机构', FLEET: '运输车队',
  USED_CAR_BROKER: '二手车经纪', DRIVING_SCHOOL: '驾驶培训机构',
};

const orgKindName = (kind: string): string => (ORGANISATION_KIND_NAMES as Readonly<Record<string, string>>)[kind] ?? kind;

/** The detector's segment of an agent: an individual, or a registered clerk of a kind of organisation. */
export function segmentName(segment: string | null | undefined): string {
  if (!segment) return '—';
  if (segment === 'INDIVIDUAL') return '个人代办';
  if (segment.startsWith('CLERK:')) {
    const kind = segment.slice('CLERK:'.length);
    return kind ? `登记经办员（${orgKindName(kind)}）` : '登记经办员';
  }
  return segment;
}

function textOf(labels: Readonly<Record<string, string>>): EvidenceText {
  return {
    label: (key) => labels[key] ?? key,
    rank: rankByTable(labels),
    scalar: (key, value) => {
      if (typeof value !== 'string' || value === '') return plainScalar(value) ?? String(value);
      if (key === 'firstSeen' || key === 'lastSeen') return formatTime(value);
      return key === 'orgKind' ? orgKindName(value) : value;
    },
  };
}

export const SUSPECT_EVIDENCE_TEXT = textOf(SUSPECT_EVIDENCE_LABELS);
export const LINK_EVIDENCE_TEXT = textOf(LINK_EVIDENCE_LABELS);
