/**
 * A full garbage collection between the detector's phases. V8 lets its heap grow to about four
 * times what was live at its last full collection before collecting again (on a machine with
 * memory to spare); the last one before the rings are found sees the network, the Louvain
 * graph and every agent's aggregates alive, so the garbage of every read after it would pile
 * up to several hundred megabytes of this process's memory. Collecting once those have died
 * sets the next limit from what is really alive. The collector is exposed the documented way
 * a running process can (a V8 flag, then `gc` from a fresh context); a process started with
 * --expose-gc already has it.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collector: (() => void) | undefined;

export function collectGarbage(): void {
  if (!collector) {
    setFlagsFromString('--expose-gc');
    collector = runInNewContext('gc') as () => void;
  }
  collector();
}
