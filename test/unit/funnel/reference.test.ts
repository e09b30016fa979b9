import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { csv, load, testEngine } from '../../helpers/engine';
import { ensureJourneys, loadDataset } from '../../../src/lib/coordinator/tables';
import { funnelMetric, type Funnel } from '../../../src/lib/funnel/funnel';
import { channelsMetric } from '../../../src/lib/funnel/campaigns';
import { periodCountsMetric } from '../../../src/lib/funnel/cohorts';
import { referenceChannels, referencePeriodCounts, refFinancialYear } from '../../reference/families';
import type { Filters } from '../../../src/lib/funnel/filters';
import { defaultSettings, type FunnelSettings, type StageSetting } from '../../../src/lib/funnel/settings';
import { runSpec } from '../../helpers/metric';
import {
  CURRENT_STAGE_LABEL, REF_STAGES, STATUS_MEANING, referenceFunnel, toCsv,
  type RawRecord, type RefFilter, type RefFunnel, type RefStageId,
} from '../../reference/funnel';

type LaterStage = Exclude<RefStageId, 'enquiry'>;
const LATER: LaterStage[] = ['initial_visit', 'application', 'stage1', 'stage2', 'panel', 'approved'];

/** Rounds every number so SQL doubles and JS doubles compare equal. */
function norm(x: unknown): unknown {
  if (typeof x === 'number') return Math.round(x * 1e9) / 1e9;
  if (Array.isArray(x)) return x.map(norm);
  if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, norm(v)]));
  return x;
}

function expectInvariant(f: Funnel | RefFunnel) {
  const s = f.steps;
  for (let i = 0; i < s.length - 1; i++) expect(s[i].reached).toBe(s[i + 1].reached + s[i].left + s[i].open);
  const last = s[s.length - 1];
  expect(last.reached).toBe(f.approved);
  expect(last.left).toBe(0);
  expect(last.open).toBe(0);
  expect(f.total).toBe(f.approved + f.left + f.open);
  expect(s[0].reached).toBe(f.total);
}

/** Loads the records through the real ingest, then checks SQL == reference for each settings/filter pair. */
async function sqlAndReference(rows: RawRecord[], runs: { settings: FunnelSettings; filters?: Filters }[]) {
  const e = await testEngine();
  // Stored with the first run's journey columns, as the app does: that run reads them
  // through a view, later runs with other settings build a table without them.
  const ds = await loadDataset(e, [csv('ref.csv', toCsv(rows))], undefined, undefined, undefined, runs[0].settings);
  // Guard: the test is only meaningful if the ingest read the columns as intended.
  const m = ds.mappings[0];
  expect(m.kind).toBe('wide');
  expect(m.roles.id).toBe('Ref');
  expect(m.roles.status).toBe('Status');
  expect(m.roles.exitDate).toBe('Exit Date');
  expect(Object.keys(m.roles.stageDates).sort()).toEqual([...LATER].sort());
  if (rows.some((r) => r.currentStage)) expect(m.roles.currentStage).toBe('Current Stage');
  for (const [value, meaning] of Object.entries(m.statusValues)) expect(meaning).toBe(STATUS_MEANING[value]);
  for (const [label, stage] of Object.entries(m.stageLabels)) expect(stage).toBe(CURRENT_STAGE_LABEL[label]);

  const out: { sql: Funnel; ref: RefFunnel }[] = [];
  for (const { settings, filters } of runs) {
    await ensureJourneys(e, ds, settings, () => {});
    const sql = await runSpec(e, funnelMetric, { settings: settings, filters: filters });
    const ref = referenceFunnel(rows, settings.stages, (filters ?? {}) as RefFilter);
    expect(norm(sql)).toEqual(norm(ref));
    expectInvariant(sql);
    expectInvariant(ref);
    out.push({ sql, ref });
  }
  return out;
}

const rec = (id: string, enquiry: string, dates: RawRecord['dates'] = {}, status = '', extra: Partial<RawRecord> = {}): RawRecord => ({
  id, enquiry, dates, status, exitDate: null, currentStage: '', campaign: '', ...extra,
});

