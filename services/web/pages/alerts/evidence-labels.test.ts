import { describe, expect, it } from 'vitest';
import { evidenceLabel, evidenceScalar } from './evidence-labels.ts';

describe('evidence in Chinese', () => {
  it.each([
    // [point, key, value, shown]
    ['R21', 'via', 'APPLICANT_PHONE', '申请人电话'],
    ['R17', 'matched', 'AGENT_ID', '代办人身份号码'],
    ['R11', 'matched', 'APPLICANT', '申请人'],
    ['R05', 'relations', 'AGENT_PHONE=APPROVER_PHONE', '代办人电话 = 审批人电话'],
    ['R01', 'problems', 'NO_PERMISSION', '无该业务权限'],
    ['R09', 'applicantProblem', 'BIRTH_AFTER_ACCEPTANCE', '出生日期晚于受理日期'],
    ['R32', 'problem', 'CHECK_DIGIT', '校验位错误'],
    ['R10', 'identityCheck', 'NOT_DONE', '未核验'],
    ['R10', 'channel', 'PARTNER', '合作网点'],
    ['R02', 'weekday', 'sun', '周日'],
    ['R22', 'pattern', 'STRAIGHT', '顺号'],
    ['R41', 'type', 'MORTGAGE_RELEASE', '解除抵押登记'],
    ['R08', 'changedFields', 'vin', '车辆识别代号'],
    ['R27', 'field', 'subjectVin', '车辆识别代号与本车不符'],
    ['R36', 'source', 'EXIF', '照片EXIF'],
    // The same key means a material in one point and a photo or a colour in another.
    ['R24', 'kind', 'INSURANCE', '交强险凭证'],
    ['R30', 'kind', 'LEFT_FRONT_45', '左前方45度'],
    ['R29', 'declared', 'VIN_STAMP', '车辆识别代号实物'],
    ['R38', 'declared', 'WHITE', '白色'],
    ['R38', 'estimated', 'BLUE', '蓝色'],
    // Photo positions are 0-based in the evidence, counted from 1 for people.
    ['R33', 'photoIndex', 3, '第4张'],
    ['R35', 'earlyPhotos', 0, '第1张'],
    ['R37', 'photos', 2, '第3张'],
    ['R06', 'approverMissing', true, '是'],
    ['R33', 'sameSha256', false, '否'],
    ['R25', 'dueAt', '2026-03-12T01:15:00.000Z', '2026-03-12 09:15'],
    ['R28', 'unreadableKinds', null, '—'],
    ['R07', 'handlerDayCount', 63, '63'],
    // A code the table does not know is shown as it is, never hidden.
    ['R01', 'problems', 'SOMETHING_NEW', 'SOMETHING_NEW'],
    ['R99', 'newKey', 'X', 'X'],
  ] as const)('%s %s %j → %s', (code, key, value, shown) => {
    expect(evidenceScalar(code, key, value)).toBe(shown);
  });

  it('labels keys in Chinese and shows an unknown key as it is', () => {
    expect(evidenceLabel('otherTransactions')).toBe('另有受理');
    expect(evidenceLabel('minutesApart')).toBe('相隔(分钟)');
    expect(evidenceLabel('someFutureKey')).toBe('someFutureKey');
  });
});
