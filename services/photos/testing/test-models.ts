/**
 * Small ONNX models the tests build to prove the manifest-driven office-model paths: a
 * mean-colour classifier (photo kind or body colour) and a YOLO-style colour-blob detector.
 * Their weights are computed, not trained, so what they must answer is known exactly.
 */
import { encodeModel, FLOAT, INT64, type OnnxNode, type OnnxTensor } from './onnx-builder.ts';

export type Rgb = readonly [number, number, number];

export interface ClassifierSpec {
  /** Square input side. */
  readonly size: number;
  readonly layout: 'NCHW' | 'NHWC';
  /** Per label, the mean colour (0…1 per channel, after the manifest's normalisation) it stands for. */
  readonly prototypes: readonly Rgb[];
  /** Larger: surer. */
  readonly sharpness?: number;
  /** Leave out the final Softmax (the manifest then says `activation: softmax`). */
  readonly logits?: boolean;
}

/**
 * GlobalAveragePool → Flatten → Gemm → Softmax: a nearest-prototype classifier on the image's
 * mean colour. logit_k = −s·‖m − p_k‖² up to a term common to all k, i.e. 2s·p_k·m − s·‖p_k‖².
 */
export function meanColourClassifier(spec: ClassifierSpec): Uint8Array {
  const s = spec.sharpness ?? 40;
  const k = spec.prototypes.length;
  const weights: number[] = [];
  for (let c = 0; c < 3; c++) for (const p of spec.prototypes) weights.push(2 * s * (p[c] ?? 0));
  const bias = spec.prototypes.map((p) => -s * p.reduce((sum, v) => sum + v * v, 0));
  const nodes: OnnxNode[] = [];
  let current = 'image';
  if (spec.layout === 'NHWC') {
    nodes.push({ op: 'Transpose', inputs: ['image'], outputs: ['chw'], attributes: { perm: [0, 3, 1, 2] } });
    current = 'chw';
  }
  nodes.push(
    { op: 'GlobalAveragePool', inputs: [current], outputs: ['mean'] },
    { op: 'Flatten', inputs: ['mean'], outputs: ['flat'], attributes: { axis: 1 } },
    { op: 'Gemm', inputs: ['flat', 'W', 'b'], outputs: [spec.logits ? 'scores' : 'logits'] },
  );
  if (!spec.logits) nodes.push({ op: 'Softmax', inputs: ['logits'], outputs: ['scores'], attributes: { axis: 1 } });
  const inputShape = spec.layout === 'NCHW' ? [1, 3, spec.size, spec.size] : [1, spec.size, spec.size, 3];
  return encodeModel({
    name: 'mean-colour-classifier',
    nodes,
    initializers: [
      { name: 'W', dims: [3, k], type: FLOAT, values: weights },
      { name: 'b', dims: [k], type: FLOAT, values: bias },
    ],
    inputs: [{ name: 'image', type: FLOAT, shape: inputShape }],
    outputs: [{ name: 'scores', type: FLOAT, shape: [1, k] }],
  });
}

export interface BlobDetectorSpec {
  /** Per class, the colour weights of its affinity w·rgb (e.g. red: [1, −1, −1]). */
  readonly classes: readonly Rgb[];
}

/** Input side, window (object size) and stride of the blob detector, in input pixels. */
export const BLOB_INPUT = 64;
export const BLOB_SIZE = 16;
export const BLOB_STRIDE = 4;

function int64(name: string, values: number[]): OnnxTensor {
  return { name, dims: [values.length], type: INT64, values };
}

/**
 * A YOLOv5-shaped detector [1, N, 4 + 1 + C] (cx, cy, w, h in input pixels, objectness, class
 * scores) over a 64×64 NCHW input: a 1×1 convolution gives each class's colour affinity, a
 * 16×16 average pool at stride 4 scores every window, and a steep sigmoid keeps only windows
 * (nearly) filled by the colour. Boxes are the windows themselves.
 */
export function colourBlobDetector(spec: BlobDetectorSpec): Uint8Array {
  const c = spec.classes.length;
  const grid = (BLOB_INPUT - BLOB_SIZE) / BLOB_STRIDE + 1;
  const n = grid * grid;
  const boxes: number[] = [];
  for (let y = 0; y < grid; y++) {
    for (let x = 0; x < grid; x++) boxes.push(x * BLOB_STRIDE + BLOB_SIZE / 2, y * BLOB_STRIDE + BLOB_SIZE / 2, BLOB_SIZE, BLOB_SIZE);
  }
  const nodes: OnnxNode[] = [
    { op: 'Conv', inputs: ['image', 'affinity_w'], outputs: ['affinity'], attributes: { kernel_shape: [1, 1] } },
    { op: 'AveragePool', inputs: ['affinity'], outputs: ['window'], attributes: { kernel_shape: [BLOB_SIZE, BLOB_SIZE], strides: [BLOB_STRIDE, BLOB_STRIDE] } },
    { op: 'Mul', inputs: ['window', 'steep'], outputs: ['scaled'] },
    { op: 'Add', inputs: ['scaled', 'offset'], outputs: ['logit'] },
    { op: 'Sigmoid', inputs: ['logit'], outputs: ['class_map'] },
    { op: 'Reshape', inputs: ['class_map', 'class_shape'], outputs: ['class_flat'] },
    { op: 'Transpose', inputs: ['class_flat'], outputs: ['class_scores'], attributes: { perm: [0, 2, 1] } },
    { op: 'ReduceMax', inputs: ['logit'], outputs: ['best_logit'], attributes: { axes: [1], keepdims: 1 } },
    { op: 'Sigmoid', inputs: ['best_logit'], outputs: ['object_map'] },
    { op: 'Reshape', inputs: ['object_map', 'object_shape'], outputs: ['objectness'] },
    { op: 'Concat', inputs: ['boxes', 'objectness', 'class_scores'], outputs: ['detections'], attributes: { axis: 2 } },
  ];
  return encodeModel({
    name: 'colour-blob-detector',
    nodes,
    initializers: [
      { name: 'affinity_w', dims: [c, 3, 1, 1], type: FLOAT, values: spec.classes.flatMap((w) => [...w]) },
      { name: 'steep', dims: [1], type: FLOAT, values: [30] },
      { name: 'offset', dims: [1], type: FLOAT, values: [-25] },
      int64('class_shape', [1, c, n]),
      int64('object_shape', [1, n, 1]),
      { name: 'boxes', dims: [1, n, 4], type: FLOAT, values: boxes },
    ],
    inputs: [{ name: 'image', type: FLOAT, shape: [1, 3, BLOB_INPUT, BLOB_INPUT] }],
    outputs: [{ name: 'detections', type: FLOAT, shape: [1, n, 5 + c] }],
  });
}
