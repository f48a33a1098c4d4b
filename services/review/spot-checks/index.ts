/** 双随机 spot checks (issue 6): reproducible random draws of transactions that raised no alert. */
export { decideSpotCheck, decideSpotCheckInput, SPOT_CHECK_RESULTS, type SpotCheckDecision } from './decide-spot-check.ts';
export { drawInput, drawSpotCheck, type Draw, type DrawInput, type DrawnItem } from './draw-spot-check.ts';
export { getDraw, listDraws, verifyDraw, type DrawVerification, type DrawView, type SpotCheckItemView } from './list-spot-checks.ts';
