import { vinProblem } from '../../domain/index.ts';
import { NO_PARAMS, type NoParams } from './helpers.ts';
import { hit, MISS, type RiskPoint } from './types.ts';

const PROBLEM_TEXT = {
  MISSING: '车辆业务未填写车辆识别代号',
  FORMAT: '车辆识别代号不是17位有效字符(A-H、J-N、P、R-Z、0-9)',
  CHECK_DIGIT: '车辆识别代号第9位校验位错误',
} as const;

/**
 * R32 识别代号校验错误: vehicle.vin is not 17 characters of [A-HJ-NPR-Z0-9] (case included),
 * or its check digit fails. Driver-licence business has no vehicle and is not judged; a
 * vehicle without a VIN is.
 */
export const R32: RiskPoint<NoParams> = {
  code: 'R32',
  nameZh: '识别代号校验错误',
  nameEn: 'VIN check digit',
  category: 'PHOTOS',
  defaultWeight: 40,
  dualReview: false,
  timing: 'INGEST',
  paramsSchema: NO_PARAMS,
  version: 1,
  evaluate(f) {
    const vehicle = f.tx.vehicle;
    if (vehicle === null) return MISS;
    const problem = vinProblem(vehicle.vin);
    if (problem === null) return MISS;
    return hit(PROBLEM_TEXT[problem], { problem, vinLength: vehicle.vin?.length ?? 0 });
  },
};
