import { describe, expect, it } from 'vitest';
import { Preferences, type StoredFile } from '../../../src/lib/state/preferences.svelte';
import type { KeyValueStore } from '../../../src/lib/state/persist';
import type { FileMapping } from '../../../src/lib/ingest/mapping';

/** localStorage in memory, with the same interface. */
class MemoryStorage implements Storage {
  #items = new Map<string, string>();
  get length() {
    return this.#items.size;
  }
  key(i: number) {
    return [...this.#items.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.#items.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.#items.set(k, String(v));
  }
  removeItem(k: string) {
    this.#items.delete(k);
  }
  clear() {
    this.#items.clear();
  }
  keys() {
    return [...this.#items.keys()].sort();
  }
}

/** IndexedDB's file store in memory; `broken` makes every call fail as a refusing browser would. */
function memoryFiles(broken = false): KeyValueStore<StoredFile[]> & { items: Map<string, StoredFile[]> } {
  const items = new Map<string, StoredFile[]>();
  const check = () => {
    if (broken) throw new Error('QuotaExceededError');
  };
  return {
    items,
    put: async (k, v) => (check(), void items.set(k, v)),
    get: async (k) => (check(), items.get(k)),
    clear: async () => (check(), items.clear()),
  };
}

const mapping: FileMapping = { kind: 'wide', roles: { id: 'Ref' } as FileMapping['roles'], statusValues: {}, stageLabels: {}, service: 'Bath' };
const file: StoredFile = { name: 'a.csv', lastModified: 1, blob: new Blob(['x']) };

describe('Preferences', () => {
  it('reads what earlier visits stored, under its own keys', () => {
    const s = new MemoryStorage();
    s.setItem('fostering-funnel.reason-overrides', JSON.stringify({ 'moved away': 'AW3' }));
    s.setItem('fostering-funnel.spend', JSON.stringify({ Radio: 1200 }));
    s.setItem('fostering-funnel.keep', 'yes');
    const p = new Preferences(s, memoryFiles());
    expect(p.reasonOverrides).toEqual({ 'moved away': 'AW3' });
    expect(p.spendEntered).toEqual({ Radio: 1200 });
    expect(p.keep).toBe(true);
  });

  it('reads damaged or non-object values as nothing remembered', () => {
    for (const bad of ['{not json', 'null', '[1,2]', '42', '"text"']) {
      const s = new MemoryStorage();
      s.setItem('fostering-funnel.reason-overrides', bad);
      s.setItem('fostering-funnel.spend', bad);
      const p = new Preferences(s, memoryFiles());
      expect([p.reasonOverrides, p.spendEntered]).toEqual([{}, {}]);
    }
    expect(new Preferences(new MemoryStorage(), memoryFiles()).keep).toBe(false);
  });

  it('stores reason corrections and spend, and says they changed', () => {
    const s = new MemoryStorage();
    let changes = 0;
    const p = new Preferences(s, memoryFiles(), () => changes++);
    p.overrideReason('moved away', 'AW3');
    p.enterSpend('Radio', 500);
    p.enterSpend('Print', 80);
    p.enterSpend('Print', -1); // not a spend: clears it
    expect(JSON.parse(s.getItem('fostering-funnel.reason-overrides')!)).toEqual({ 'moved away': 'AW3' });
    expect(JSON.parse(s.getItem('fostering-funnel.spend')!)).toEqual({ Radio: 500 });
    p.overrideReason('moved away', null);
    expect(p.reasonOverrides).toEqual({});
    expect(changes).toBe(5);
    expect(new Preferences(s, memoryFiles()).spendEntered).toEqual({ Radio: 500 });
  });

  it('remembers mappings by column signature, without the service name', () => {
    const s = new MemoryStorage();
    const p = new Preferences(s, memoryFiles());
    p.rememberMapping('sig1', mapping);
    const { service: _service, ...kept } = mapping;
    expect(p.recallMapping('sig1')).toEqual(kept);
    expect(p.recallMapping('other')).toBeUndefined();
    expect(s.keys()).toEqual(['fostering-funnel.mapping.sig1']);
    s.setItem('fostering-funnel.mapping.bad', '{oops');
    expect(p.recallMapping('bad')).toBeUndefined();
  });

  it('keeps files only while keeping is on, and reads none when storage refuses', async () => {
    const s = new MemoryStorage();
    const files = memoryFiles();
    const p = new Preferences(s, files);
    await p.setKeep(true);
    await p.keepFiles([file]);
    expect(s.getItem('fostering-funnel.keep')).toBe('yes');
    expect(await p.keptFiles()).toEqual([file]);
    await p.setKeep(false);
    expect([p.keep, s.getItem('fostering-funnel.keep'), await p.keptFiles()]).toEqual([false, null, null]);
    const refusing = new Preferences(s, memoryFiles(true));
    expect(await refusing.keptFiles()).toBeNull();
    await expect(refusing.keepFiles([file])).rejects.toThrow('QuotaExceededError');
    await refusing.setKeep(false); // nothing to clear: no failure
  });

  it('forgets every key it owns, and nothing else', async () => {
    const s = new MemoryStorage();
    s.setItem('another-app.setting', 'kept');
    const files = memoryFiles();
    const p = new Preferences(s, files);
    p.overrideReason('moved away', 'AW3');
    p.enterSpend('Radio', 500);
    p.rememberMapping('sig1', mapping);
    p.rememberMapping('sig2', mapping);
    await p.setKeep(true);
    await p.keepFiles([file]);
    await p.forgetAll();
    expect(s.keys()).toEqual(['another-app.setting']);
    expect(files.items.size).toBe(0);
    expect([p.reasonOverrides, p.spendEntered, p.keep]).toEqual([{}, {}, false]);
    expect(p.recallMapping('sig1')).toBeUndefined();
  });
});
