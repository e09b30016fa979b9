import { describe, expect, test, vi } from 'vitest';
import { COMPACTING, Coordinator, StaleRequest } from '../../../src/lib/coordinator/coordinator';
import { ask, type MetricParams, type MetricSpec } from '../../../src/lib/coordinator/metric';
import { QueryInterrupted, type Engine } from '../../../src/lib/engine/engine';
import { defaultSettings } from '../../../src/lib/funnel/settings';
import { funnelMetric } from '../../../src/lib/funnel/funnel';
import { cubesMetric } from '../../../src/lib/funnel/filterCubes';
import { csv, testEngine } from '../../helpers/engine';

const HEADER = 'Ref,Enquiry Date,Initial Visit Date,Application Date,Status,Campaign';
const ROWS = [
  'A,01/01/2024,10/01/2024,01/02/2024,In progress,X',
  'B,02/01/2024,,,NFA,X',
  'C,03/01/2024,15/01/2024,,In progress,Y',
];

/** The Node engine with every query and statement counted, and overlapping runs detected. */
interface CountingEngine extends Engine {
  queries: string[];
  /** Most queries/statements running at once. */
  peak: number;
  /** When set, the next query whose SQL contains it fails. */
  failNext: string | null;
  /** When set, queries whose SQL contains `marker` wait for `until` (a long task on the connection). */
  hold: { marker: string; until: Promise<void> } | null;
  /** As the browser's engine: a held query given a signal stops when it aborts (QueryInterrupted). */
  stoppable: boolean;
}

/** A promise that never settles unless `signal` aborts, then rejects as a stopped query does. */
const stopped = (signal: AbortSignal) => new Promise<never>((_, reject) => {
  if (signal.aborted) reject(new QueryInterrupted());
  signal.addEventListener('abort', () => reject(new QueryInterrupted()), { once: true });
});

function counting(inner: Engine): CountingEngine {
  let running = 0;
  const track = async <T>(work: () => Promise<T>): Promise<T> => {
    running++;
    e.peak = Math.max(e.peak, running);
    try {
      // Yield so that a second task started without waiting would overlap this one.
      await new Promise((r) => setTimeout(r, 1));
      return await work();
    } finally {
      running--;
    }
  };
  const e: CountingEngine = {
    queries: [], peak: 0, failNext: null, hold: null, stoppable: false,
    registerFile: (name, data) => inner.registerFile(name, data),
    dropFile: (name) => inner.dropFile(name),
    query: <T>(text: string, signal?: AbortSignal) => track(async () => {
      e.queries.push(text);
      if (e.hold && text.includes(e.hold.marker)) await (e.stoppable && signal ? Promise.race([e.hold.until, stopped(signal)]) : e.hold.until);
      if (e.failNext && text.includes(e.failNext)) {
        e.failNext = null;
        throw new Error('engine failure');
      }
      return inner.query<T>(text);
    }),
    exec: (text) => track(() => inner.exec(text)),
    close: async () => {},
  };
  return e;
}

/** A spec counting `journeys`, by a marker in its SQL (so tests can find its runs), under a given name. */
function countSpec(name: string, marker = 'n_marker'): MetricSpec<MetricParams, number> {
  return {
    name, what: 'a count',
    sql: () => ({ n: `SELECT count(*)::INTEGER AS ${marker} FROM journeys` }),
    shape: (rows) => rows.n[0][marker] as number,
  };
}

/** How many of the engine's queries contained `marker`. */
const runsOf = (e: CountingEngine, marker: string) => e.queries.filter((q) => q.includes(marker)).length;

/** Holds the engine's queries containing `marker` (a long task on the connection) until the function returned is called; forgets the queries run so far. */
function holdQueries(e: CountingEngine, marker: string): () => void {
  let release!: () => void;
  e.hold = { marker, until: new Promise<void>((r) => (release = r)) };
  e.queries.length = 0;
  return release;
}

/** Asks `spec` again after a prefetch: `value`, from the cache (no query run), the engine never having run two tasks at once. */
async function expectCachedAfter(e: CountingEngine, c: Coordinator, spec: MetricSpec<MetricParams, number>, params: MetricParams, value: number) {
  e.queries.length = 0;
  expect(await c.run(spec, params)).toBe(value);
  expect(e.queries).toEqual([]);
  expect(e.peak).toBe(1);
}

