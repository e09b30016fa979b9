// @vitest-environment jsdom
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

/** A ResizeObserver that reports only when told to, as the browser does after its layout. */
class FakeObserver {
  static made: FakeObserver[] = [];
  observed = new Set<Element>();
  constructor(readonly report: (entries: { target: Element }[]) => void) {
    FakeObserver.made.push(this);
  }
  observe(el: Element) {
    this.observed.add(el);
  }
  unobserve(el: Element) {
    this.observed.delete(el);
  }
  disconnect() {}
  /** The browser's layout: every observed element reports its size. */
  layout() {
    this.report([...this.observed].map((target) => ({ target })));
  }
}

function element(width: number): HTMLElement {
  const el = document.createElement('div');
  Object.defineProperty(el, 'clientWidth', { get: vi.fn(() => width) });
  return el;
}

const widthReads = (el: HTMLElement) => (Object.getOwnPropertyDescriptor(el, 'clientWidth')!.get as ReturnType<typeof vi.fn>).mock.calls.length;

describe('observeWidth', () => {
  // The module makes its one observer when a chart first asks, with the ResizeObserver of the time.
  let observeWidth: typeof import('../../../src/lib/charts/observeWidth').observeWidth;
  beforeAll(async () => {
    vi.stubGlobal('ResizeObserver', FakeObserver);
    ({ observeWidth } = await import('../../../src/lib/charts/observeWidth'));
  });
  afterAll(() => vi.unstubAllGlobals());

  it('reads no width as charts mount, then every width when the browser reports, with one observer for all', () => {
    const [a, b] = [element(640), element(300)];
    const seen: [string, number][] = [];
    const actions = [observeWidth(a, (w) => seen.push(['a', w])), observeWidth(b, (w) => seen.push(['b', w]))];
    // Reading a width here would make the browser lay the page out once per chart.
    expect(widthReads(a) + widthReads(b)).toBe(0);
    expect(seen).toEqual([]);
    expect(FakeObserver.made).toHaveLength(1);
    FakeObserver.made[0].layout();
    expect(seen).toEqual([['a', 640], ['b', 300]]);
    for (const x of actions) x.destroy();
  });

  it('follows a new listener, and stops when the chart goes', () => {
    const el = element(500);
    const first: number[] = [];
    const second: number[] = [];
    const action = observeWidth(el, (w) => first.push(w));
    action.update((w) => second.push(w));
    FakeObserver.made[0].layout();
    expect([first, second]).toEqual([[], [500]]);
    action.destroy();
    FakeObserver.made[0].layout();
    expect(second).toEqual([500]);
    expect(FakeObserver.made[0].observed.size).toBe(0);
    expect(FakeObserver.made).toHaveLength(1);
  });
});
