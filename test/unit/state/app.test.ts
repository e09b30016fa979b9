import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppState } from '../../../src/lib/state/app.svelte';
import type { Dataset } from '../../../src/lib/ingest/load';
import type { Summary } from '../../../src/lib/state/summary';

/** The browser globals the composition root reaches for, in memory. */
function stubBrowser(search = '') {
  const items = new Map<string, string>();
  vi.stubGlobal('localStorage', {
    get length() {
      return items.size;
    },
    key: (i: number) => [...items.keys()][i] ?? null,
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  });
  vi.stubGlobal('location', { search, origin: 'https://example.org', pathname: '/', hash: '' });
  vi.stubGlobal('history', { pushState: () => {}, replaceState: () => {} });
  vi.stubGlobal('addEventListener', () => {});
  return items;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('AppState', () => {
  it('composes its parts from what the browser holds', () => {
    stubBrowser('?view=trends');
    localStorage.setItem('fostering-funnel.spend', '{"Radio":5}');
    const app = new AppState();
    expect(app.router.view).toBe('trends');
    expect(app.prefs.spendEntered).toEqual({ Radio: 5 });
    expect([app.coordinator, app.dataset, app.summary]).toEqual([null, null, null]);
  });

  it('says loading, idle, ready or error as the testing contract defines', () => {
    stubBrowser();
    const app = new AppState();
    expect(app.status).toBe('loading'); // the engine is starting
    app.activity.busy = null;
    expect(app.status).toBe('idle');
    app.dataset = {} as Dataset;
    expect(app.status).toBe('ready');
    app.activity.pending = 1;
    expect(app.status).toBe('loading'); // a view's figures are still on their way
    app.activity.error = 'The file was empty.';
    expect(app.status).toBe('error');
    app.activity.dismissError();
    app.activity.pending = 0;
    app.dataset = null;
    app.summary = {} as Summary;
    expect(app.status).toBe('ready');
  });

  it('holds "loading" while views settle after a change of view or preference', async () => {
    stubBrowser();
    const app = new AppState();
    app.activity.busy = null;
    app.dataset = {} as Dataset;
    app.router.navigate({ view: 'plan' });
    app.prefs.enterSpend('Radio', 10);
    expect(app.activity.pending).toBe(2);
    expect(app.status).toBe('loading');
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(app.status).toBe('ready');
  });

  it('starts the filtering summaries, the approval chances and the other views\' figures once per loaded dataset, as soon as it is drawn', () => {
    stubBrowser();
    const app = new AppState();
    const asked: string[][] = [];
    app.coordinator = { prefetch: (rs: { spec: { name: string } }[]) => (asked.push(rs.map((r) => r.spec.name)), Promise.resolve()) } as never;
    app.activity.busy = null;
    app.prefetchAfterLoad(app.requests); // nothing loaded: nothing to summarise
    expect(asked).toEqual([]);
    const loaded = () => ({ model: { attributes: [] } }) as unknown as Dataset;
    app.dataset = loaded();
    app.prefetchAfterLoad(app.requests);
    app.prefetchAfterLoad(app.requests); // drawn again (a filter, another view): already under way
    expect(asked.length).toBe(1);
    expect(asked[0].slice(0, 2)).toEqual(['cubes', 'approvalChances']);
    // Then every other view's: none of the view on screen (the Overview), the Trends view's among them.
    expect(asked[0]).not.toContain('headlineCounts');
    expect(asked[0]).toEqual(expect.arrayContaining(['cohorts', 'equality', 'exitReasons']));
    app.dataset = loaded(); // a new load
    app.prefetchAfterLoad(app.requests);
    expect(asked.length).toBe(2);
    expect(asked[1]).toEqual(asked[0]);
  });
});
