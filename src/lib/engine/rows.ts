import type { Row } from './engine';

interface ArrowLikeTable {
  toArray(): { toJSON(): Row }[];
}

/**
 * Plain JS value from an Arrow cell: BigInt -> number, lists -> arrays. A BIGINT
 * list does not survive the engine's BIGINT-to-DOUBLE cast (its numbers come out
 * as tiny doubles): cast such lists to INTEGER[] or DOUBLE[] in the SQL.
 */
function plain(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (v && typeof v === 'object') {
    const o = v as { toArray?: () => ArrayLike<unknown>; toJSON?: () => Record<string, unknown> };
    // A list is read element by element: its toArray() is the raw buffer, in which a NULL number is whatever bytes were there.
    if (typeof o.toArray === 'function' && !(v instanceof Date)) {
      return Symbol.iterator in o ? Array.from(o as Iterable<unknown>, plain) : Array.from(o.toArray(), plain);
    }
    if (typeof o.toJSON === 'function' && !(v instanceof Date)) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(o.toJSON())) out[k] = plain(x);
      return out;
    }
  }
  return v;
}

/** Turns an Arrow result into plain rows (counts here are far below 2^53). */
export function arrowToRows<T = Row>(table: ArrowLikeTable): T[] {
  const out: T[] = [];
  for (const r of table.toArray()) {
    const o = r.toJSON();
    for (const k in o) o[k] = plain(o[k]);
    out.push(o as unknown as T);
  }
  return out;
}
