/**
 * Model manifests (`models/*.json`): what a model is, where its bytes come from and how to feed
 * it. The pre/post-processing code reads sizes and normalisation from here rather than from
 * constants, so an office can swap a model by editing a manifest.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/** A file inside an installed npm package, or a file relative to the manifest folder. */
const sourceSchema = z.union([
  z.object({ package: z.string().min(1), path: z.string().min(1) }).strict(),
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

export const manifestSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/),
  version: z.string().min(1),
  task: z.enum(['text-detection', 'text-recognition-ctc', 'text-direction', 'image-classification', 'object-detection', 'face-detection']),
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
}).strict();

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
