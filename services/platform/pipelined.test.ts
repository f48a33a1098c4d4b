import { setImmediate } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { chunked, HeldStatement, StatementPipeline } from './pipelined.ts';

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

describe('HeldStatement', () => {
  it('sends nothing until released, then once, and has started by the time release resolves', async () => {
    const log: string[] = [];
    // The driver is reached through several promise steps (the raw connection, the adapter).
    const viaDriver = async () => {
      for (let step = 0; step < 5; step++) await Promise.resolve();
      await statement(log, 'h')();
    };
    const held = new HeldStatement(viaDriver);
    await setImmediate();
    expect(log).toEqual([]);
    await held.release();
    // Synchronous work after release must find the statement already with the driver.
    expect(log).toEqual(['start h']);
    await held.release();
    await held.settled();
    expect(log).toEqual(['start h', 'end h']);
  });

  it('is sent by settled when nobody released it', async () => {
    const log: string[] = [];
    await new HeldStatement(statement(log, 'h')).settled();
    expect(log).toEqual(['start h', 'end h']);
  });

  it('reports a failure in settled, never as an unhandled rejection', async () => {
    const held = new HeldStatement(statement([], 'h', true));
    await held.release();
    for (let turn = 0; turn < 5; turn++) await setImmediate();
    await expect(held.settled()).rejects.toThrow('h failed');
  });
});

describe('chunked', () => {
  it('cuts into consecutive runs of at most the size, the last one shorter', () => {
    expect(chunked([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunked([1, 2], 2)).toEqual([[1, 2]]);
    expect(chunked([], 2)).toEqual([]);
  });
});
