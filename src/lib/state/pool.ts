import { joinList, splitList } from './url';

/** Groups of one equality field pooled to be compared with the other recorded groups. */
export interface PoolChoice {
  column: string;
  members: string[];
}

/** The link value for a pool: the column first, then its groups ("" for none). */
export function poolToUi(pool: PoolChoice | null): string {
  return pool && pool.members.length ? joinList([pool.column, ...pool.members]) : '';
}

/** The pool a link value names, or null when it names none. */
export function poolFromUi(value: string): PoolChoice | null {
  const [column, ...members] = splitList(value);
  return column && members.length ? { column, members: [...new Set(members)].slice(0, 100) } : null;
}
