import type { Row } from './engine';

interface ArrowLikeTable {
  toArray(): { toJSON(): Row }[];
}

/** Turns an Arrow result into plain rows; BigInts become numbers (counts here are far below 2^53). */
export function arrowToRows<T extends Row>(table: ArrowLikeTable): T[] {
  const out: T[] = [];
  for (const r of table.toArray()) {
    const o = r.toJSON();
    for (const k in o) {
      const v = o[k];
      if (typeof v === 'bigint') o[k] = Number(v);
    }
    out.push(o as T);
  }
  return out;
}
