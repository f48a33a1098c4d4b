/**
 * The model registry: resolves each manifest's file, verifies its sha256 and keeps ONE
 * InferenceSession per model for the whole process (sessions are thread-safe for `run`, and
 * loading the 10 MB recogniser per job would dominate latency).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ort from 'onnxruntime-node';
import { ModelError, readManifests, type ModelManifest, type ModelSource, type Purpose } from './manifest.ts';

export type ExecutionProvider = 'cpu' | 'cuda';

export interface RegistryOptions {
  /** Folder of manifests; the project's `models/`. */
  readonly manifestDir: string;
  readonly executionProvider: ExecutionProvider;
  /** 0: ONNX Runtime decides. */
  readonly threads: number;
  /** Told when CUDA was asked for but could not be used. */
  readonly warn?: (message: string) => void;
}

export interface LoadedModel {
  readonly manifest: ModelManifest;
  readonly session: ort.InferenceSession;
  /** The provider the session really runs on. */
  readonly provider: ExecutionProvider;
}

/**
 * onnxruntime-node's install script fetches the CUDA provider next to its binding; the project
 * installs without running it, so on most machines this file is absent and CUDA is unavailable.
 */
function cudaProviderInstalled(): boolean {
  const bindingDir = packageDir('onnxruntime-node', PROJECT_ROOT);
  if (bindingDir === null) return false;
  return existsSync(path.join(bindingDir, 'bin', 'napi-v6', process.platform, process.arch, 'libonnxruntime_providers_cuda.so'));
}

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const DEFAULT_MANIFEST_DIR = path.join(PROJECT_ROOT, 'models');

/** Finds a package folder the way Node would, walking up node_modules from `from`. */
function packageDir(name: string, from: string): string | null {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (path.dirname(dir) === dir) return null;
  }
}

/** Where `npm run fetch-models` unpacks an `npmPack` package for a manifest folder. */
export function packCacheDir(manifestDir: string, spec: string): string {
  return path.join(manifestDir, '.cache', 'npm', spec.replace('/', '+'));
}

export function resolveSource(source: ModelSource, manifestDir: string): string {
  if ('file' in source) return path.resolve(manifestDir, source.file);
  if ('npmPack' in source) {
    // An office's manifest folder may reuse the project's fetched copy rather than fetch its own.
    const own = path.join(packCacheDir(manifestDir, source.npmPack), source.path);
    const project = path.join(packCacheDir(DEFAULT_MANIFEST_DIR, source.npmPack), source.path);
    return existsSync(own) || !existsSync(project) ? own : project;
  }
  const dir = packageDir(source.package, manifestDir) ?? packageDir(source.package, PROJECT_ROOT);
  return dir === null ? path.join('node_modules', source.package, source.path) : path.join(dir, source.path);
}

/** Reads a model's (or dictionary's) bytes and refuses them unless they hash to `sha256`. */
export async function readVerified(modelId: string, file: string, sha256: string): Promise<Buffer> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    throw new ModelError(modelId, `file ${file} is missing (run npm install, or npm run fetch-models; models come only from the npm registry)`);
  }
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== sha256) throw new ModelError(modelId, `file ${file} fails its checksum: sha256 ${actual}, manifest says ${sha256}`);
  return bytes;
}

export class ModelRegistry {
  private readonly sessions = new Map<string, Promise<LoadedModel>>();
  private readonly labels = new Map<string, Promise<string[]>>();

  private constructor(readonly manifests: ReadonlyMap<string, ModelManifest>, private readonly options: RegistryOptions) {}

  static async open(options: RegistryOptions): Promise<ModelRegistry> {
    const manifests = await readManifests(options.manifestDir);
    for (const purpose of ['photo-kind', 'vehicle-color', 'persons'] as const) {
      for (const task of ['image-classification', 'object-detection', 'face-detection'] as const) {
        const ids = [...manifests.values()].filter((m) => m.purpose === purpose && m.task === task).map((m) => m.id);
        if (ids.length > 1) throw new ModelError(ids[1] ?? '', `${task} for ${purpose} is already served by ${ids[0] ?? ''}; keep one manifest per purpose`);
      }
    }
    return new ModelRegistry(manifests, options);
  }

  has(id: string): boolean {
    return this.manifests.has(id);
  }

