import { describe, expect, test } from 'vitest';
import { proposeSampledValues } from '../../../src/lib/ingest/propose';
import type { FileMapping } from '../../../src/lib/ingest/mapping';

const roles: FileMapping = { kind: 'wide', roles: { stageDates: {}, status: 'Current Status', currentStage: 'Stage' } as FileMapping['roles'], statusValues: {}, stageLabels: {} };

describe('proposeSampledValues', () => {
  test('gives each sampled value its meaning; a remembered meaning wins', async () => {
    const sample = new Map([['Current Status', new Map([['Approved', 3], ['NFA', 2], ['Awaiting panel', 1]])], ['Stage', new Map([['Stage 2', 4], ['Withdrawn', 1]])]]);
    const remembered: FileMapping = { ...roles, statusValues: { 'Awaiting panel': 'left' } };
    const m = await proposeSampledValues(roles, sample, remembered);
    expect(m.statusValues).toEqual({ Approved: 'approved', NFA: 'left', 'Awaiting panel': 'left' });
    expect(m.stageLabels).toEqual({ 'Stage 2': 'stage2', Withdrawn: 'exit' });
  });

  test('only the 200 most common values of a column get a meaning, as from a count of the whole file', async () => {
    const sample = new Map([['Current Status', new Map(Array.from({ length: 500 }, (_, i) => [`Note ${i}`, i % 7 === 0 ? 5 : 1] as [string, number]))]]);
    const m = await proposeSampledValues(roles, sample);
    const kept = Object.keys(m.statusValues);
    expect(kept).toHaveLength(200);
    // The 72 values seen five times are all kept; the rest are the first of those seen once, in order.
    expect(kept.filter((v) => Number(v.slice(5)) % 7 === 0)).toHaveLength(72);
  });
});
