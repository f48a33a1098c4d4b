import type { AppContext } from '../platform/context.ts';

/** Seeds the demo world on the embedded default's first start (filled in with the simulator). */
export async function seedDemoWorldIfWanted(_ctx: AppContext): Promise<void> {
  return;
}
