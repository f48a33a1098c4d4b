import ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { encodeModel, FLOAT } from './onnx-builder.ts';
import { BLOB_INPUT, colourBlobDetector, meanColourClassifier } from './test-models.ts';

function uniform(size: number, rgb: readonly number[], layout: 'NCHW' | 'NHWC'): Float32Array {
  const data = new Float32Array(3 * size * size);
  for (let p = 0; p < size * size; p++) {
    for (let c = 0; c < 3; c++) data[layout === 'NHWC' ? p * 3 + c : c * size * size + p] = rgb[c] ?? 0;
  }
  return data;
}

describe('ONNX protobuf writer', () => {
  it('writes a model ONNX Runtime loads and runs (Add of an initialiser, negative int64 included)', async () => {
    const bytes = encodeModel({
      name: 'add',
      nodes: [
        { op: 'Add', inputs: ['x', 'one'], outputs: ['sum'] },
        { op: 'Reshape', inputs: ['sum', 'shape'], outputs: ['y'] },
      ],
      initializers: [
        { name: 'one', dims: [1], type: FLOAT, values: [1.5] },
        { name: 'shape', dims: [1], type: 7, values: [-1] },
      ],
      inputs: [{ name: 'x', type: FLOAT, shape: ['n', 2] }],
      outputs: [{ name: 'y', type: FLOAT, shape: ['m'] }],
    });
    const session = await ort.InferenceSession.create(bytes);
    const out = await session.run({ x: new ort.Tensor('float32', Float32Array.from([1, 2, 3, 4]), [2, 2]) });
    expect(Array.from(out['y']?.data as Float32Array)).toEqual([2.5, 3.5, 4.5, 5.5]);
    await session.release();
  });

  it('builds mean-colour classifiers (NCHW and NHWC) that pick the nearest prototype', async () => {
    for (const layout of ['NCHW', 'NHWC'] as const) {
      const session = await ort.InferenceSession.create(meanColourClassifier({ size: 16, layout, prototypes: [[1, 0, 0], [0, 0, 1], [1, 1, 1]] }));
      const dims = layout === 'NCHW' ? [1, 3, 16, 16] : [1, 16, 16, 3];
      const probs = (rgb: number[]) => session.run({ image: new ort.Tensor('float32', uniform(16, rgb, layout), dims) }).then((r) => Array.from(r['scores']?.data as Float32Array));
      const reddish = await probs([0.8, 0.2, 0.1]);
      expect(reddish.indexOf(Math.max(...reddish)), layout).toBe(0);
      expect(reddish.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      const whitish = await probs([0.9, 0.9, 0.95]);
      expect(whitish.indexOf(Math.max(...whitish)), layout).toBe(2);
      await session.release();
    }
  });

  it('builds a YOLO-shaped detector whose only confident row is the window a red square fills', async () => {
    const session = await ort.InferenceSession.create(colourBlobDetector({ classes: [[1, -1, -1], [-1, -1, 1]] }));
    const image = new Float32Array(3 * BLOB_INPUT * BLOB_INPUT);
    for (let y = 16; y < 32; y++) for (let x = 32; x < 48; x++) image[y * BLOB_INPUT + x] = 1;
    const out = (await session.run({ image: new ort.Tensor('float32', image, [1, 3, BLOB_INPUT, BLOB_INPUT]) }))['detections'];
    expect(out?.dims).toEqual([1, 169, 7]);
    const data = out?.data as Float32Array;
    const confident = Array.from({ length: 169 }, (_, i) => Array.from(data.subarray(i * 7, i * 7 + 7))).filter((row) => (row[4] ?? 0) > 0.25);
    expect(confident).toHaveLength(1);
    expect(confident[0]?.slice(0, 4)).toEqual([40, 24, 16, 16]);
    expect(confident[0]?.[5]).toBeGreaterThan(0.99);
    expect(confident[0]?.[6]).toBeLessThan(0.01);
    await session.release();
  });
});