/** Which of the markers `<name>_marker` the engine's queries held, in the order they ran. */
const markersRun = (e: CountingEngine, names: string[]) =>
  e.queries.map((q) => new RegExp(`(${names.join('|')})_marker`).exec(q)?.[1]).filter(Boolean);

async function setup(rows = ROWS) {
  const engine = counting(await testEngine());
  const c = new Coordinator(engine);
  await c.load([csv('t.csv', [HEADER, ...rows].join('\n'))], defaultSettings());
  return { engine, c, params: { settings: defaultSettings() } };
}

describe('Coordinator', () => {
  test('the same parameters written in another key order are one cached result', async () => {
    const { c } = await setup();
    let shaped = 0;
    const spec: MetricSpec<MetricParams & { a: number; b: string }, number> = {
      name: 'ordered', what: 'a count',
      sql: () => ({ n: 'SELECT 1 AS one' }),
      shape: () => ++shaped,
    };
    const settings = defaultSettings();
    await c.run(spec, { settings, filters: { campaigns: ['X'] }, a: 1, b: 'x' });
    await c.run(spec, { b: 'x', a: 1, filters: { campaigns: ['X'] }, settings: JSON.parse(JSON.stringify(settings)) });
    expect(shaped).toBe(1);
    await c.run(spec, { settings, filters: { campaigns: ['X'] }, a: 2, b: 'x' });
    expect(shaped).toBe(2);
  });

  test('a query asked for by two specs runs once; each spec gets its own result', async () => {
    const { engine, c, params } = await setup();
    const [a, b] = await Promise.all([c.run(countSpec('count-a'), params), c.run(countSpec('count-b'), params)]);
    expect([a, b]).toEqual([3, 3]);
    expect(runsOf(engine, 'n_marker')).toBe(1);
  });

  test('a shaped result is cached by spec and parameters: asking again reruns neither query nor shape', async () => {
    const { engine, c, params } = await setup();
    let shaped = 0;
    const spec: MetricSpec<MetricParams & { extra: number }, number> = {
      name: 'shaped', what: 'a count',
      sql: () => ({ n: 'SELECT count(*)::INTEGER AS shaped_marker FROM journeys' }),
      shape: (rows, p) => {
        shaped++;
        return (rows.n[0].shaped_marker as number) + p.extra;
      },
    };
    expect(await c.run(spec, { ...params, extra: 1 })).toBe(4);
    expect(await c.run(spec, { ...params, extra: 1 })).toBe(4);
    expect(shaped).toBe(1);
    // Other parameters are another result, shaped again from the cached rows.
    expect(await c.run(spec, { ...params, extra: 10 })).toBe(13);
    expect(shaped).toBe(2);
    expect(runsOf(engine, 'shaped_marker')).toBe(1);
  });

  test('runs one task at a time: no two queries overlap', async () => {
    const { engine, c, params } = await setup();
    engine.peak = 0;
    const specs = Array.from({ length: 6 }, (_, i) => countSpec(`overlap-${i}`, `m_${i}`));
    const results = await Promise.all(specs.map((s) => c.run(s, params)));
    expect(results).toEqual([3, 3, 3, 3, 3, 3]);
    expect(runsOf(engine, 'm_')).toBe(6);
    expect(engine.peak).toBe(1);
  });

  test('a request aborted before its turn is skipped: StaleRequest, and its query never runs', async () => {
    const { engine, c, params } = await setup();
    const ahead = c.run(countSpec('ahead', 'ahead_marker'), params);
    const controller = new AbortController();
    const stale = c.run(countSpec('stale', 'stale_marker'), params, controller.signal);
    controller.abort();
    await expect(stale).rejects.toBeInstanceOf(StaleRequest);
    expect(await ahead).toBe(3);
    expect(runsOf(engine, 'stale_marker')).toBe(0);
    // The queue goes on after a skipped request.
    expect(await c.run(countSpec('after', 'after_marker'), params)).toBe(3);
  });

  test('a failed query is not cached: asking again runs it again', async () => {
    const { engine, c, params } = await setup();
    engine.failNext = 'fail_marker';
    const spec = countSpec('fails-once', 'fail_marker');
    await expect(c.run(spec, params)).rejects.toThrow('engine failure');
    expect(await c.run(spec, params)).toBe(3);
    expect(runsOf(engine, 'fail_marker')).toBe(2);
  });

  test('a new dataset clears the cache: the same spec and parameters give the new data\'s result', async () => {
    const { engine, c, params } = await setup();
    const spec = countSpec('reload', 'reload_marker');
    expect(await c.run(spec, params)).toBe(3);
    await c.load([csv('u.csv', [HEADER, ...ROWS, 'D,04/01/2024,,,In progress,Z'].join('\n'))], defaultSettings());
    expect(await c.run(spec, params)).toBe(4);
    expect(runsOf(engine, 'reload_marker')).toBe(2);
  });

  test('the query cache is bounded: the least recently used rows go first', async () => {
    const { engine, c, params } = await setup();
    const spec = (i: number) => countSpec(`lru-${i}`, `lru_${i}_marker`);
    // More queries than the cache holds, with one asked again every so often so it stays recent.
    const N = 401;
    for (let i = 0; i < N; i++) {
      await c.run(spec(i), params);
      if (i % 50 === 0) await c.run(countSpec(`lru-first-${i}`, 'lru_first_marker'), params);
    }
    expect(runsOf(engine, 'lru_first_marker')).toBe(1);
    // The first query asked once only has been dropped: asking again runs it.
    await c.run(countSpec('lru-0-again', 'lru_0_marker'), params);
    expect(runsOf(engine, 'lru_0_marker')).toBe(2);
    // The most recent one is still cached.
    await c.run(countSpec('lru-last-again', `lru_${N - 1}_marker`), params);
    expect(runsOf(engine, `lru_${N - 1}_marker`)).toBe(1);
  });

  test('prefetched results are cached: the view that asks later runs no query', async () => {
    const { engine, c, params } = await setup();
    await c.prefetch([ask(countSpec('pre-a', 'pre_a_marker'), params), ask(countSpec('pre-b', 'pre_b_marker'), params)]);
    expect([runsOf(engine, 'pre_a_marker'), runsOf(engine, 'pre_b_marker')]).toEqual([1, 1]);
    expect(await c.run(countSpec('pre-b', 'pre_b_marker'), params)).toBe(3);
    expect(runsOf(engine, 'pre_b_marker')).toBe(1);
  });

  test('a view\'s request goes before the prefetches still waiting, and a new list replaces the old one', async () => {
    const { engine, c, params } = await setup();
    engine.queries.length = 0;
    const done = c.prefetch(Array.from({ length: 5 }, (_, i) => ask(countSpec(`ahead-${i}`, `ahead_${i}_marker`), params)));
    const mine = c.run(countSpec('mine', 'mine_marker'), params);
    expect(await mine).toBe(3);
    // At most the one prefetch already running went first.
    const order = engine.queries.map((q) => /(ahead_\d|mine)_marker/.exec(q)?.[1]).filter(Boolean);
    expect(order.indexOf('mine')).toBeLessThanOrEqual(1);
    const replaced = c.prefetch([ask(countSpec('other', 'other_marker'), params)]);
    await Promise.all([done, replaced]);
    expect(runsOf(engine, 'other_marker')).toBe(1);
    expect(runsOf(engine, 'ahead_4_marker')).toBe(0);
    expect(engine.peak).toBe(1);
  });

  test('a cached answer is given at once, not after the task the connection is busy with', async () => {
    const { engine, c, params } = await setup();
    const ready = countSpec('ready', 'ready_marker');
    expect(await c.run(ready, params)).toBe(3);
    let release!: () => void;
    engine.hold = { marker: 'slow_marker', until: new Promise<void>((r) => (release = r)) };
    const slow = c.prefetch([ask(countSpec('slow', 'slow_marker'), params)]);
    await vi.waitFor(() => expect(runsOf(engine, 'slow_marker')).toBe(1));
    // A cached answer settles in the same turn of the event loop; one that queued behind the held query never would.
    const later = new Promise((r) => setTimeout(() => r('waited for the connection'), 0));
    expect(await Promise.race([c.run(ready, params), later])).toBe(3);
    // Something not cached still waits its turn.
    const fresh = c.run(countSpec('fresh', 'fresh_marker'), params);
    expect(await Promise.race([fresh, later.then(() => 'waiting')])).toBe('waiting');
    release();
    await slow;
    expect(await fresh).toBe(3);
    expect([runsOf(engine, 'ready_marker'), engine.peak]).toEqual([1, 1]);
  });

  test('a result whose queries are all cached is shaped at once, not after the task the connection is busy with', async () => {
    const { engine, c, params } = await setup();
    // The same query under any label; only the shaping reads the label (as a campaign's spend is).
    let shaped = 0;
    const labelled: MetricSpec<MetricParams & { label: string }, string> = {
      name: 'labelled', what: 'a labelled count',
      sql: () => ({ n: 'SELECT count(*)::INTEGER AS labelled_marker FROM journeys' }),
      shape: (rows, { label }) => (shaped++, `${label}: ${rows.n[0].labelled_marker}`),
    };
    expect(await c.run(labelled, { ...params, label: 'a' })).toBe('a: 3');
    const release = holdQueries(engine, 'slow_marker');
    const slow = c.prefetch([ask(countSpec('slow', 'slow_marker'), params)]);
    await vi.waitFor(() => expect(runsOf(engine, 'slow_marker')).toBe(1));
    const later = new Promise((r) => setTimeout(() => r('waited for the connection'), 0));
    expect(await Promise.race([c.run(labelled, { ...params, label: 'b' }), later])).toBe('b: 3');
    expect([runsOf(engine, 'labelled_marker'), shaped]).toEqual([0, 2]);
    // One that needs a query not cached still waits its turn, and is worked out then.
    const other = { ...labelled, sql: () => ({ n: 'SELECT count(*)::INTEGER AS labelled_marker FROM journeys WHERE id IS NOT NULL' }) };
    const fresh = c.run(other, { ...params, label: 'c' });
    expect(await Promise.race([fresh, later.then(() => 'waiting')])).toBe('waiting');
    release();
    await slow;
    expect(await fresh).toBe('c: 3');
    expect(engine.peak).toBe(1);
    // Nothing is answered from the queries of data about to be replaced.
    const loading = c.load([csv('t2.csv', [HEADER, ...ROWS, 'D,04/01/2024,,,In progress,Y'].join('\n'))], defaultSettings());
    expect(await c.run(labelled, { ...params, label: 'd' })).toBe('d: 4');
    await loading;
  });

  test('while a load is waiting its turn, nothing is answered from the cache of the data it will replace', async () => {
    const { c, params } = await setup();
    const spec = countSpec('replaced', 'replaced_marker');
    expect(await c.run(spec, params)).toBe(3);
    const loading = c.load([csv('t2.csv', [HEADER, ...ROWS, 'D,04/01/2024,,,In progress,Y'].join('\n'))], defaultSettings());
    expect(await c.run(spec, params)).toBe(4);
    await loading;
    expect(await c.run(spec, params)).toBe(4);
  });

  test('a prefetch of many queries gives way between them to a request waiting, then goes on from where it was', async () => {
    const { engine, c, params } = await setup();
    const three: MetricSpec<MetricParams, number> = {
      name: 'three', what: 'three counts',
      sql: () => Object.fromEntries([1, 2, 3].map((i) => [`q${i}`, `SELECT count(*)::INTEGER AS part_${i}_marker FROM journeys`])),
      shape: (rows) => [1, 2, 3].reduce((a, i) => a + (rows[`q${i}`][0][`part_${i}_marker`] as number), 0),
    };
    const release = holdQueries(engine, 'part_1_marker');
    const ahead = c.prefetch([ask(three, params)]);
    await vi.waitFor(() => expect(runsOf(engine, 'part_1_marker')).toBe(1));
    const mine = c.run(countSpec('waiting', 'waiting_marker'), params);
    release();
    expect(await mine).toBe(3);
    await ahead;
    // The view's query went after the prefetch's first query, before its second; each ran once.
    expect(markersRun(engine, ['part_\\d', 'waiting'])).toEqual(['part_1', 'waiting', 'part_2', 'part_3']);
    await expectCachedAfter(engine, c, three, params, 9);
  });

  test('a request stops the query of the prefetch running, on an engine that can, and the prefetch is worked out again after', async () => {
    const { engine, c, params } = await setup();
    engine.stoppable = true;
    const release = holdQueries(engine, 'stopped_marker');
    const ahead = c.prefetch([ask(countSpec('stopped', 'stopped_marker'), params)]);
    await vi.waitFor(() => expect(runsOf(engine, 'stopped_marker')).toBe(1));
    // Answered while the prefetch's query is still held: it was stopped, not waited for.
    expect(await c.run(countSpec('waiting', 'waiting_marker'), params)).toBe(3);
    release();
    await ahead;
    expect(markersRun(engine, ['stopped', 'waiting'])).toEqual(['stopped', 'waiting', 'stopped']);
    await expectCachedAfter(engine, c, countSpec('stopped', 'stopped_marker'), params, 3);
  });

  test('a prefetch whose result a view is waiting for is not stopped by the next request', async () => {
    const { engine, c, params } = await setup();
    engine.stoppable = true;
    const release = holdQueries(engine, 'wanted_marker');
    const spec = countSpec('wanted', 'wanted_marker');
    const ahead = c.prefetch([ask(spec, params)]);
    await vi.waitFor(() => expect(runsOf(engine, 'wanted_marker')).toBe(1));
    const wanted = c.run(spec, params);
    const next = c.run(countSpec('next', 'next_marker'), params);
    release();
    expect(await Promise.all([wanted, next])).toEqual([3, 3]);
    await ahead;
    expect(runsOf(engine, 'wanted_marker')).toBe(1);
    expect(markersRun(engine, ['wanted', 'next'])).toEqual(['wanted', 'next']);
  });

  test('a campaign filter scans journeys until the summaries are written, then reads them; both give the same funnel', async () => {
    const { engine, c, params } = await setup();
    engine.queries.length = 0;
    const scanned = await c.run(funnelMetric, { ...params, filters: { campaigns: ['X'] } });
    expect(engine.queries.some((q) => q.includes('cube_'))).toBe(false);
    await c.prefetch([ask(cubesMetric, params)]);
    engine.queries.length = 0;
    const fromCubes = await c.run(funnelMetric, { ...params, filters: { campaigns: ['X', 'Y'] } });
    expect(engine.queries.length).toBeGreaterThan(0);
    expect(engine.queries.every((q) => q.includes('cube_'))).toBe(true);
    expect(fromCubes.total).toBe(3);
    expect(scanned.total).toBe(2);
    // After a new load the summaries are the old data's: filters scan again until they are written anew.
    await c.load([csv('t2.csv', [HEADER, ...ROWS].join('\n'))], defaultSettings());
    engine.queries.length = 0;
    await c.run(funnelMetric, { ...params, filters: { campaigns: ['Y'] } });
    expect(engine.queries.some((q) => q.includes('cube_'))).toBe(false);
  });

  test('given summaries, a load writes them as its last step, and new stage settings with their journeys: the first filter reads them at once; written in vain, the filter scans', async () => {
    const summaries = { label: 'Summarising', requests: (settings: MetricParams['settings']) => [ask(cubesMetric, { settings })] };
    const file = csv('t.csv', [HEADER, ...ROWS].join('\n'));
    const params = { settings: defaultSettings() };
    const engine = counting(await testEngine());
    const c = new Coordinator(engine, () => {}, summaries);
    const steps: string[] = [];
    await c.load([file], defaultSettings(), undefined, (step) => steps.push(step.label));
    expect(steps.at(-1)).toBe('Summarising');
    engine.queries.length = 0;
    const read = await c.run(funnelMetric, { ...params, filters: { campaigns: ['X'] } });
    expect(engine.queries.length).toBeGreaterThan(0);
    expect(engine.queries.every((q) => q.includes('cube_'))).toBe(true);
    expect(read.total).toBe(2);

    // New stage settings rebuild journeys, and its summaries with it, before the first answer from it, told on the status line.
    const said: (string | null)[] = [];
    const e = counting(await testEngine());
    const f = new Coordinator(e, (label) => said.push(label), summaries);
    await f.load([file], defaultSettings());
    const hidden = { ...defaultSettings(), stages: defaultSettings().stages.map((st) => ({ ...st, hidden: st.id === 'stage2' })) };
    e.queries.length = 0;
    const rebuilt = await f.run(funnelMetric, { settings: hidden, filters: { campaigns: ['X'] } });
    expect(e.queries.length).toBeGreaterThan(0);
    // Besides the catalog lookups of the rebuild, the funnel's queries read the summaries only.
    const answering = e.queries.filter((q) => !q.includes('duckdb_'));
    expect(answering.length).toBeGreaterThan(0);
    expect(answering.every((q) => q.includes('cube_'))).toBe(true);
    expect(rebuilt.total).toBe(2);
    expect(rebuilt.steps.map((st) => st.id)).not.toContain('stage2');
    expect(said).toContain('Summarising');
    expect(said.at(-1)).toBeNull();

    // A summary that can't be written (memory running out, say) loses nothing: the load stands and filters scan.
    const inner = await testEngine();
    const failing = counting({ ...inner, exec: (text) => (text.includes('cube_') ? Promise.reject(new Error('Out of Memory Error')) : inner.exec(text)) });
    const d = new Coordinator(failing, () => {}, summaries);
    await d.load([file], defaultSettings());
    failing.queries.length = 0;
    const scanned = await d.run(funnelMetric, { ...params, filters: { campaigns: ['X'] } });
    expect(failing.queries.some((q) => q.includes('cube_'))).toBe(false);
    expect(scanned).toEqual(read);
  });

  test('summaries asked for none for this dataset (small data) are left to the prefetch: no step told, filters scan until then', async () => {
    const asked: number[] = [];
    const summaries = { label: 'Summarising', requests: (_settings: MetricParams['settings'], ds: { model: { quality: { enquiries: number } } }) => (asked.push(ds.model.quality.enquiries), []) };
    const engine = counting(await testEngine());
    const c = new Coordinator(engine, () => {}, summaries);
    const steps: string[] = [];
    await c.load([csv('t.csv', [HEADER, ...ROWS].join('\n'))], defaultSettings(), undefined, (step) => steps.push(step.label));
    expect(asked).toEqual([3]);
    expect(steps).not.toContain('Summarising');
    engine.queries.length = 0;
    await c.run(funnelMetric, { settings: defaultSettings(), filters: { campaigns: ['X'] } });
    expect(engine.queries.some((q) => q.includes('cube_'))).toBe(false);
  });

  test('a prefetch that fails is not cached and does not stop the rest', async () => {
    const { engine, c, params } = await setup();
    engine.failNext = 'pre_fail_marker';
    await c.prefetch([ask(countSpec('pre-fail', 'pre_fail_marker'), params), ask(countSpec('pre-ok', 'pre_ok_marker'), params)]);
    expect(runsOf(engine, 'pre_ok_marker')).toBe(1);
    expect(await c.run(countSpec('pre-fail', 'pre_fail_marker'), params)).toBe(3);
    expect(runsOf(engine, 'pre_fail_marker')).toBe(2);
  });

  test('a load is compacted once the connection has been quiet a moment, not while asked; cached answers stay', async () => {
    const inner = counting(await testEngine());
    const execs: string[] = [];
    const engine: Engine = { ...inner, exec: (text) => (execs.push(text), inner.exec(text)) };
    const said: (string | null)[] = [];
    const c = new Coordinator(engine, (label) => said.push(label));
    const params = { settings: defaultSettings() };
    await c.load([csv('t.csv', [HEADER, ...ROWS].join('\n'))], defaultSettings());
    const spec = countSpec('compact', 'compact_marker');
    expect(await c.run(spec, params)).toBe(3);
    const checkpoints = () => execs.filter((t) => /\bCHECKPOINT\b/.test(t)).length;
    expect(checkpoints()).toBe(0);
    await vi.waitFor(() => expect(checkpoints()).toBe(1), { timeout: 15_000, interval: 50 });
    // A view waiting meanwhile is told why, and the word is taken back after.
    await vi.waitFor(() => expect(said).toEqual([COMPACTING, null]), { timeout: 5_000, interval: 20 });
    expect(await c.run(spec, params)).toBe(3);
    expect(runsOf(inner, 'compact_marker')).toBe(1);
  });

  test('asking with no data loaded fails in plain words', async () => {
    const c = new Coordinator(counting(await testEngine()));
    await expect(c.run(countSpec('none'), { settings: defaultSettings() })).rejects.toThrow('No data loaded');
  });
});
