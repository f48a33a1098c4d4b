export * from './types.ts';
export { DatabaseQueue } from './database-queue.ts';
// BullQueue is imported from './bullmq-queue.ts' where Redis is used: bullmq and ioredis stay unloaded otherwise.
