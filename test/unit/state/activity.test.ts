import { describe, expect, it, vi } from 'vitest';
import { Activity } from '../../../src/lib/state/activity.svelte';
import { IngestError } from '../../../src/lib/ingest/errors';

/** Lets pending timers and microtasks run (track releases its count on a zero-delay timer). */
const drain = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('Activity', () => {
  it('starts busy with the engine starting', () => {
    const a = new Activity();
    expect(a.busy).toBe('Starting the analysis engine…');
    expect(a.error).toBeNull();
  });

  it('turns every error set on it into plain words', () => {
    const a = new Activity();
    a.error = "Couldn't compute the overview: Binder Error: Referenced column \"x\" not found in FROM clause";
    expect(a.error).not.toMatch(/Binder|FROM/);
    expect(a.error).toMatch(/^Couldn't compute the overview\. /);
    a.error = 'A plain message.';
    expect(a.error).toBe('A plain message.');
    a.error = null;
    expect(a.error).toBeNull();
  });

  it('counts tracked queries until each has landed', async () => {
    const a = new Activity();
    let finish!: (v: number) => void;
    const slow = a.track(new Promise<number>((resolve) => (finish = resolve)));
    const quick = a.track(Promise.resolve(7));
    expect(a.pending).toBe(2);
    expect(await quick).toBe(7);
    await drain();
    expect(a.pending).toBe(1);
    finish(3);
    expect(await slow).toBe(3);
    await drain();
    expect(a.pending).toBe(0);
  });

  it('holds each result until every request in flight has landed, then applies them together', async () => {
    const a = new Activity();
    const applied: string[] = [];
    let finish!: (v: string) => void;
    a.track(new Promise<string>((resolve) => (finish = resolve))).then((v) => a.deliver(() => applied.push(v)));
    a.track(Promise.resolve('quick')).then((v) => a.deliver(() => applied.push(v)));
    await drain();
    expect(applied).toEqual([]); // the quick one waits for the slow one
    finish('slow');
    await drain();
    expect(applied).toEqual(['quick', 'slow']);
    // With nothing in flight, a delivery applies at once (after the current task).
    a.deliver(() => applied.push('late'));
    await drain();
    expect(applied).toEqual(['quick', 'slow', 'late']);
  });

  it('releases a tracked query that failed, and passes its failure on', async () => {
    const a = new Activity();
    await expect(a.track(Promise.reject(new Error('no')))).rejects.toThrow('no');
    await drain();
    expect(a.pending).toBe(0);
  });

  it('holds "pending" while views settle after a change', async () => {
    const a = new Activity();
    a.settle();
    expect(a.pending).toBe(1);
    await drain();
    expect(a.pending).toBe(0);
  });

  it('numbers notices, keeps quiet ones quiet, and clears them on a failed run', async () => {
    const a = new Activity();
    a.notify('one');
    a.notify('two', true);
    expect(a.notices).toEqual([{ id: 1, text: 'one', quiet: false }, { id: 2, text: 'two', quiet: true }]);
    const problems = [{ file: 'a.csv', index: 0, text: 'Not an export.' }];
    await a.run('Reading…', async () => {
      throw new IngestError('a.csv is not an export.', problems);
    });
    expect(a.notices).toEqual([]);
    expect(a.error).toBe('a.csv is not an export.');
    expect(a.problems).toEqual(problems);
    expect(a.busy).toBeNull();
    a.notify('three');
    expect(a.notices[0].id).toBe(3);
    a.dismissError();
    expect([a.error, a.problems]).toEqual([null, []]);
  });

  it('shows a run as busy, and an engine failure only in plain words', async () => {
    const a = new Activity();
    a.error = 'old failure';
    const seen: (string | null)[] = [];
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    await a.run('Loading the sample data…', async () => {
      seen.push(a.busy, a.error);
      throw new Error('Out of Memory Error: could not allocate block of size 256 KiB');
    });
    quiet.mockRestore();
    expect(seen).toEqual(['Loading the sample data…', null]);
    expect(a.error).toMatch(/^The browser tab ran out of memory\./);
    expect([a.busy, a.busyPercent, a.busyBytes]).toEqual([null, null, null]);
  });

  it('reports progress that only grows within a step, and starts again at a new step', () => {
    const a = new Activity();
    a.progress(40);
    a.progress(10);
    expect(a.busyPercent).toBe(40);
    a.step({ label: 'Reading "a.csv"', bytes: 1000 });
    expect([a.busy, a.busyPercent, a.busyBytes]).toEqual(['Reading "a.csv"…', null, 1000]);
    a.busy = null;
    a.progress(50);
    expect(a.busyPercent).toBeNull(); // nothing under way: nothing to report
    a.working('Working out the journeys');
    expect(a.calculating).toBe('Working out the journeys…');
    a.progress(20);
    expect(a.busyPercent).toBe(20);
    a.working(null);
    expect([a.calculating, a.busyPercent]).toEqual([null, null]);
  });
});