const pick = (f: Funnel) => f.steps.map((s) => [s.id, s.reached, s.left, s.open]);

function hide(ids: string[]): FunnelSettings {
  const s = defaultSettings();
  s.stages = s.stages.map((x) => (ids.includes(x.id) ? { ...x, hidden: true } : x));
  return s;
}

describe('SQL funnel agrees with the reference: hand-made cases', () => {
  test('the basic mix of approved, left, open, skipped', async () => {
    const rows = [
      rec('A', '2024-01-01', { initial_visit: '2024-01-10', application: '2024-02-01', stage1: '2024-03-01', stage2: '2024-04-01', panel: '2024-05-01', approved: '2024-05-10' }, 'Approved'),
      rec('B', '2024-01-01', {}, 'NFA'),
      rec('C', '2024-01-01', { initial_visit: '2024-01-15' }, 'In progress'),
      rec('D', '2024-01-01', { application: '2024-02-05' }, 'Withdrawn'),
      rec('E', '2024-01-01', { initial_visit: '2024-01-20' }, 'On Hold'),
      rec('F', '2024-01-01', { initial_visit: '2024-01-20' }, 'Closed - Not Proceeding'),
    ];
    const [{ sql }] = await sqlAndReference(rows, [{ settings: defaultSettings() }]);
    expect(pick(sql)).toEqual([
      ['enquiry', 6, 1, 0], ['initial_visit', 5, 1, 2], ['application', 2, 1, 0],
      ['stage1', 1, 0, 0], ['stage2', 1, 0, 0], ['panel', 1, 0, 0], ['approved', 1, 0, 0],
    ]);
    expect(sql.steps[1].skipped).toBe(1);
    expect(sql.steps[1].days).toEqual({ q1: 12.75, median: 16.5, q3: 19, n: 4 });
  });

  test('duplicates: earliest date per stage, latest row status, later row wins a tie', async () => {
    const rows = [
      rec('A', '2024-01-01', { initial_visit: '2024-01-10' }, 'In progress'),
      rec('B', '2024-02-01', { initial_visit: '2024-02-10' }, 'Withdrawn'),
      rec('A', '2024-01-05', { initial_visit: '2024-01-20', application: '2024-03-01' }, 'Withdrawn'),
      rec('B', '2024-02-01', { initial_visit: '2024-02-10' }, 'On Hold'), // same latest date: the later row wins
      rec('C', '2024-01-01', { initial_visit: '2024-01-10', application: '2024-06-01' }, 'Withdrawn'),
      rec('C', '2024-01-01', { initial_visit: '2024-01-12' }, 'In progress'), // older row: status ignored
    ];
    const [{ sql }] = await sqlAndReference(rows, [{ settings: defaultSettings() }]);
    expect(sql.total).toBe(3);
    expect(pick(sql).slice(0, 3)).toEqual([['enquiry', 3, 0, 0], ['initial_visit', 3, 0, 1], ['application', 2, 2, 0]]);
    expect(sql.steps[1].days!.n).toBe(3);
    expect(sql.steps[1].days!.median).toBe(9); // 01/01 -> 10/01, 01/02 -> 10/02, 01/01 -> 10/01
  });

  test('exit date alone means left; status Approved alone means approved; current stage is evidence', async () => {
    const rows = [
      rec('A', '2024-01-01', { initial_visit: '2024-01-10' }, 'In progress', { exitDate: '2024-02-01' }),
      rec('B', '2024-01-01', { initial_visit: '2024-01-10' }, '', { exitDate: '2024-02-01' }),
      rec('C', '2024-01-01', {}, 'Approved'),
      rec('D', '2024-01-01', { application: '2024-02-01' }, 'On Hold', { currentStage: 'Stage 2' }),
      rec('E', '2024-01-01', {}, 'Withdrawn', { currentStage: 'Panel' }),
    ];
    const [{ sql }] = await sqlAndReference(rows, [{ settings: defaultSettings() }]);
    expect(pick(sql)).toEqual([
      ['enquiry', 5, 0, 0], ['initial_visit', 5, 2, 0], ['application', 3, 0, 0],
      ['stage1', 3, 0, 0], ['stage2', 3, 0, 1], ['panel', 2, 1, 0], ['approved', 1, 0, 0],
    ]);
    expect(sql.steps[1].skipped).toBe(1); // D: visit undated, application dated
    expect(sql.steps[3].skipped).toBe(0); // D's stage 2 is a label, not a date
    expect(sql.daysToFinal.n).toBe(0); // C has no approval date
  });

  test('overlapping stage 1 and stage 2: backwards counted, not timed', async () => {
    const rows = [
      rec('A', '2024-01-01', { application: '2024-02-01', stage1: '2024-05-01', stage2: '2024-04-01' }, 'In progress'),
      rec('B', '2024-01-01', { application: '2024-02-01', stage1: '2024-03-01', stage2: '2024-03-11' }, 'In progress'),
      rec('C', '2024-01-01', { initial_visit: '2023-12-25' }, 'In progress'), // visit before enquiry
    ];
    const [{ sql }] = await sqlAndReference(rows, [{ settings: defaultSettings() }]);
    expect(sql.steps[4].backwards).toBe(1);
    expect(sql.steps[4].days).toEqual({ q1: 10, median: 10, q3: 10, n: 1 });
    expect(sql.steps[1].backwards).toBe(1);
    expect(sql.steps[1].days!.n).toBe(0);
    expect(sql.steps[1].skipped).toBe(2);
  });

  test('custom stage lists: hidden, dropped and reordered stages', async () => {
    const rows = [
      rec('A', '2024-01-01', { initial_visit: '2024-01-10', stage1: '2024-03-01' }, 'Withdrawn'),
      rec('B', '2024-01-01', { stage2: '2024-04-01' }, 'In progress'),
      rec('C', '2024-01-01', { panel: '2024-06-01', approved: '2024-06-10' }, ''),
      rec('D', '2024-01-01', {}, 'In progress', { currentStage: 'Stage 1' }),
    ];
    const hidden = hide(['stage1', 'stage2']);
    const dropped = defaultSettings();
    dropped.stages = dropped.stages.filter((x) => x.id !== 'initial_visit');
    const reordered = defaultSettings();
    const i1 = reordered.stages.findIndex((x) => x.id === 'stage1');
    [reordered.stages[i1], reordered.stages[i1 + 1]] = [reordered.stages[i1 + 1], reordered.stages[i1]];
    const approvedHidden = hide(['approved']);
    const out = await sqlAndReference(rows, [
      { settings: hidden }, { settings: dropped }, { settings: reordered }, { settings: approvedHidden },
    ]);
    expect(pick(out[0].sql)).toEqual([
      ['enquiry', 4, 0, 0], ['initial_visit', 4, 0, 0], ['application', 4, 1, 2], ['panel', 1, 0, 0], ['approved', 1, 0, 0],
    ]);
    expect(out[1].sql.steps.map((x) => x.id)).not.toContain('initial_visit');
    expect(out[2].sql.steps.map((x) => x.id).slice(3, 5)).toEqual(['stage2', 'stage1']);
    // With approval hidden, panel is the final visible stage: reaching it is approval.
    expect(out[3].sql.approved).toBe(1);
  });

  test('filters narrow both sides the same way; an empty result', async () => {
    const rows = [
      rec('A', '2024-01-01', { initial_visit: '2024-01-10' }, 'Withdrawn', { campaign: 'X' }),
      rec('B', '2024-06-01', {}, 'NFA', { campaign: 'Y' }),
      rec('C', '2024-07-01', {}, 'In progress'),
    ];
    const out = await sqlAndReference(rows, [
      { settings: defaultSettings(), filters: { campaigns: ['X'] } },
      { settings: defaultSettings(), filters: { campaigns: ['(blank)'] } },
      { settings: defaultSettings(), filters: { from: '2024-05-01', to: '2024-06-30' } },
      { settings: defaultSettings(), filters: { campaigns: ['nobody'] } },
    ]);
    expect(out.map((o) => o.sql.total)).toEqual([1, 1, 1, 0]);
    expect(out[3].sql.steps[1].conversion!.rate).toBeNull();
  });

  test('one enquiry; all open; nobody approved', async () => {
    await sqlAndReference([rec('A', '2024-01-01', {}, 'In progress')], [{ settings: defaultSettings() }]);
    const [{ sql }] = await sqlAndReference(
      [rec('A', '2024-01-01', {}, 'On Hold'), rec('B', '2024-01-02', { application: '2024-03-01' }, 'In progress')],
      [{ settings: defaultSettings() }],
    );
    expect(sql.left).toBe(0);
    expect(sql.approved).toBe(0);
    expect(sql.steps[3].reached).toBe(0);
    expect(sql.steps[3].conversion).toMatchObject({ rate: 0, n: 1 });
    expect(sql.steps[4].conversion).toMatchObject({ rate: null, n: 0 });
  });
});

