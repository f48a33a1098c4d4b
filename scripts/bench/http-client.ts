/**
 * The benchmarks' HTTP client, on a worker thread of its own: a business system calling the API
 * is another program, so its request building and response parsing must not run on the
 * server's event loop (in-process `fetch` added several milliseconds per request to what was
 * measured). Plain node:http with one kept-alive connection, as an integration would hold.
 */
import { Worker } from 'node:worker_threads';

const CLIENT = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
function post(body) {
  return new Promise((resolve, reject) => {
    const req = http.request(workerData.url, { method: 'POST', agent, headers: { 'content-type': 'application/json', authorization: workerData.authorization, 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end(body);
  });
}
(async () => {
  const latencies = [];
  for (const body of workerData.bodies) {
    const t = performance.now();
    const status = await post(body);
    if (status >= 300) throw new Error('status ' + status);
    latencies.push(performance.now() - t);
  }
  agent.destroy();
  parentPort.postMessage(latencies);
})().catch((error) => { throw error; });
`;

/** POSTs each body in turn (the next once the previous answered); each request's latency in ms. */
export function postSequentially(url: string, authorization: string, bodies: readonly string[]): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(CLIENT, { eval: true, workerData: { url, authorization, bodies } });
    worker.once('message', (latencies: number[]) => resolve(latencies));
    worker.once('error', reject);
    worker.once('exit', (code) => { if (code !== 0) reject(new Error(`HTTP client exited with ${code}`)); });
  });
}
