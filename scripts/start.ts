/** `npm start`: every role in one process (set ROLES=api or ROLES=worker to run them apart). */
import { startPlatform } from '../services/app/start.ts';
import { EnvError, readProcessEnv } from '../services/platform/env.ts';

async function main(): Promise<void> {
  const env = readProcessEnv();
  const platform = await startPlatform(env);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    platform.ctx.logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      platform.ctx.logger.error('graceful shutdown timed out; exiting');
      process.exit(1);
    }, env.SHUTDOWN_GRACE_MS);
    force.unref();
    platform.stop().then(() => process.exit(0), (error: unknown) => {
      platform.ctx.logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof EnvError) console.error(error.message);
  else console.error('start-up failed:', error);
  process.exit(1);
});
