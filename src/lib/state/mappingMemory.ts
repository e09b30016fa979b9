import type { FileMapping } from '../ingest/mapping';

const PREFIX = 'fostering-funnel.mapping.';

/**
 * Remembers the user's corrections per set of columns, so next month's export
 * with the same columns loads in one step. Only column names and status or
 * stage labels are stored, never records.
 */
export function rememberMapping(storage: Storage, signature: string, mapping: FileMapping): void {
  // A service name belongs to one file, not to every export with these columns.
  const { service: _service, ...kept } = mapping;
  storage.setItem(PREFIX + signature, JSON.stringify(kept));
}

/** The remembered mapping for exports with these columns, if any. */
export function recallMapping(storage: Storage, signature: string): FileMapping | undefined {
  try {
    const s = storage.getItem(PREFIX + signature);
    return s ? (JSON.parse(s) as FileMapping) : undefined;
  } catch {
    return undefined;
  }
}

/** Forgets every remembered mapping. */
export function forgetMappings(storage: Storage): void {
  for (let i = storage.length - 1; i >= 0; i--) {
    const k = storage.key(i);
    if (k?.startsWith(PREFIX)) storage.removeItem(k);
  }
}
