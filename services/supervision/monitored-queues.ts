/**
 * Queues whose depth /metrics reports. The composition root names them once (its worker
 * registrations), so a capability adding a queue is reported without touching this module.
 */
const monitored = new Set<string>();

export function monitorQueues(names: Iterable<string>): void {
  for (const name of names) monitored.add(name);
}

export function monitoredQueues(): string[] {
  return [...monitored].sort();
}
