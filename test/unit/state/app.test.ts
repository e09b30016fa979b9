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

  /** A coordinator that records the prefetch lists it is handed and answers the filter menus with `values`. */
  function recordingCoordinator(values: Record<string, (string | null)[]>) {
    const asked: { spec: { name: string }; params: { filters?: unknown } }[][] = [];
    const coordinator = {
      prefetch: (rs: (typeof asked)[number]) => (asked.push(rs), Promise.resolve()),
      run: (_spec: unknown, p: { column: string }) => Promise.resolve((values[p.column] ?? []).map((value) => ({ value, n: 1 }))),
    };
    return { asked, coordinator: coordinator as never, names: (i: number) => asked[i].map((r) => r.spec.name) };
  }
  const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

  it('starts the filtering summaries, the likeliest filter choices, the approval chances and the other views\' figures once per loaded dataset, as soon as it is drawn', async () => {
    stubBrowser();
    const app = new AppState();
    const { asked, coordinator, names } = recordingCoordinator({ campaign: ['Radio', null], source: ['Website'] });
    app.coordinator = coordinator;
    app.activity.busy = null;
    app.prefetchAfterLoad(app.requests); // nothing loaded: nothing to summarise
    await settled();
    expect(asked).toEqual([]);
    const loaded = () => ({ model: { attributes: [] } }) as unknown as Dataset;
    app.dataset = loaded();
    app.prefetchAfterLoad(app.requests);
    app.prefetchAfterLoad(app.requests); // drawn again (a filter, another view): already under way
    await settled();
    expect(asked.length).toBe(1);
    expect(names(0)[0]).toBe('cubes');
    // The Overview under each menu's commonest values ("Not recorded" as a filter holds it), then the approval chances.
    const choices = asked[0].filter((r) => r.spec.name === 'funnel' && Object.keys(r.params.filters ?? {}).length).map((r) => r.params.filters);
    expect(choices).toEqual([{ campaigns: ['Radio'] }, { sources: ['Website'] }, { campaigns: ['(blank)'] }]);
    expect(names(0)).toContain('headlineCounts');
    expect(names(0).indexOf('approvalChances')).toBeGreaterThan(names(0).lastIndexOf('headlineCounts'));
    // Then every other view's, the Trends view's among them.
    expect(names(0)).toEqual(expect.arrayContaining(['cohorts', 'equality', 'exitReasons']));
    app.dataset = loaded(); // a new load
    app.prefetchAfterLoad(app.requests);
    await settled();
    expect(asked.length).toBe(2);
    expect(names(1)).toEqual(names(0));
  });

  it('hands the coordinator only the latest list: one whose filter choices arrive after a newer list was asked is dropped', async () => {
    stubBrowser();
    const app = new AppState();
    const { asked, coordinator, names } = recordingCoordinator({ campaign: ['Radio'], source: [] });
    app.coordinator = coordinator;
    app.activity.busy = null;
    app.dataset = { model: { attributes: [] } } as unknown as Dataset;
    app.prefetchAhead(app.requests);
    app.prefetchAhead({ ...app.requests, filters: { from: '2024-01-01' } }); // a date filter: no choices asked
    await settled();
    expect(asked.length).toBe(1);
    expect(names(0)).not.toContain('headlineCounts');
    // On a view the summaries don't answer, no choices either.
    app.router.navigate({ view: 'dropoff' });
    await new Promise((resolve) => setTimeout(resolve, 5)); // the view settles
    expect(app.status).toBe('ready');
    app.prefetchAhead(app.requests);
    await settled();
    expect(asked.length).toBe(2);
    expect(names(1)).not.toContain('exitReasons');
    expect(names(1)).toContain('headlineCounts');
  });
});