// ---------------------------------------------------------------------------
// Property-based: random enquiry histories.

const DAY = 86_400_000;
const iso = (base: string, days: number) => new Date(Date.parse(base + 'T00:00:00Z') + days * DAY).toISOString().slice(0, 10);

const STATUS_WORDS = ['', ...Object.keys(STATUS_MEANING)];
const LABELS = Object.keys(CURRENT_STAGE_LABEL);

/** One enquiry's history: a target stage, some stages dated (some skipped), gaps that may run backwards. */
const recordArb = fc.record({
  enquiry: fc.integer({ min: 0, max: 730 }),
  target: fc.integer({ min: 0, max: 6 }),
  dated: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
  gaps: fc.array(fc.integer({ min: -20, max: 120 }), { minLength: 6, maxLength: 6 }),
  status: fc.constantFrom(...STATUS_WORDS),
  exit: fc.option(fc.integer({ min: 0, max: 800 }), { freq: 4 }),
  currentStage: fc.oneof({ weight: 3, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constantFrom(...LABELS) }),
  campaign: fc.constantFrom('', 'Radio', 'Web'),
});

function fromGen(id: string, g: { enquiry: number; target: number; dated: boolean[]; gaps: number[]; status: string; exit: number | null; currentStage: string; campaign: string }): RawRecord {
  const enquiry = iso('2022-01-01', g.enquiry);
  const dates: RawRecord['dates'] = {};
  let prev = enquiry;
  for (let s = 1; s <= g.target; s++) {
    // The target stage is always dated (otherwise it would not be the target); earlier ones may be skipped.
    if (s === g.target || g.dated[s - 1]) {
      prev = iso(prev, g.gaps[s - 1]);
      dates[LATER[s - 1]] = prev;
    }
  }
  return {
    id, enquiry, dates, status: g.status, exitDate: g.exit === null ? null : iso(enquiry, g.exit),
    currentStage: g.currentStage, campaign: g.campaign,
  };
}

