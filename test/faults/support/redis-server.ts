/**
 * A Redis server of the test's own, on a free port: the shared one on 6379 serves other tests,
 * and this one gets shut down and restarted on purpose. Append-only persistence (fsync always)
 * in the test's folder, as a production Redis for BullMQ must run, so a restart keeps the jobs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import { until } from './wait.ts';

export interface PrivateRedis {
  readonly port: number;
  readonly url: string;
  readonly running: boolean;
  /** SHUTDOWN NOSAVE: the process ends at once, as in a crash (the AOF keeps what was acknowledged). */
  crash(): Promise<void>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => { socket.destroy(); resolve(data.toString().startsWith('+PONG')); });
    socket.once('error', () => resolve(false));
  });
}

export async function startPrivateRedis(options: { dir: string; persistent?: boolean }): Promise<PrivateRedis> {
  await fs.mkdir(options.dir, { recursive: true });
  const port = await freePort();
  const persistence = options.persistent === false
    ? ['--save', '', '--appendonly', 'no']
    : ['--save', '', '--appendonly', 'yes', '--appendfsync', 'always'];
  let child: ChildProcess | null = null;
  const launch = async () => {
    child = spawn('redis-server', ['--bind', '127.0.0.1', '--port', String(port), '--dir', options.dir, ...persistence], { stdio: 'ignore' });
    await until(`private redis on ${port} answering`, () => ping(port), 15_000, 50);
  };
  const exited = () => new Promise<void>((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
  });
  const shutdown = async (command: string) => {
    if (!child || child.exitCode !== null) return;
    const gone = exited();
    await new Promise<void>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => socket.end(`${command}\r\n`));
      socket.once('close', () => resolve());
      socket.once('error', () => resolve());
    });
    await Promise.race([gone, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await gone;
  };
  await launch();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    get running() { return child !== null && child.exitCode === null && child.signalCode === null; },
    crash: () => shutdown('SHUTDOWN NOSAVE'),
    restart: launch,
    stop: () => shutdown('SHUTDOWN NOSAVE'),
  };
}
