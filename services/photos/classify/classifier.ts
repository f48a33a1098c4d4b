/**
 * An office's image classifier (manifest task `image-classification`): the photo stretched to
 * the input size, class probabilities (softmax applied when the model outputs logits), each
 * label mapped to the spec's code through the manifest's labelMap (labels mapped to null are
 * ignored; labels mapping to the same code add up), and the top code with its probability.
 */
import type { Scored } from '../../risk/photo-findings.ts';
import { fitImage, imageTensor } from '../detect/input.ts';
import type { RgbImage } from '../image.ts';
import type { ModelManifest } from '../models/manifest.ts';
import type { ModelRegistry } from '../models/registry.ts';

export interface Classified extends Scored<string> {
  readonly model: string;
  /** Probability per mapped code. */
  readonly scores: Readonly<Record<string, number>>;
}

export function softmax(values: Float32Array): Float32Array {
  const max = Math.max(...values);
  const exp = values.map((v) => Math.exp(v - max));
  const sum = exp.reduce((s, v) => s + v, 0);
  return exp.map((v) => v / sum);
}

/** Probabilities of one sample mapped to codes, best first. */
export function mapScores(probs: Float32Array, labels: readonly string[], labelMap: Readonly<Record<string, string | null>> | null): [string, number][] {
  if (probs.length !== labels.length) throw new Error(`classifier outputs ${probs.length} scores for ${labels.length} labels`);
  const byCode = new Map<string, number>();
  labels.forEach((label, i) => {
    const code = labelMap && label in labelMap ? labelMap[label] : label;
    if (code === null || code === undefined) return;
    byCode.set(code, (byCode.get(code) ?? 0) + (probs[i] ?? 0));
  });
  return [...byCode.entries()].sort((a, b) => b[1] - a[1]);
}

export async function classify(registry: ModelRegistry, manifest: ModelManifest, image: RgbImage): Promise<Classified | null> {
  const config = manifest.classification;
  if (!config) throw new Error(`model ${manifest.id}: no classification section`);
  const { session } = await registry.model(manifest.id);
  const labels = await registry.labelsOf(manifest.id);
  const { pixels } = await fitImage(image, manifest.input.width ?? 224, manifest.input.height ?? 224, 'stretch');
  const result = await session.run({ [manifest.input.name]: imageTensor([pixels], manifest) });
  const output = result[manifest.output.name];
  if (!output) throw new Error(`model ${manifest.id}: no output ${manifest.output.name}`);
  const raw = (output.data as Float32Array).subarray(0, labels.length);
  const ranked = mapScores(config.activation === 'softmax' ? softmax(raw) : raw, labels, config.labelMap);
  const [top] = ranked;
  if (!top) return null;
  const round = (v: number): number => Math.round(v * 10_000) / 10_000;
  return { value: top[0], confidence: round(top[1]), model: manifest.id, scores: Object.fromEntries(ranked.map(([code, p]) => [code, round(p)])) };
}
