/**
 * Cases per cell (station × business type) and per handler within it over the window: what a
 * handler's expected share of an agent's, a suspect's or a ring's cases is made of
 * (collusion.ts, handler-concentration.ts). One hash aggregate of a few thousand groups, read
 * once per full run.
 */
import type { Reader } from './reader.ts';
import type { Window } from './window.ts';

const HANDLER_CELLS_SQL = `SELECT station_code, type, handler_id, count(*)::int AS n FROM transaction
  WHERE accepted_at > $1 AND accepted_at <= $2 GROUP BY 1, 2, 3`;

/** A cell's key. */
export const cellOf = (station: string, type: string): string => `${station}\u0000${type}`;

export class HandlerCells {
  private readonly totals = new Map<string, number>();
  private readonly handlers = new Map<string, Map<string, number>>();

  add(station: string, type: string, handler: string, n: number): void {
    const cell = cellOf(station, type);
    this.totals.set(cell, (this.totals.get(cell) ?? 0) + n);
    let byHandler = this.handlers.get(cell);
    if (!byHandler) this.handlers.set(cell, byHandler = new Map());
    byHandler.set(handler, (byHandler.get(handler) ?? 0) + n);
  }

  /** The window's cases in the cell. */
  total(cell: string): number {
    return this.totals.get(cell) ?? 0;
  }

  /** The handler's cases in the cell (0 when none). */
  handled(cell: string, handler: string): number {
    return this.handlers.get(cell)?.get(handler) ?? 0;
  }

  /** The handlers who took cases in the cell, with their counts. */
  handlersOf(cell: string): ReadonlyMap<string, number> {
    return this.handlers.get(cell) ?? new Map();
  }
}

export async function handlerCells(sql: Reader, window: Window): Promise<HandlerCells> {
  const cells = new HandlerCells();
  const rows = await sql.query<{ station_code: string; type: string; handler_id: string; n: number }>(HANDLER_CELLS_SQL, [window.from, window.to]);
  for (const r of rows) cells.add(r.station_code, r.type, r.handler_id, r.n);
  return cells;
}
