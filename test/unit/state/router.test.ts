import { describe, expect, it } from 'vitest';
import { Router, type BrowserPlace } from '../../../src/lib/state/router.svelte';
import { defaultSettings } from '../../../src/lib/funnel/settings';

/** A browser tab's location and history in memory: entries, the current one, and back. */
function fakeBrowser(search = '') {
  const entries = [search];
  let at = 0;
  let popListener = () => {};
  const calls: string[] = [];
  const location = { origin: 'https://example.org', pathname: '/funnel/', search };
  const go = (url: string | URL | null | undefined) => {
    const s = String(url ?? '');
    return s.startsWith('?') ? s : '';
  };
  const place: BrowserPlace = {
    location,
    history: {
      pushState: (_d, _t, url) => {
        calls.push('push');
        entries.splice(at + 1, Infinity, go(url));
        at++;
        location.search = entries[at];
      },
      replaceState: (_d, _t, url) => {
        calls.push('replace');
        entries[at] = go(url);
        location.search = entries[at];
      },
    },
    onPopState: (listener) => (popListener = listener),
  };
  const back = () => {
    at--;
    location.search = entries[at];
    popListener();
  };
  return { place, location, calls, entries: () => entries.slice(), back };
}

describe('Router', () => {
  it('reads the view, filters, settings, choices, targets and link source from the URL', () => {
    const b = fakeBrowser('?view=dropoff&from=2025-01-01&campaign=Radio&stalled=45&u.grain=quarter&tappr=12&data=exports%2Fa.csv&src=a.csv&rows=10&cols=Ref');
    const r = new Router(undefined, b.place);
    expect(r.view).toBe('dropoff');
    expect(r.filters).toEqual({ from: '2025-01-01', campaigns: ['Radio'] });
    expect(r.settings.stalledDays).toBe(45);
    expect(r.uiValue('grain', 'month')).toBe('quarter');
    expect(r.uiValue('missing', 'month')).toBe('month');
    expect(r.linkSource).toEqual({ files: ['a.csv'], rows: 10, columns: ['Ref'] });
    expect(r.dataPaths).toEqual(['exports/a.csv']);
  });

  it('round-trips its state through the URL: a new router on the written URL reads the same', () => {
    const b = fakeBrowser();
    let settled = 0;
    const r = new Router(() => settled++, b.place);
    const settings = { ...defaultSettings(), stalledDays: 60, asOf: '2026-03-31' };
    r.navigate({ view: 'campaigns', filters: { to: '2026-01-31', sources: ['Web'], attributes: { Area: ['North'] } }, settings, ui: { sort: 'rate' } });
    r.setUi('grain', 'quarter');
    r.setTargets({ approvalsPerYear: 20 });
    expect(settled).toBe(2);
    const again = new Router(undefined, fakeBrowser(b.location.search).place);
    expect(again.view).toBe('campaigns');
    expect(again.filters).toEqual({ to: '2026-01-31', sources: ['Web'], attributes: { Area: ['North'] } });
    expect(again.settings).toEqual(settings);
    expect(again.ui).toEqual({ sort: 'rate', grain: 'quarter' });
    expect(again.targets).toEqual(r.targets);
    expect(Object.keys(again.targets)).toHaveLength(1);
    expect(r.link()).toBe('https://example.org/funnel/' + b.location.search);
  });

  it('changes some settings, keeping the rest, and writes them to the URL', () => {
    const b = fakeBrowser('?stalled=45&asof=2026-03-31');
    let settled = 0;
    const r = new Router(() => settled++, b.place);
    r.changeSettings({ setAside: true });
    expect(r.settings).toEqual({ ...defaultSettings(), stalledDays: 45, asOf: '2026-03-31', setAside: true });
    expect(settled).toBe(1);
    expect(new Router(undefined, fakeBrowser(b.location.search).place).settings).toEqual(r.settings);
  });

  it('pushes a history entry for navigation, replaces it for view choices and targets', () => {
    const b = fakeBrowser();
    const r = new Router(undefined, b.place);
    r.navigate({ view: 'trends' });
    r.setUi('grain', 'week');
    r.setTargets({ approvalsPerYear: 10 });
    r.navigate({ view: 'trends' }); // nothing changed: no entry written
    expect(b.calls).toEqual(['push', 'replace', 'replace']);
    expect(b.entries()).toHaveLength(2);
    r.setTargets({ approvalsPerYear: null });
    expect(r.targets).toEqual({});
  });

  it('goes back to the previous state when the user presses back', () => {
    const b = fakeBrowser();
    let settled = 0;
    const r = new Router(() => settled++, b.place);
    r.navigate({ view: 'equality', filters: { campaigns: ['Radio'] } });
    r.navigate({ view: 'plan' });
    b.back();
    expect([r.view, r.filters]).toEqual(['equality', { campaigns: ['Radio'] }]);
    b.back();
    expect([r.view, r.filters]).toEqual(['overview', {}]);
    expect(settled).toBe(4);
  });

  it('names the loaded export and its server paths in links, never the sample', () => {
    const b = fakeBrowser();
    const r = new Router(undefined, b.place);
    r.loaded({ files: ['march.csv'], rows: 120, columns: ['Ref', 'Date'] }, ['exports/march.csv']);
    expect(b.calls).toEqual(['replace']);
    const again = new Router(undefined, fakeBrowser(b.location.search).place);
    expect(again.linkSource).toEqual({ files: ['march.csv'], rows: 120, columns: ['Ref', 'Date'] });
    expect(again.dataPaths).toEqual(['exports/march.csv']);
    r.loaded(null, []);
    expect(r.link()).toBe('https://example.org/funnel/');
  });
});
