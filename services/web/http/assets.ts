/**
 * Static assets under /assets/, same origin (the CSP allows nothing else): htmx and cytoscape
 * straight from node_modules, and the workbench's own CSS and scripts. Read once at start;
 * URLs carry a content hash so browsers may keep them for a year and still never run stale code.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApiApp } from '../../api/types.ts';

interface Asset {
  readonly body: Buffer;
  readonly type: string;
  readonly hash: string;
}

const require = createRequire(import.meta.url);
const OWN = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'assets');

function packageFile(specifier: string, file: string): string {
  return path.join(path.dirname(require.resolve(specifier)), file);
}

const SOURCES: Readonly<Record<string, () => string>> = {
  'htmx.min.js': () => packageFile('htmx.org', 'htmx.min.js'),
  'cytoscape.min.js': () => packageFile('cytoscape', 'cytoscape.min.js'),
  'app.css': () => path.join(OWN, 'app.css'),
  'app.js': () => path.join(OWN, 'app.js'),
  'favicon.svg': () => path.join(OWN, 'favicon.svg'),
  'photo-review.js': () => path.join(OWN, 'photo-review.js'),
  'graph.js': () => path.join(OWN, 'graph.js'),
};

const TYPES: Readonly<Record<string, string>> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml' };

let loaded: Map<string, Asset> | null = null;

function assets(): Map<string, Asset> {
  if (loaded) return loaded;
  loaded = new Map(Object.entries(SOURCES).map(([name, locate]) => {
    const body = readFileSync(locate());
    return [name, { body, type: TYPES[path.extname(name)] ?? 'application/octet-stream', hash: createHash('sha256').update(body).digest('hex').slice(0, 12) }];
  }));
  return loaded;
}

export type AssetName = keyof typeof SOURCES;

/** The versioned URL of an asset, e.g. /assets/app.js?v=3f2a…. */
export function assetUrl(name: AssetName): string {
  const asset = assets().get(name);
  return `/assets/${name}${asset ? `?v=${asset.hash}` : ''}`;
}

export function registerAssets(app: ApiApp): void {
  assets();
  // Browsers ask for /favicon.ico on their own; answer with the icon rather than a 404.
  app.get('/favicon.ico', (c) => c.redirect(assetUrl('favicon.svg'), 301));
  app.get('/assets/:name', (c) => {
    const asset = assets().get(c.req.param('name'));
    if (!asset) return c.text('没有该静态文件 (no such asset)', 404);
    const versioned = c.req.query('v') === asset.hash;
    return c.body(new Uint8Array(asset.body), 200, {
      'Content-Type': asset.type,
      'Cache-Control': versioned ? 'public, max-age=31536000, immutable' : 'no-cache',
      ETag: `"${asset.hash}"`,
    });
  });
}
