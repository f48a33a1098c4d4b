/**
 * Per-model inference time, attributed to the photo being checked even when several photos are
 * checked at once: the registry handed to the checks times every `session.run` and adds it to
 * the current photo's tally (AsyncLocalStorage), and tells the metrics.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { InferenceSession } from 'onnxruntime-node';
import type { LoadedModel, ModelRegistry } from '../models/registry.ts';

export type ModelRunObserver = (modelId: string, seconds: number) => void;

const tally = new AsyncLocalStorage<Map<string, number>>();

function timedSession(modelId: string, session: InferenceSession, observe: ModelRunObserver | undefined): InferenceSession {
  return new Proxy(session, {
    get(target, property, receiver) {
      if (property !== 'run') return Reflect.get(target, property, receiver) as unknown;
      return async (...args: Parameters<InferenceSession['run']>) => {
        const started = performance.now();
        try {
          return await target.run(...args);
        } finally {
          const ms = performance.now() - started;
          const current = tally.getStore();
          if (current) current.set(modelId, (current.get(modelId) ?? 0) + ms);
          observe?.(modelId, ms / 1000);
        }
      };
    },
  });
}

/** The same registry whose sessions are timed. */
export function timedRegistry(registry: ModelRegistry, observe?: ModelRunObserver): ModelRegistry {
  const wrapped = new Map<string, Promise<LoadedModel>>();
  return new Proxy(registry, {
    get(target, property, receiver) {
      if (property !== 'model') {
        const value = Reflect.get(target, property, receiver) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      }
      return (id: string): Promise<LoadedModel> => {
        let loading = wrapped.get(id);
        if (!loading) {
          loading = target.model(id).then((m) => ({ ...m, session: timedSession(id, m.session, observe) }));
          wrapped.set(id, loading);
          loading.catch(() => wrapped.delete(id));
        }
        return loading;
      };
    },
  });
}

/** Runs `work` and returns, beside its result, the milliseconds each model spent on it. */
export async function withModelTimings<T>(work: () => Promise<T>): Promise<{ result: T; timings: Record<string, number> }> {
  const mine = new Map<string, number>();
  const result = await tally.run(mine, work);
  return { result, timings: Object.fromEntries([...mine].map(([id, ms]) => [id, Math.round(ms * 10) / 10])) };
}
