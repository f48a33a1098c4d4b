/** The 41 risk points of risk-points.md, in code order. */
import { R01 } from './R01.ts';
import { R02 } from './R02.ts';
import { R03 } from './R03.ts';
import { R04 } from './R04.ts';
import { R05 } from './R05.ts';
import { R06 } from './R06.ts';
import { R07 } from './R07.ts';
import { R08 } from './R08.ts';
import { R09 } from './R09.ts';
import { R10 } from './R10.ts';
import { R11 } from './R11.ts';
import { R12 } from './R12.ts';
import { R13 } from './R13.ts';
import { R14 } from './R14.ts';
import { R15 } from './R15.ts';
import { R16 } from './R16.ts';
import { R17 } from './R17.ts';
import { R18 } from './R18.ts';
import { R19 } from './R19.ts';
import { R20 } from './R20.ts';
import { R21 } from './R21.ts';
import { R22 } from './R22.ts';
import { R23 } from './R23.ts';
import { R24 } from './R24.ts';
import { R25 } from './R25.ts';
import { R26 } from './R26.ts';
import { R27 } from './R27.ts';
import { R28 } from './R28.ts';
import { R29 } from './R29.ts';
import { R30 } from './R30.ts';
import { R31 } from './R31.ts';
import { R32 } from './R32.ts';
import { R33 } from './R33.ts';
import { R34 } from './R34.ts';
import { R35 } from './R35.ts';
import { R36 } from './R36.ts';
import { R37 } from './R37.ts';
import { R38 } from './R38.ts';
import { R39 } from './R39.ts';
import { R40 } from './R40.ts';
import { R41 } from './R41.ts';
import type { AnyRiskPoint } from './types.ts';

export const RISK_POINTS: readonly AnyRiskPoint[] = Object.freeze([
  R01, R02, R03, R04, R05, R06, R07, R08, R09, R10, R11, R12, R13, R14, R15, R16, R17, R18, R19,
  R20, R21, R22, R23, R24, R25, R26, R27, R28, R29, R30, R31, R32, R33, R34, R35, R36, R37, R38,
  R39, R40, R41,
]);

/** The fixed codes, in order; `RISK_POINTS[i].code === RISK_CODES[i]` (tested). */
export const RISK_CODES = [
  'R01', 'R02', 'R03', 'R04', 'R05', 'R06', 'R07', 'R08', 'R09', 'R10', 'R11', 'R12', 'R13',
  'R14', 'R15', 'R16', 'R17', 'R18', 'R19', 'R20', 'R21', 'R22', 'R23', 'R24', 'R25', 'R26',
  'R27', 'R28', 'R29', 'R30', 'R31', 'R32', 'R33', 'R34', 'R35', 'R36', 'R37', 'R38', 'R39',
  'R40', 'R41',
] as const;
export type RiskCode = (typeof RISK_CODES)[number];

export {
  R01, R02, R03, R04, R05, R06, R07, R08, R09, R10, R11, R12, R13, R14, R15, R16, R17, R18, R19,
  R20, R21, R22, R23, R24, R25, R26, R27, R28, R29, R30, R31, R32, R33, R34, R35, R36, R37, R38,
  R39, R40, R41,
};
export * from './types.ts';