/** A second row for an existing id: shifted or dropped dates, its own status. */
const duplicateArb = fc.record({
  of: fc.nat(),
  at: fc.nat(),
  /** The same dates as the first row, only status / stage / campaign differ: a tie on the latest date. */
  exact: fc.boolean(),
  shift: fc.integer({ min: -15, max: 15 }),
  keep: fc.array(fc.constantFrom('same', 'drop', 'shift'), { minLength: 6, maxLength: 6 }),
  status: fc.constantFrom(...STATUS_WORDS),
  exit: fc.option(fc.integer({ min: 0, max: 800 }), { freq: 4 }),
  currentStage: fc.oneof({ weight: 3, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constantFrom(...LABELS) }),
  campaign: fc.constantFrom('', 'Radio', 'Web'),
});

const datasetArb = fc
  .tuple(
    fc.oneof(fc.array(recordArb, { minLength: 1, maxLength: 9 }), fc.array(recordArb, { minLength: 10, maxLength: 30 })),
    fc.array(duplicateArb, { maxLength: 3 }),
  )
  .map(([gens, dups]) => {
    const rows = gens.map((g, i) => fromGen(`E${i + 1}`, g));
    // At most one duplicate per ten rows: more would make the file look like an event log.
    for (const d of dups.slice(0, Math.floor(rows.length / 10))) {
      const base = rows[d.of % rows.length];
      const dates: RawRecord['dates'] = {};
      LATER.forEach((st, i) => {
        const v = base.dates[st];
        if (!v || (d.keep[i] === 'drop' && !d.exact)) return;
        dates[st] = d.keep[i] === 'shift' && !d.exact ? iso(v, d.shift) : v;
      });
      const enquiry = d.exact ? base.enquiry : iso(base.enquiry, d.shift);
      const exitDate = d.exact ? base.exitDate : d.exit === null ? null : iso(enquiry, d.exit);
      const dup: RawRecord = { id: base.id, enquiry, dates, status: d.status, exitDate, currentStage: d.currentStage, campaign: d.campaign };
      rows.splice(d.at % (rows.length + 1), 0, dup);
    }
    return rows;
  });

