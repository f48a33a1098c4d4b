/**
 * A TCP proxy between the platform and PostgreSQL, owned by the test: `cut('refuse')` drops every
 * link and refuses new ones (the server went away); `cut('blackhole')` keeps accepting but
 * forwards nothing, old links included (a network partition: no error, just silence);
 * `restore()` forwards again on the same port.
 */
import net from 'node:net';
import { freePort } from './redis-server.ts';

export type CutMode = 'refuse' | 'blackhole';

export interface TcpProxy {
  readonly port: number;
  cut(mode: CutMode): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const port = await freePort();
  const links = new Set<{ client: net.Socket; upstream: net.Socket }>();
  const silent = new Set<net.Socket>();
  let mode: CutMode | 'open' = 'open';

  const onConnection = (client: net.Socket) => {
    client.on('error', () => undefined);
    if (mode === 'blackhole') { // accepted, never answered
      silent.add(client);
      client.on('close', () => silent.delete(client));
      return;
    }
    const upstream = net.connect(target.port, target.host);
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
    links.add({ client, upstream });
    client.on('close', () => { for (const link of links) if (link.client === client) links.delete(link); });
  };

  let server: net.Server | null = null;
  const listen = () => new Promise<void>((resolve, reject) => {
    server = net.createServer(onConnection);
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const stopListening = () => new Promise<void>((resolve) => {
    if (!server) return resolve();
    server.close(() => resolve());
    server = null;
  });
  await listen();

  return {
    port,
    cut: async (how) => {
      mode = how;
      if (how === 'refuse') {
        for (const link of links) { link.client.destroy(); link.upstream.destroy(); }
        links.clear();
        await stopListening();
        return;
      }
      // Silence both ways on the links that exist; their sockets stay open.
      for (const link of links) { link.client.unpipe(link.upstream); link.upstream.unpipe(link.client); link.client.pause(); link.upstream.pause(); }
    },
    restore: async () => {
      if (mode === 'blackhole') {
        // The silenced links are beyond repair for their users (requests lost mid-way): drop them.
        for (const link of links) { link.client.destroy(); link.upstream.destroy(); }
        links.clear();
        for (const socket of silent) socket.destroy();
      }
      mode = 'open';
      if (!server) await listen();
    },
    close: async () => {
      for (const link of links) { link.client.destroy(); link.upstream.destroy(); }
      for (const socket of silent) socket.destroy();
      await stopListening();
    },
  };
}
