/** Intermediary (黄牛) detection: repeat proxies, shared phones, hoarding, collusion and rings (issue 5). */
export { detectIntermediaries, resolveOptions } from './detect.ts';
export { intermediariesJson, toFlaggedRings, type IntermediaryLine } from './export.ts';
export { evaluateDetection, type Evaluation } from './evaluate.ts';
export { loadSimulatedWorld } from './simulated-world.ts';
export { DEFAULT_OPTIONS, type ColludingHandler, type DetectionOptions, type DetectionResult, type Ring, type Suspect } from './types.ts';
