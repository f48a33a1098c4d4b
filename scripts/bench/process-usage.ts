/** CPU use of processes by pid, read from /proc (Linux), for finding what saturates under load. */
import fs from 'node:fs';

/** USER_HZ: Linux reports process times in clock ticks of 1/100 s. */
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used so far; null once it is gone. */
export function cpuSecondsOf(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/**
 * Average CPU use (in cores: 1.0 = one core busy) of a changing set of processes over a span:
 * pids are re-read every sample, so database backends that come and go are counted while alive.
 */
export function cpuMeter(pids: () => Promise<number[]> | number[], everyMs = 250): { stop(): Promise<number> } {
  const last = new Map<number, number>();
  let busy = 0;
  const started = performance.now();
  const sample = async () => {
    for (const pid of await pids()) {
      const now = cpuSecondsOf(pid);
      if (now === null) continue;
      if (last.has(pid)) busy += now - last.get(pid)!;
      last.set(pid, now);
    }
  };
  void sample();
  const timer = setInterval(() => { void sample(); }, everyMs);
  return {
    stop: async () => {
      clearInterval(timer);
      await sample();
      return busy / ((performance.now() - started) / 1000);
    },
  };
}

/**
 * CPU seconds used so far by every process of a PostgreSQL server on this machine (backends,
 * WAL writer, autovacuum…), null where /proc cannot say (another OS, a remote server). Processes
 * that start and end between two readings are missed, so a difference is a lower bound.
 */
export function localPostgresCpuSeconds(): number | null {
  let pids: string[];
  try {
    pids = fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  let total = 0;
  for (const pid of pids) {
    let command: string;
    try {
      command = fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    } catch {
      continue;
    }
    if (command === 'postgres') total += cpuSecondsOf(Number(pid)) ?? 0;
  }
  return total;
}
