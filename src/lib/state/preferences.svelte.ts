import type { FileMapping } from '../ingest/mapping';
import type { ExitCode, ReasonOverrides } from '../funnel/reasons';
import { mappingMemory, type MappingMemory } from './mappingMemory';
import { indexedDbStore, type KeyValueStore } from './persist';

/**
 * Every name this app stores anything under, in localStorage and IndexedDB.
 * No other file names a storage key: "Forget all data" must be able to find them all here.
 */
const KEYS = {
  reasonOverrides: 'fostering-funnel.reason-overrides',
  spend: 'fostering-funnel.spend',
  keep: 'fostering-funnel.keep',
  mappingPrefix: 'fostering-funnel.mapping.',
  database: 'fostering-funnel',
  fileStore: 'files',
  keptFiles: 'current',
} as const;

/** A file kept in this browser so the dashboard reopens on it. */
export interface StoredFile {
  name: string;
  lastModified: number;
  blob: Blob;
}

/** A JSON object from storage; anything missing, unreadable or not an object reads as empty. */
function readObject<T extends object>(storage: Storage, key: string): T {
  try {
    const v: unknown = JSON.parse(storage.getItem(key) ?? '{}');
    return (v && typeof v === 'object' && !Array.isArray(v) ? v : {}) as T;
  } catch {
    return {} as T;
  }
}

/**
 * What this browser remembers for the user: reason corrections, spend typed
 * in, column mappings, and (only when asked) the loaded files. The one owner
 * of every storage key.
 */
export class Preferences {
  /** The user's own reason-text -> exit-category corrections. */
  reasonOverrides = $state<ReasonOverrides>({});
  /** Spend typed in on the Campaigns page, by campaign. */
  spendEntered = $state<Record<string, number>>({});
  /** Keep the loaded files in this browser so the dashboard reopens on them (off by default). */
  keep = $state(false);
  readonly #storage: Storage;
  readonly #files: KeyValueStore<StoredFile[]>;
  readonly #mappings: MappingMemory;
  readonly #changed: () => void;

  /**
   * @param storage where small preferences live (localStorage in the browser)
   * @param files where kept files live (IndexedDB in the browser)
   * @param changed called after a correction or spend changes, so views can recompute
   */
  constructor(storage: Storage, files: KeyValueStore<StoredFile[]>, changed: () => void = () => {}) {
    this.#storage = storage;
    this.#files = files;
    this.#changed = changed;
    this.#mappings = mappingMemory(storage, KEYS.mappingPrefix);
    this.reasonOverrides = readObject(storage, KEYS.reasonOverrides);
    this.spendEntered = readObject(storage, KEYS.spend);
    this.keep = storage.getItem(KEYS.keep) === 'yes';
  }

  /** Preferences kept in this browser's localStorage and IndexedDB. */
  static inBrowser(changed?: () => void): Preferences {
    return new Preferences(localStorage, indexedDbStore<StoredFile[]>(KEYS.database, KEYS.fileStore), changed);
  }

  /** Maps a reason text to a category (or back to the rules when null), and remembers it. */
  overrideReason(text: string, code: ExitCode | null) {
    const next = { ...$state.snapshot(this.reasonOverrides) };
    if (code) next[text] = code;
    else delete next[text];
    this.reasonOverrides = next;
    this.#storage.setItem(KEYS.reasonOverrides, JSON.stringify(next));
    this.#changed();
  }

  /** Records spend typed in for a campaign (null clears it). */
  enterSpend(campaign: string, value: number | null) {
    const next = { ...$state.snapshot(this.spendEntered) };
    if (value === null || !Number.isFinite(value) || value < 0) delete next[campaign];
    else next[campaign] = value;
    this.spendEntered = next;
    this.#storage.setItem(KEYS.spend, JSON.stringify(next));
    this.#changed();
  }

  /** Remembers the columns chosen for exports with this column signature. */
  rememberMapping(signature: string, mapping: FileMapping) {
    this.#mappings.remember(signature, mapping);
  }

  /** The mapping remembered for exports with this column signature, if any. */
  recallMapping = (signature: string): FileMapping | undefined => this.#mappings.recall(signature);

  /** Turns keeping files on or off (off also deletes what was kept). */
  async setKeep(on: boolean): Promise<void> {
    this.keep = on;
    if (on) this.#storage.setItem(KEYS.keep, 'yes');
    else {
      this.#storage.removeItem(KEYS.keep);
      await this.#clearFiles();
    }
  }

  /** Stores the loaded files, replacing any kept before (throws when the browser refuses). */
  async keepFiles(files: StoredFile[]): Promise<void> {
    await this.#files.put(KEYS.keptFiles, files);
  }

  /** The kept files, if any (none when storage is unavailable). */
  async keptFiles(): Promise<StoredFile[] | null> {
    try {
      return (await this.#files.get(KEYS.keptFiles)) ?? null;
    } catch {
      return null;
    }
  }

  /** Forgets everything kept in this browser: kept files, the keep choice, mappings, corrections and spend. */
  async forgetAll(): Promise<void> {
    await this.setKeep(false);
    this.#mappings.forget();
    this.#storage.removeItem(KEYS.reasonOverrides);
    this.#storage.removeItem(KEYS.spend);
    this.reasonOverrides = {};
    this.spendEntered = {};
  }

  async #clearFiles() {
    try {
      await this.#files.clear();
    } catch {
      // Nothing stored, or storage unavailable: nothing to forget.
    }
  }
}
