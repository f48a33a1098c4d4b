/**
 * The task-specific parts of a manifest: how to read a classifier's scores, a YOLO-style
 * detector's rows and BlazeFace's anchor grids. Numbers a model's training fixed (anchor grids,
 * output layout) and thresholds an office tunes both live here, not in code.
 */
import { z } from 'zod';

const probability = z.number().min(0).max(1);

export const classificationSchema = z.object({
  /** `softmax` when the model outputs logits; `none` when it already outputs probabilities. */
  activation: z.enum(['softmax', 'none']),
  /** Model label → the spec's code (PhotoKind or VehicleColor); null ignores that class. */
  labelMap: z.record(z.string(), z.string().nullable()).nullable(),
}).strict();

export const detectionSchema = z.object({
  /** YOLO rows: cx, cy, w, h, then objectness (when present), then one score per label. */
  format: z.literal('yolo'),
  objectness: z.boolean(),
  /** `rows`: output [1, N, K] (YOLOv5); `columns`: [1, K, N] (YOLOv8). */
  layout: z.enum(['rows', 'columns']),
  /** Box units: input pixels, or fractions of the input. */
  coordinates: z.enum(['pixels', 'normalised']),
  /** Applied to objectness and class scores when the model outputs logits. */
  activation: z.enum(['none', 'sigmoid']),
  /** Letterbox keeps the aspect ratio (padding with `padValue`); stretch fills the input. */
  resize: z.enum(['letterbox', 'stretch']),
  padValue: z.number().int().min(0).max(255),
  confidenceThreshold: probability,
  nmsIouThreshold: probability,
  /** Labels that are a person (e.g. `person`); the rest (car …) are not reported as persons. */
  personLabels: z.array(z.string().min(1)).min(1),
  /** Labels that are a vehicle (car, truck …): the colour estimate looks inside their box. */
  vehicleLabels: z.array(z.string().min(1)).default([]),
  maxDetections: z.number().int().min(1).max(1000),
}).strict();

export const faceDecodingSchema = z.object({
  /** One entry per anchor grid: its score and box outputs, cells per side, anchors per cell. */
  layers: z.array(z.object({
    scores: z.string().min(1),
    boxes: z.string().min(1),
    grid: z.number().int().positive(),
    anchorsPerCell: z.number().int().positive(),
  }).strict()).min(1),
  /** Regression values per anchor: box (4) then key points (x, y each). */
  valuesPerAnchor: z.number().int().min(4),
  /** Input pixels per unit of the box regression (the input side for MediaPipe models). */
  boxScale: z.number().positive(),
  /** Score logits are clipped to ±this before the sigmoid (MediaPipe's score_clipping_thresh). */
  scoreClip: z.number().positive(),
  minScore: probability,
  nmsIouThreshold: probability,
  /**
   * Small faces in a large photo: the photo is also read as overlapping square tiles of this
   * fraction of its shorter side, each scaled to the model input.
   */
  tiling: z.object({ tileFraction: z.number().gt(0).max(1), overlap: z.number().min(0).lt(1) }).strict().nullable(),
}).strict();

export type Classification = z.output<typeof classificationSchema>;
export type Detection = z.output<typeof detectionSchema>;
export type FaceDecoding = z.output<typeof faceDecodingSchema>;
