import { setImmediate } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { chunked, StatementPipeline } from './pipelined.ts';

/** A fake statement: records when it starts and ends, takes a few event-loop turns. */
function statement(log: string[], name: string, fail = false): () => Promise<void> {
  return async () => {
    log.push(`start ${name}`);
    await setImmediate();
    await setImmediate();
    log.push(`end ${name}`);
    if (fail) throw new Error(`${name} failed`);
  };
}

describe('StatementPipeline', () => {
  it('runs what it is sent one at a time, in sending order, while the sender goes on', async () => {
    const log: string[] = [];
    const pipeline = new StatementPipeline();
    pipeline.send(statement(log, 'a'));
    pipeline.send(statement(log, 'b'));
    log.push('sender goes on');
    pipeline.send(statement(log, 'c'));
    await pipeline.completed();
    expect(log).toEqual(['sender goes on', 'start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('sends nothing after a failure and completes with that first failure, never as an unhandled rejection', async () => {
    const log: string[] = [];
    const pipeline = new StatementPipeline();
    pipeline.send(statement(log, 'a', true));
    // The failure happens while the sender is still busy: vitest fails the run on an unhandled rejection.
    for (let turn = 0; turn < 5; turn++) await setImmediate();
    pipeline.send(statement(log, 'b'));
    await expect(pipeline.completed()).rejects.toThrow('a failed');
    expect(log).toEqual(['start a', 'end a']);
  });
});

describe('chunked', () => {
  it('cuts into consecutive runs of at most the size, the last one shorter', () => {
    expect(chunked([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunked([1, 2], 2)).toEqual([[1, 2]]);
    expect(chunked([], 2)).toEqual([]);
  });
});
