import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPhoto } from './check.ts';
import { decodeImage, type RgbImage } from './image.ts';
import { lineOrientations } from './ocr/direction.ts';
import type { ModelRegistry } from './models/registry.ts';
import { greedyDecode, recognise, type CtcOutput } from './ocr/recognise.ts';
import { decodePlate, preparePlateCrop, readPlateCrops } from './plate.ts';
import { testRegistry } from './testing/registry.ts';

const PLATES = path.resolve(import.meta.dirname, '../../../shared/data/plates');
const BATCH = 32;

interface Labelled {
  readonly file: string;
  readonly bytes: Buffer;
  readonly label: string;
  readonly image: RgbImage;
}

async function loadPlates(): Promise<Labelled[]> {
  const rows = (await readFile(path.join(PLATES, 'labels.csv'), 'utf8')).trim().split('\n').slice(1);
  return Promise.all(
    rows.map(async (row) => {
      const [file = '', label = ''] = row.split(',');
      const bytes = await readFile(path.join(PLATES, file));
      const decoded = await decodeImage(bytes, 10_000_000);
      if (!decoded.ok) throw new Error(`${file}: ${decoded.reason}`);
      return { file, bytes, label, image: decoded.image };
    }),
  );
}

/** A CTC output over a tiny alphabet: each frame a one-hot-ish distribution. */
function ctcOf(alphabet: string[], frames: [string, number][][]): CtcOutput {
  const classes = alphabet.length;
  const probs = new Float32Array(frames.length * classes);
  frames.forEach((frame, t) => {
    const rest = 1 - frame.reduce((s, [, p]) => s + p, 0);
    for (let c = 0; c < classes; c++) probs[t * classes + c] = rest / classes;
    for (const [ch, p] of frame) {
      const i = t * classes + alphabet.indexOf(ch);
      probs[i] = (probs[i] ?? 0) + p;
    }
  });
  return { frames: frames.length, classes, probs, alphabet };
}

describe('plate grammar decoding', () => {
  const alphabet = ['', ...'皖赣A0123456789BOI:', ' '];
  it('reads through a separator and an O the greedy decode keeps', () => {
    const seq = ['皖', '', 'A', ':', '3', '', '0', '', 'B', '', 'O', '', '3'];
    const frames = seq.map((ch): [string, number][] => (ch === 'O' ? [['O', 0.6], ['0', 0.3]] : [[ch, 0.95]]));
    const ctc = ctcOf(alphabet, frames);
    expect(greedyDecode(ctc).text).toBe('皖A:30BO3');
    expect(decodePlate(ctc)?.value).toBe('皖A30B03');
  });

  it('keeps a repeated character only when a blank separates it', () => {
    const frames = ['皖', 'A', '1', '1', '', '1', '2', '3', '4'].map((ch): [string, number][] => [[ch, 0.97]]);
    expect(decodePlate(ctcOf(alphabet, frames))?.value).toBe('皖A11234');
  });

  it('gives a low confidence when two provinces are nearly equally likely', () => {
    const frames: [string, number][][] = [[['皖', 0.48], ['赣', 0.47]], ...['A', '1', '2', '3', '4', '5'].map((ch): [string, number][] => [[ch, 0.97]])];
    const read = decodePlate(ctcOf(alphabet, frames));
    expect(read?.value).toBe('皖A12345');
    expect(read?.confidence).toBeLessThan(0.6);
  });
});

describe('plate recognition on 304 real plate crops', () => {
  let registry: ModelRegistry;
  let plates: Labelled[];
  beforeAll(async () => {
    registry = await testRegistry();
    plates = await loadPlates();
  });
  afterAll(() => registry.release());

  it('reads at least 98 % exactly with the plate grammar (greedy reported alongside)', async () => {
    let grammar = 0;
    let greedy = 0;
    const bySource = { lprnet: [0, 0], hyperlpr: [0, 0] };
    const misses: string[] = [];
    for (let i = 0; i < plates.length; i += BATCH) {
      const batch = plates.slice(i, i + BATCH);
      // One recogniser run serves both decodes, so the comparison is of decoding alone.
      const outputs = await recognise(registry, await Promise.all(batch.map((p) => preparePlateCrop(p.image))));
      const reads = outputs.map((out) => decodePlate(out));
      batch.forEach((plate, k) => {
        const source = plate.file.startsWith('hyperlpr') ? bySource.hyperlpr : bySource.lprnet;
        source[1] = (source[1] ?? 0) + 1;
        const greedyText = greedyDecode(outputs[k] as CtcOutput).text.replace(/[·•\-\s]/g, '').toUpperCase();
        if (greedyText === plate.label) greedy++;
        if (reads[k]?.value === plate.label) {
          grammar++;
          source[0] = (source[0] ?? 0) + 1;
        } else misses.push(`${plate.file} ${plate.label}→${reads[k]?.value ?? '∅'}`);
      });
    }
    const pct = (n: number): string => `${((100 * n) / plates.length).toFixed(1)} %`;
    console.log(
      `plates: grammar ${grammar}/${plates.length} = ${pct(grammar)}, greedy ${greedy}/${plates.length} = ${pct(greedy)}; ` +
        `lprnet ${bySource.lprnet.join('/')}, hyperlpr ${bySource.hyperlpr.join('/')}; misses: ${misses.join(', ')}`,
    );
    expect(plates).toHaveLength(304);
    expect(grammar / plates.length).toBeGreaterThanOrEqual(0.98);
  });

  it('reads the green 8-character new-energy plate and the yellow plate through readPlateCrops', async () => {
    const picked = plates.filter((p) => p.file === 'hyperlpr_0002.jpg' || p.file === 'hyperlpr_0004.jpg');
    const reads = await readPlateCrops(registry, picked.map((p) => p.image));
    expect(reads.map((r) => r?.value)).toEqual(picked.map((p) => p.label));
  });

  it('through checkPhoto, reads upright the crops the direction classifier calls upside down', async () => {
    const offered = await lineOrientations(registry, plates.map((p) => p.image));
    const doubted = plates.filter((_, i) => (offered[i]?.length ?? 0) > 1).slice(0, 6);
    expect(doubted.length).toBeGreaterThan(0);
    const direct = await readPlateCrops(registry, doubted.map((p) => p.image));
    for (const [i, plate] of doubted.entries()) {
      const report = await checkPhoto(registry, plate.bytes, { kind: 'LEFT_FRONT_45', maxPixels: 10_000_000 });
      expect(report.plate?.value, plate.file).toBe(direct[i]?.value);
    }
  });
});
