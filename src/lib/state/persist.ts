/**
 * Optional "keep my data in this browser": the chosen files are stored in
 * IndexedDB (inside this browser profile, on this computer) so the dashboard
 * reopens on them. Off by default; "Forget all data" clears it.
 */

const DB = 'fostering-funnel';
const STORE = 'files';
const KEEP_KEY = 'fostering-funnel.keep';

export interface StoredFile {
  name: string;
  lastModified: number;
  blob: Blob;
}

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function tx<T>(mode: IDBTransactionMode, work: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const t = db.transaction(STORE, mode);
      const req = work(t.objectStore(STORE));
      t.oncomplete = () => resolve(req.result);
      t.onerror = () => reject(t.error);
      t.onabort = () => reject(t.error);
    });
  } finally {
    db.close();
  }
}

/** Whether the user asked to keep data in this browser. */
export function keepEnabled(): boolean {
  return localStorage.getItem(KEEP_KEY) === 'yes';
}

/** Turns keeping on or off (off also deletes what was kept). */
export async function setKeep(on: boolean): Promise<void> {
  if (on) localStorage.setItem(KEEP_KEY, 'yes');
  else {
    localStorage.removeItem(KEEP_KEY);
    await clearStoredFiles();
  }
}

/** Stores the files of the loaded dataset, replacing any kept before. */
export async function storeFiles(files: StoredFile[]): Promise<void> {
  await tx('readwrite', (s) => s.put(files, 'current'));
}

/** The kept files, if any. */
export async function storedFiles(): Promise<StoredFile[] | null> {
  try {
    return ((await tx('readonly', (s) => s.get('current'))) as StoredFile[] | undefined) ?? null;
  } catch {
    return null;
  }
}

/** Deletes the kept files. */
export async function clearStoredFiles(): Promise<void> {
  try {
    await tx('readwrite', (s) => s.clear());
  } catch {
    // Nothing stored, or storage unavailable: nothing to forget.
  }
}