/** A custom stage list: some stages hidden or dropped, stage 1/2 maybe swapped, maybe a stage nobody records. */
const stagesArb = fc
  .record({
    hidden: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
    dropped: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 6, maxLength: 6 }),
    swap: fc.boolean(),
    custom: fc.boolean(),
  })
  .map(({ hidden, dropped, swap, custom }) => {
    let stages: StageSetting[] = REF_STAGES.map((s, i) => ({ id: s.id, name: s.name, hidden: i > 0 && hidden[i - 1] }));
    stages = stages.filter((_, i) => i === 0 || dropped[i - 1] > 0); // one in ten dropped
    if (swap) {
      const a = stages.findIndex((x) => x.id === 'stage1');
      const b = stages.findIndex((x) => x.id === 'stage2');
      if (a >= 0 && b >= 0) [stages[a], stages[b]] = [stages[b], stages[a]];
    }
    if (custom) stages.splice(2, 0, { id: 'skills_to_foster', name: 'Skills to Foster', hidden: false });
    return stages;
  });

const filterArb = fc.record({
  from: fc.option(fc.integer({ min: 0, max: 730 }).map((d) => iso('2022-01-01', d)), { nil: undefined }),
  campaigns: fc.option(fc.subarray(['(blank)', 'Radio', 'Web'], { minLength: 1 }), { nil: undefined }),
});

describe('SQL funnel agrees with the reference: random histories', () => {
  test('SQL == reference and the invariant holds (default, custom stages, filtered)', async () => {
    await fc.assert(
      fc.asyncProperty(datasetArb, stagesArb, filterArb, async (rows, stages, filter) => {
        const custom = { ...defaultSettings(), stages };
        const filters: Filters = { ...(filter.from ? { from: filter.from } : {}), ...(filter.campaigns ? { campaigns: filter.campaigns } : {}) };
        await sqlAndReference(rows, [{ settings: defaultSettings() }, { settings: custom }, { settings: defaultSettings(), filters }]);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 30) },
    );
  }, Number(process.env.FC_RUNS ?? 30) * 4000);
});


describe('more metric families agree with the reference: random histories', () => {
  test('campaign table counts and financial-year period counts (default and custom stages)', async () => {
    await fc.assert(
      fc.asyncProperty(datasetArb, stagesArb, async (rows, stages) => {
        const e = await testEngine();
        for (const settings of [defaultSettings(), { ...defaultSettings(), stages }]) {
          const ds = await loadDataset(e, [csv('families.csv', toCsv(rows))], undefined, undefined, undefined, settings);
          const asOf = await ensureJourneys(e, ds, settings, () => {});
          const channels = await runSpec(e, channelsMetric, { settings, by: 'campaign' }, { asOf });
          expect(channels.map((c) => ({ name: c.name, enquiries: c.enquiries, applications: c.applications, approvals: c.approvals, openNow: c.openNow })))
            .toEqual(referenceChannels(rows, settings.stages));
          expect(await runSpec(e, periodCountsMetric, { settings, grain: 'fy' })).toEqual(referencePeriodCounts(rows, settings.stages));
        }
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 30) },
    );
  }, Number(process.env.FC_RUNS ?? 30) * 4000);

  test('financial years run April to March', () => {
    expect(['2023-03-31', '2023-04-01', '2024-03-31', '1999-12-31'].map(refFinancialYear)).toEqual(['2022-23', '2023-24', '2023-24', '1999-00']);
  });
});
