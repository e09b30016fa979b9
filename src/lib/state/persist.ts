/**
 * A small key-value store in IndexedDB (inside this browser profile, on this
 * computer). It names no database of its own: Preferences owns every name.
 */

/** Values kept under keys, each call its own transaction. */
export interface KeyValueStore<T> {
  put(key: string, value: T): Promise<void>;
  get(key: string): Promise<T | undefined>;
  clear(): Promise<void>;
}

function open(db: string, store: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(db, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(store);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function tx<T>(db: string, store: string, mode: IDBTransactionMode, work: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const conn = await open(db, store);
  try {
    return await new Promise<T>((resolve, reject) => {
      const t = conn.transaction(store, mode);
      const req = work(t.objectStore(store));
      t.oncomplete = () => resolve(req.result);
      t.onerror = () => reject(t.error);
      t.onabort = () => reject(t.error);
    });
  } finally {
    conn.close();
  }
}

/** The object store `store` of IndexedDB database `db` (created on first use). */
export function indexedDbStore<T>(db: string, store: string): KeyValueStore<T> {
  return {
    put: async (key, value) => {
      await tx(db, store, 'readwrite', (s) => s.put(value, key));
    },
    get: async (key) => (await tx(db, store, 'readonly', (s) => s.get(key))) as T | undefined,
    clear: async () => {
      await tx(db, store, 'readwrite', (s) => s.clear());
    },
  };
}
