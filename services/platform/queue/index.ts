export * from './types.ts';
export { DatabaseQueue } from './database-queue.ts';
export { BullQueue } from './bullmq-queue.ts';
