/**
 * PP-OCR direction classifier: is a text line upside down? A VIN plate photographed from the
 * other side, or a rubbing scanned the wrong way round, reads as garbage until turned.
 */
import ort from 'onnxruntime-node';
import sharp from 'sharp';
import type { RgbImage } from '../image.ts';
import type { ModelRegistry } from '../models/registry.ts';
import { writeChw } from './tensor.ts';

export const CLS_MODEL = 'ppocr-mobile-v2-cls';

/** PaddleOCR's cls_thresh: turn a line only when the classifier is this sure. */
const TURN_THRESHOLD = 0.9;

async function rotate180(image: RgbImage): Promise<RgbImage> {
  const { data, info } = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
    .rotate(180)
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data };
}

/**
 * Per line, the orientations worth reading: the line itself, preceded by the line turned 180°
 * when the classifier says it is upside down. The turned one is not simply trusted: on small
 * upright crops (94×24 plates) the classifier says "180°" for a few percent of lines, so the
 * caller reads both and keeps the more confident reading.
 */
export async function lineOrientations(registry: ModelRegistry, lines: readonly RgbImage[]): Promise<RgbImage[][]> {
  if (lines.length === 0) return [];
  // Without a direction classifier every line is read as it stands.
  if (!registry.has(CLS_MODEL)) return lines.map((line) => [line]);
  const { session, manifest } = await registry.model(CLS_MODEL);
  const labels = await registry.labelsOf(CLS_MODEL);
  const height = manifest.input.height ?? 48;
  const width = manifest.input.width ?? 192;
  const sample = 3 * height * width;
  const input = new Float32Array(sample * lines.length);
  await Promise.all(
    lines.map(async (line, i) => {
      // Keep the aspect ratio and pad on the right, as the classifier was trained.
      const w = Math.max(1, Math.min(width, Math.round((line.width * height) / line.height)));
      const { data, info } = await sharp(line.data, { raw: { width: line.width, height: line.height, channels: 3 } })
        .resize(w, height, { fit: 'fill' })
        .raw()
        .toBuffer({ resolveWithObject: true });
      writeChw({ width: info.width, height: info.height, data }, manifest, input, i * sample, width);
    }),
  );
  const result = await session.run({ [manifest.input.name]: new ort.Tensor('float32', input, [lines.length, 3, height, width]) });
  const probs = result[manifest.output.name]?.data as Float32Array | undefined;
  if (!probs) throw new Error(`model ${CLS_MODEL}: no output ${manifest.output.name}`);
  const turned = labels.indexOf('180');
  return Promise.all(lines.map(async (line, i) => ((probs[i * labels.length + turned] ?? 0) >= TURN_THRESHOLD ? [await rotate180(line), line] : [line])));
}
