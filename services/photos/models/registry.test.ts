import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelError } from './manifest.ts';
import { DEFAULT_MANIFEST_DIR, ModelRegistry, resolveSource } from './registry.ts';

const REC = 'ppocr-v4-rec';

describe('model registry', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'models-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function manifestWith(change: (m: Record<string, unknown>) => void): Promise<string> {
    const manifest = JSON.parse(await readFile(path.join(DEFAULT_MANIFEST_DIR, `${REC}.json`), 'utf8')) as Record<string, unknown>;
    change(manifest);
    const folder = await mkdtemp(path.join(dir, 'case-'));
    await writeFile(path.join(folder, `${REC}.json`), JSON.stringify(manifest));
    return folder;
  }

  it('loads every shipped manifest, verifies it and shares one session per model', async () => {
    const registry = await ModelRegistry.open({ manifestDir: DEFAULT_MANIFEST_DIR, executionProvider: 'cpu', threads: 1 });
    try {
      expect([...registry.manifests.keys()].sort()).toEqual(['blazeface-back', 'ppocr-mobile-v2-cls', 'ppocr-v4-det', REC]);
      expect(registry.forPurpose('persons')?.id).toBe('blazeface-back');
      expect(registry.forPurpose('photo-kind')).toBeNull();
      await registry.loadAll();
      const [a, b] = await Promise.all([registry.model(REC), registry.model(REC)]);
      expect(a.session).toBe(b.session);
      expect(a.provider).toBe('cpu');
      // blank + 6623 dictionary characters + space = the model's 6625 output classes.
      const labels = await registry.labelsOf(REC);
      expect(labels).toHaveLength(6625);
      expect(labels[0]).toBe('');
      expect(labels.at(-1)).toBe(' ');
    } finally {
      await registry.release();
    }
  });

  it('refuses a model whose bytes fail the checksum, naming the model', async () => {
    const folder = await manifestWith((m) => {
      m['sha256'] = '0'.repeat(64);
    });
    const registry = await ModelRegistry.open({ manifestDir: folder, executionProvider: 'cpu', threads: 1 });
    await expect(registry.model(REC)).rejects.toThrow(ModelError);
    await expect(registry.model(REC)).rejects.toThrow(/model ppocr-v4-rec: .*fails its checksum/);
  });

  it('refuses a missing model file, naming the model and the file', async () => {
    const folder = await manifestWith((m) => {
      m['source'] = { file: 'not-there.onnx' };
    });
    const registry = await ModelRegistry.open({ manifestDir: folder, executionProvider: 'cpu', threads: 1 });
    await expect(registry.loadAll()).rejects.toThrow(/model ppocr-v4-rec: file .*not-there\.onnx is missing/);
  });

  it('accepts an office model shipped as a file next to its manifest', async () => {
    const shipped = JSON.parse(await readFile(path.join(DEFAULT_MANIFEST_DIR, `${REC}.json`), 'utf8')) as { source: { package: string; path: string } };
    const folder = await manifestWith((m) => {
      m['source'] = { file: 'rec.onnx' };
    });
    await copyFile(resolveSource(shipped.source, DEFAULT_MANIFEST_DIR), path.join(folder, 'rec.onnx'));
    const registry = await ModelRegistry.open({ manifestDir: folder, executionProvider: 'cpu', threads: 1 });
    try {
      expect((await registry.model(REC)).manifest.id).toBe(REC);
    } finally {
      await registry.release();
    }
  });

  it('refuses two models serving the same purpose with the same task', async () => {
    const folder = await mkdtemp(path.join(dir, 'twice-'));
    const face = JSON.parse(await readFile(path.join(DEFAULT_MANIFEST_DIR, 'blazeface-back.json'), 'utf8')) as Record<string, unknown>;
    await writeFile(path.join(folder, 'a.json'), JSON.stringify(face));
    await writeFile(path.join(folder, 'b.json'), JSON.stringify({ ...face, id: 'blazeface-other' }));
    await expect(ModelRegistry.open({ manifestDir: folder, executionProvider: 'cpu', threads: 1 })).rejects.toThrow(/model blazeface-other: face-detection for persons is already served by blazeface-back/);
  });

  it('asks a face detector for its decoding facts, and a detector for its person labels', async () => {
    const face = await manifestWith((m) => {
      Object.assign(m, { task: 'face-detection', purpose: 'persons' });
    });
    await expect(ModelRegistry.open({ manifestDir: face, executionProvider: 'cpu', threads: 1 })).rejects.toThrow(/faceDecoding: a face detector needs faceDecoding/);
    const detector = await manifestWith((m) => {
      Object.assign(m, { task: 'object-detection', purpose: 'persons', labels: { inline: ['car'] } });
      m['input'] = { ...(m['input'] as object), height: 64, width: 64 };
      m['detection'] = { format: 'yolo', objectness: true, layout: 'rows', coordinates: 'pixels', activation: 'none', resize: 'letterbox', padValue: 114, confidenceThreshold: 0.25, nmsIouThreshold: 0.45, personLabels: ['person'], maxDetections: 10 };
    });
    await expect(ModelRegistry.open({ manifestDir: detector, executionProvider: 'cpu', threads: 1 })).rejects.toThrow(/detection\.personLabels: person is not among the labels/);
  });

  it('rejects an invalid manifest with its file and field', async () => {
    const folder = await manifestWith((m) => {
      m['sha256'] = 'not-a-hash';
    });
    await expect(ModelRegistry.open({ manifestDir: folder, executionProvider: 'cpu', threads: 1 })).rejects.toThrow(/ppocr-v4-rec\.json is invalid: sha256/);
  });

  it('runs on CUDA when asked and available, else falls back to CPU and says so', async () => {
    const warnings: string[] = [];
    const registry = await ModelRegistry.open({ manifestDir: DEFAULT_MANIFEST_DIR, executionProvider: 'cuda', threads: 1, warn: (m) => warnings.push(m) });
    try {
      const { provider } = await registry.model('ppocr-mobile-v2-cls');
      if (provider === 'cuda') expect(warnings).toEqual([]);
      else expect(warnings).toEqual([expect.stringMatching(/ppocr-mobile-v2-cls: CUDA unavailable .*; using CPU/)]);
    } finally {
      await registry.release();
    }
  });
});
