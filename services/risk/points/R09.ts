import { checkIdNumber, idNumberProblemName, type IdNumberProblem } from '../../domain/index.ts';
import { acceptanceDate, NO_PARAMS, type NoParams } from './helpers.ts';
import { hit, MISS, type RiskPoint } from './types.ts';

/**
 * R09 身份号码无效: the PERSON applicant's or the agent's idNumber fails GB 11643 as the spec
 * reads it (see domain/identity.ts), judged on the local acceptance date.
 */
export const R09: RiskPoint<NoParams> = {
  code: 'R09',
  nameZh: '身份号码无效',
  nameEn: 'Invalid ID number',
  category: 'APPLICANT',
  defaultWeight: 50,
  dualReview: false,
  timing: 'INGEST',
  paramsSchema: NO_PARAMS,
  version: 1,
  evaluate(f) {
    const { tx } = f;
    const date = acceptanceDate(f);
    const problemOf = (id: string | null | undefined): IdNumberProblem | null => {
      if (id == null) return null;
      const check = checkIdNumber(id, date);
      return check.valid ? null : check.problem;
    };
    const applicant = tx.applicant.kind === 'PERSON' ? problemOf(tx.applicant.idNumber) : null;
    const agent = problemOf(tx.agent?.idNumber);
    if (applicant === null && agent === null) return MISS;
    const texts = [
      applicant && `申请人身份号码无效(${idNumberProblemName(applicant)})`,
      agent && `代办人身份号码无效(${idNumberProblemName(agent)})`,
    ].filter(Boolean);
    return hit(texts.join('；'), { applicantProblem: applicant, agentProblem: agent, acceptanceDate: date });
  },
};
