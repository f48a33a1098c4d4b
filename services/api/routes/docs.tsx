import type { ApiApp } from '../types.ts';

export const OPENAPI_INFO = {
  openapi: '3.1.0',
  info: {
    title: '车驾管智能监管平台 API',
    version: '1',
    description: 'Ingestion of business transactions and reference data; errors are application/problem+json (RFC 9457) naming each bad field.',
  },
} as const;

interface Operation {
  summary?: string;
  tags?: string[];
  requestBody?: unknown;
  responses?: Record<string, { description?: string }>;
}

type PathsDoc = Record<string, Record<string, Operation>>;

function OperationView(props: { method: string; path: string; op: Operation }) {
  const { method, path, op } = props;
  return (
    <details class="op">
      <summary><code class={`m ${method}`}>{method.toUpperCase()}</code> <code>{path}</code> {op.summary}</summary>
      <ul>{Object.entries(op.responses ?? {}).map(([status, r]) => <li><b>{status}</b> {r.description}</li>)}</ul>
      {op.requestBody ? <pre>{JSON.stringify(op.requestBody, null, 2)}</pre> : null}
    </details>
  );
}

/** A browsable page rendered on the server from the same document: works offline, no CDN. */
function DocsPage(props: { paths: PathsDoc }) {
  const entries = Object.entries(props.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })));
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <title>{OPENAPI_INFO.info.title}</title>
        <style>{`body{font:14px/1.5 system-ui,sans-serif;max-width:1000px;margin:2em auto;padding:0 1em}
.op{border:1px solid #ddd;border-radius:6px;margin:.5em 0;padding:.4em .8em}.m{font-weight:bold}
.get{color:#0a7}.post{color:#06c}.put{color:#a60}pre{background:#f6f6f6;padding:.5em;overflow:auto;max-height:30em}`}</style>
      </head>
      <body>
        <h1>{OPENAPI_INFO.info.title}</h1>
        <p>{OPENAPI_INFO.info.description} 机器可读文档：<a href="/api/v1/openapi.json">/api/v1/openapi.json</a></p>
        {entries.map((e) => <OperationView method={e.method} path={e.path} op={e.op} />)}
      </body>
    </html>
  );
}

export function registerDocs(app: ApiApp): void {
  app.doc31('/api/v1/openapi.json', OPENAPI_INFO);
  app.get('/api/v1/docs', (c) => {
    const document = app.getOpenAPI31Document(OPENAPI_INFO);
    return c.html(`<!doctype html>${String(<DocsPage paths={(document.paths ?? {}) as PathsDoc} />)}`);
  });
}