  /**
   * The model that serves a finding, or null when none is configured. For persons an office's
   * object detector (which sees whole bodies) is preferred over the face detector.
   */
  forPurpose(purpose: Purpose): ModelManifest | null {
    const serving = [...this.manifests.values()].filter((m) => m.purpose === purpose);
    return serving.find((m) => m.task !== 'face-detection') ?? serving[0] ?? null;
  }

  manifest(id: string): ModelManifest {
    const manifest = this.manifests.get(id);
    if (!manifest) throw new ModelError(id, `no manifest in ${this.options.manifestDir}`);
    return manifest;
  }

  /** The shared session; concurrent first calls share one load. */
  model(id: string): Promise<LoadedModel> {
    let loading = this.sessions.get(id);
    if (!loading) {
      loading = this.load(this.manifest(id));
      this.sessions.set(id, loading);
      loading.catch(() => this.sessions.delete(id));
    }
    return loading;
  }

  /** The model's class labels: the manifest's inline list or its verified dictionary file. */
  labelsOf(id: string): Promise<string[]> {
    let loading = this.labels.get(id);
    if (!loading) {
      loading = this.loadLabels(this.manifest(id));
      this.labels.set(id, loading);
      loading.catch(() => this.labels.delete(id));
    }
    return loading;
  }

  /** Loads and verifies every model now, so a broken install stops start-up, not the first job. */
  async loadAll(): Promise<void> {
    for (const id of this.manifests.keys()) {
      await this.model(id);
      if (this.manifest(id).labels) await this.labelsOf(id);
    }
  }

  async release(): Promise<void> {
    const loaded = await Promise.allSettled(this.sessions.values());
    this.sessions.clear();
    for (const result of loaded) if (result.status === 'fulfilled') await result.value.session.release();
  }

  private async load(manifest: ModelManifest): Promise<LoadedModel> {
    const file = resolveSource(manifest.source, this.options.manifestDir);
    const bytes = await readVerified(manifest.id, file, manifest.sha256);
    const base: ort.InferenceSession.SessionOptions = {
      graphOptimizationLevel: 'all',
      // Errors only: converted models (BlazeFace) carry unused initialisers ONNX Runtime warns about.
      logSeverityLevel: 3,
      executionMode: 'sequential',
      interOpNumThreads: 1,
      ...(this.options.threads > 0 ? { intraOpNumThreads: this.options.threads } : {}),
      // Idle intra-op threads sleep instead of spinning: photo workers share few cores with the
      // rest of the platform, and a spinning pool would burn them between model calls.
      extra: { session: { intra_op: { allow_spinning: '0' } } },
    };
    if (this.options.executionProvider === 'cuda' && !cudaProviderInstalled()) {
      this.options.warn?.(`model ${manifest.id}: CUDA unavailable (onnxruntime-node CUDA provider not installed); using CPU`);
    } else if (this.options.executionProvider === 'cuda') {
      try {
        // Fatal-only logging: a missing CUDA library is expected on CPU machines and reported below.
        const session = await ort.InferenceSession.create(bytes, { ...base, executionProviders: ['cuda'], logSeverityLevel: 4 });
        return { manifest, session, provider: 'cuda' };
      } catch (error) {
        this.options.warn?.(`model ${manifest.id}: CUDA unavailable (${(error as Error).message.split('\n')[0]}); using CPU`);
      }
    }
    try {
      const session = await ort.InferenceSession.create(bytes, { ...base, executionProviders: ['cpu'] });
      return { manifest, session, provider: 'cpu' };
    } catch (error) {
      throw new ModelError(manifest.id, `ONNX Runtime cannot load ${file}: ${(error as Error).message}`);
    }
  }

  private async loadLabels(manifest: ModelManifest): Promise<string[]> {
    const labels = manifest.labels;
    if (labels === null) throw new ModelError(manifest.id, 'has no labels');
    if ('inline' in labels) return labels.inline;
    const file = resolveSource(labels.source, this.options.manifestDir);
    const text = (await readVerified(manifest.id, file, labels.sha256)).toString('utf8');
    const keys = text.split(/\r?\n/).filter((line, i, all) => line !== '' || i < all.length - 1);
    // CTC classes: the blank at blankIndex, then the dictionary, then (PaddleOCR) a space.
    const classes = [...keys];
    classes.splice(labels.blankIndex, 0, '');
    if (labels.appendSpace) classes.push(' ');
    return classes;
  }
}
