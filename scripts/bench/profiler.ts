/** A V8 CPU profile of part of a benchmark (open the file in Chrome DevTools' Performance panel). */
import fs from 'node:fs';
import inspector from 'node:inspector/promises';

export async function startProfiler(): Promise<{ stop: (file: string) => Promise<void> }> {
  const session = new inspector.Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async stop(file: string) {
      const { profile } = await session.post('Profiler.stop');
      fs.writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}
