/**
 * npm run dashboards [-- --check] [-- --workbench URL] [-- --push]
 * Writes the Grafana dashboards (dashboards/json/*.json) and alert rules
 * (dashboards/provisioning/), Grafana and Prometheus provisioning and docker-compose.yml, generated
 * from dashboards/*.ts. --check only compares and
 * exits 1 when a committed file is stale. --workbench sets the web workbench URL of the drill-down
 * links (default WORKBENCH_URL, else http://localhost:3000). --push also uploads the dashboards to
 * GRAFANA_URL with GRAFANA_TOKEN (a service account with the Editor role).
 */
import fs from 'node:fs';
import path from 'node:path';
import { DASHBOARDS, generatedFiles, ROOT_DIR } from '../dashboards/index.ts';
import { FOLDER_UID } from '../dashboards/lib/datasources.ts';
import { readProcessEnv } from '../services/platform/env.ts';
import { createGrafanaClient } from '../services/supervision/index.ts';
import { readFlags } from './cli-flags.ts';

const args = process.argv.slice(2).flatMap((arg) => (arg === '--check' || arg === '--push' ? [arg, 'true'] : [arg]));
const flags = readFlags(args, ['check', 'workbench', 'push']);
const env = readProcessEnv();
const workbenchUrl = flags.get('workbench') ?? env.WORKBENCH_URL;
const files = generatedFiles(workbenchUrl ? { workbenchUrl } : {});

if (flags.has('check')) {
  const stale = [...files].filter(([file, content]) => {
    const target = path.join(ROOT_DIR, file);
    return !fs.existsSync(target) || fs.readFileSync(target, 'utf8') !== content;
  });
  for (const [file] of stale) console.error(`stale: ${file} (run npm run dashboards)`);
  process.exit(stale.length > 0 ? 1 : 0);
}

for (const [file, content] of files) {
  const target = path.join(ROOT_DIR, file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, content);
  console.log(`wrote ${file}`);
}

if (flags.has('push')) {
  if (!env.GRAFANA_URL) {
    console.error('--push needs GRAFANA_URL (and GRAFANA_TOKEN)');
    process.exit(1);
  }
  const client = createGrafanaClient({ url: env.GRAFANA_URL, token: env.GRAFANA_TOKEN });
  for (const dashboard of DASHBOARDS) {
    const result = await client.pushDashboard({ dashboard: JSON.parse(files.get(`dashboards/json/${dashboard.file}`)!) as Record<string, unknown>, folderUid: FOLDER_UID, overwrite: true, message: 'npm run dashboards -- --push' });
    if (!result.ok) {
      console.error(`push ${dashboard.file} failed: ${result.error.kind} ${result.error.message}`);
      process.exit(1);
    }
    console.log(`pushed ${dashboard.file} → ${result.value.url} (version ${result.value.version})`);
  }
}
