import type { FileMapping } from '../ingest/mapping';

/**
 * Remembers the user's corrections per set of columns, so next month's export
 * with the same columns loads in one step. Only column names and status or
 * stage labels are stored, never records.
 */
export interface MappingMemory {
  remember(signature: string, mapping: FileMapping): void;
  /** The remembered mapping for exports with these columns, if any. */
  recall(signature: string): FileMapping | undefined;
  /** Forgets every remembered mapping. */
  forget(): void;
}

/** Mapping memory kept in `storage`, one item per column signature, each key starting with `prefix`. */
export function mappingMemory(storage: Storage, prefix: string): MappingMemory {
  return {
    remember(signature, mapping) {
      // A service name belongs to one file, not to every export with these columns.
      const { service: _service, ...kept } = mapping;
      storage.setItem(prefix + signature, JSON.stringify(kept));
    },
    recall(signature) {
      try {
        const s = storage.getItem(prefix + signature);
        return s ? (JSON.parse(s) as FileMapping) : undefined;
      } catch {
        return undefined;
      }
    },
    forget() {
      for (let i = storage.length - 1; i >= 0; i--) {
        const k = storage.key(i);
        if (k?.startsWith(prefix)) storage.removeItem(k);
      }
    },
  };
}
