import { describe, expect, test } from 'vitest';
import { dropoffFigures, dropoffHeadlineMetric } from '../../../src/lib/funnel/dropoffHeadline';
import { funnelMetric } from '../../../src/lib/funnel/funnel';
import { runSpec } from '../../helpers/metric';
import { setup, wide } from './fixtures';
import { CURRENT, EXIT_ROWS, PREVIOUS } from './exitRows';

const AS_OF = '2024-04-30';

describe('dropoffHeadlineMetric', () => {
  test('who left, the share who left at the biggest-loss stage and who is still open, with the two periods', async () => {
    const { engine, settings } = await setup(wide(EXIT_ROWS));
    const h = await runSpec(engine, dropoffHeadlineMetric, { settings }, { asOf: AS_OF });
    expect(h.windows).toMatchObject({ current: CURRENT, previous: PREVIOUS, previousIncomplete: false });
    // Left: A1, A2, A3, A6, A7; open: A4, A8, A9. Four left at enquiry (A4 still open there), one at the visit.
    expect(h.now).toEqual({ total: 9, left: 5, open: 3, stage: { id: 'enquiry', name: 'Enquiry', nextId: 'initial_visit', next: 'Initial visit', reached: 9, left: 4, open: 1 } });
    expect(h.overall).toBeNull();
    expect(h.periods!.map((c) => [c.left, c.leftAtStage, c.movedOnFromStage, c.openAtEnd])).toEqual([[2, 2, 2, 3], [2, 1, 2, 2]]);
    // Open on the as-of date, as a period count, is the cohort's open count when no date filter is set.
    expect(h.periods![0].openAtEnd).toBe(h.now.open);
  });

  test('under a filter, the service overall at the same stage; the periods take every filter but the dates', async () => {
    const { engine, settings } = await setup(wide(EXIT_ROWS));
    const h = await runSpec(engine, dropoffHeadlineMetric, { settings, filters: { campaigns: ['Radio'] } }, { asOf: AS_OF });
    // Radio: A3 left at the visit, A5 approved, A6 left at enquiry, A8 open. A tie: the earlier stage is named, as on the Overview.
    expect(h.now).toEqual({ total: 4, left: 2, open: 1, stage: { id: 'enquiry', name: 'Enquiry', nextId: 'initial_visit', next: 'Initial visit', reached: 4, left: 1, open: 0 } });
    expect(h.overall).toEqual({ total: 9, left: 5, open: 3, stage: { id: 'enquiry', name: 'Enquiry', nextId: 'initial_visit', next: 'Initial visit', reached: 9, left: 4, open: 1 } });
    expect(h.periods!.map((c) => [c.left, c.leftAtStage, c.movedOnFromStage, c.openAtEnd])).toEqual([[1, 1, 1, 1], [1, 0, 2, 1]]);
  });

  test('no earlier period of the same length in the data: no periods; nobody left: no stage', async () => {
    const { engine, settings } = await setup(wide(EXIT_ROWS));
    const year = await runSpec(engine, dropoffHeadlineMetric, { settings, filters: { from: '2023-04-01', to: '2024-03-31' } }, { asOf: AS_OF });
    expect(year.windows).toMatchObject({ previousIncomplete: true });
    expect(year.periods).toBeNull();
    const late = await runSpec(engine, dropoffHeadlineMetric, { settings, filters: { from: '2023-08-01' } }, { asOf: AS_OF });
    expect(late.now).toEqual({ total: 2, left: 0, open: 2, stage: null });
    expect(late.overall?.stage).toBeNull();
    expect(late.periods![0]).toMatchObject({ leftAtStage: 0, movedOnFromStage: 0 });
  });

  test('dropoffFigures reads the stage from the funnel, never the last stage', async () => {
    const { engine, settings } = await setup(wide(EXIT_ROWS));
    const f = await runSpec(engine, funnelMetric, { settings });
    // Reached the visit: A3, A5, A8, A9 (A9 by its application, the visit skipped).
    expect(dropoffFigures(f, 1).stage).toMatchObject({ id: 'initial_visit', next: 'Application', reached: 4, left: 1, open: 1 });
    expect(dropoffFigures(f, f.steps.length - 1).stage).toBeNull();
    expect(dropoffFigures(f, -1).stage).toBeNull();
  });
});
