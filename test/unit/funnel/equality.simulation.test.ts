import { describe, expect, test } from 'vitest';
import { createRng } from '../../../scripts/sample/generate.mjs';
import { assessFields } from '../../../src/lib/funnel/equality';
import { funnelFromCounts, type OutcomeCount } from '../../../src/lib/funnel/funnel';
import { defaultSettings, visibleStages } from '../../../src/lib/funnel/settings';
import type { GroupFunnel } from '../../../src/lib/funnel/breakdowns';

/**
 * Seeded simulations of one equality field: each person walks the seven
 * stages with the same chance of each step whatever their group (or half
 * that chance at one planted step for one group), and leaves where they stop.
 */
const STAGES = visibleStages(defaultSettings());
/** Step chances from enquiry: visit, application, Stage 1, Stage 2, panel, approval. */
const STEP = [0.45, 0.5, 0.8, 0.74, 0.93, 0.95];

function simulateField(rnd: () => number, sizes: number[], planted?: { group: number; step: number }, scale: readonly number[] = STEP.map(() => 1)): GroupFunnel[] {
  return sizes.map((size, g) => {
    const at = new Array<number>(STAGES.length).fill(0);
    for (let i = 0; i < size; i++) {
      let k = 0;
      while (k < STEP.length) {
        const chance = STEP[k] * scale[k] * (planted && planted.group === g && planted.step === k ? 0.5 : 1);
        if (rnd() >= chance) break;
        k++;
      }
      at[k]++;
    }
    const counts: OutcomeCount[] = at.map((n, furthest) => ({ furthest, outcome: furthest === STAGES.length - 1 ? 'approved' : 'left', n }));
    return { group: `G${g}`, ...funnelFromCounts(STAGES, counts) };
  });
}

/** One field assessed on its own. */
const assessGroups = (groups: GroupFunnel[]) => assessFields([{ column: 'Ethnicity', dimension: 'Ethnicity', groups }])[0];

/** Group sizes like an ethnicity field: a large majority and ten smaller groups. */
const ETHNICITY_LIKE = [1900, 250, 120, 380, 140, 90, 110, 160, 60, 200, 40];

describe('equality: false alarms and power (seeded simulation)', () => {
  test('with no real difference, at most 5% of fields show any group behind', () => {
    const rnd = createRng(4242);
    const fields = 300;
    let withAlarm = 0;
    let unadjustedAlarms = 0;
    for (let f = 0; f < fields; f++) {
      const { groups } = assessGroups(simulateField(rnd, ETHNICITY_LIKE));
      if (groups.some((g) => g.behindAt.length)) withAlarm++;
      if (groups.some((g) => g.behindAt.length || g.watchAt.length)) unadjustedAlarms++;
    }
    console.log(`no difference: ${withAlarm}/${fields} fields with a group behind after Holm (${((100 * withAlarm) / fields).toFixed(1)}%); ${unadjustedAlarms}/${fields} before adjustment`);
    expect(withAlarm / fields).toBeLessThanOrEqual(0.05);
    // The unadjusted rule is what the view used to do: it cried wolf far more often.
    expect(unadjustedAlarms / fields).toBeGreaterThan(0.2);
  });

  test('with no real difference in four fields at once, at most 5% of views show any group behind', () => {
    const rnd = createRng(9090);
    const views = 150;
    const sizes = [[1900, 250, 120, 380, 140, 90, 110, 160, 60, 200, 40], [3000, 400, 100], [600, 900, 800, 700, 300, 100], [1800, 1400, 200]];
    let withAlarm = 0;
    let falseFlags = 0;
    for (let v = 0; v < views; v++) {
      const fields = sizes.map((sz, i) => ({ column: `F${i}`, dimension: `Field ${i}`, groups: simulateField(rnd, sz) }));
      const flags = assessFields(fields).flatMap((r) => r.groups.filter((g) => g.behindAt.length));
      if (flags.length) withAlarm++;
      falseFlags += flags.length;
    }
    console.log(`no difference, four fields: ${withAlarm}/${views} views with a group behind (${((100 * withAlarm) / views).toFixed(1)}%), ${falseFlags} false flags in all`);
    expect(withAlarm / views).toBeLessThanOrEqual(0.05);
  });

  // Half the rate at enquiry -> visit for a group of 160 (160 at the step), and at
  // Stage 1 -> Stage 2 for a group of 1,100 (about 160 reach Stage 1).
  test.each([
    { step: 0, size: 160 },
    { step: 3, size: 1100 },
  ])('a planted gap of half the rate at step $step, with at least 150 at the step, is found in at least 90% of fields', ({ step, size }) => {
    const rnd = createRng(777 + step);
    const fields = 200;
    let found = 0;
    let wrongGroup = 0;
    let smallestN = Infinity;
    for (let f = 0; f < fields; f++) {
      const sizes = [...ETHNICITY_LIKE];
      sizes[3] = size;
      const groups = simulateField(rnd, sizes, { group: 3, step });
      smallestN = Math.min(smallestN, groups[3].steps[step].reached);
      const { groups: assessed } = assessGroups(groups);
      if (assessed[3].behindAt.includes(STAGES[step + 1].id)) found++;
      wrongGroup += assessed.filter((g, i) => i !== 3 && g.behindAt.length).length;
    }
    console.log(`planted gap at step ${step}: found in ${found}/${fields} fields (${((100 * found) / fields).toFixed(1)}%); other groups flagged ${wrongGroup} times; fewest at the step ${smallestN}`);
    expect(smallestN).toBeGreaterThanOrEqual(150);
    expect(found / fields).toBeGreaterThanOrEqual(0.9);
  });
});

/** A hub: each service's people of each group walk the stages at the service's own chances (`scale` × STEP). */
function simulateHub(rnd: () => number, services: { sizes: number[]; scale: number[] }[], planted?: { group: number; step: number }) {
  const strata = services.map((sv) => simulateField(rnd, sv.sizes, planted, sv.scale));
  const groups = strata[0].map((g, i) => ({ group: g.group, ...funnelFromCounts(STAGES, strata.flatMap((s) => s[i].steps.map((st, k) => ({
    furthest: k, outcome: k === STAGES.length - 1 ? 'approved' as const : 'left' as const, n: st.reached - (s[i].steps[k + 1]?.reached ?? 0),
  })))) }));
  return { groups, strata };
}

// Three services with their own ways (the second loses half its applicants at Stage 1), and a field whose
// groups are spread over them unevenly (group 1 mostly in the second, group 2 mostly in the third).
const HUB = [
  { sizes: [1200, 40, 60, 150], scale: [1, 1, 1, 1, 1, 1] },
  { sizes: [300, 600, 60, 150], scale: [1, 1, 0.5, 1, 1, 1] },
  { sizes: [300, 40, 500, 150], scale: [0.7, 1.2, 1, 1, 1, 1] },
];

describe('equality in a hub: compared within each service (seeded simulation)', () => {
  test('with no real difference between groups, at most 5% of fields show any group behind; compared across the services, most would', () => {
    const rnd = createRng(5151);
    const fields = 150;
    let within = 0;
    let across = 0;
    for (let f = 0; f < fields; f++) {
      const { groups, strata } = simulateHub(rnd, HUB);
      const [w] = assessFields([{ column: 'Disability', dimension: 'Disability', groups, strata: { column: 'Service', groups: strata } }]);
      const [a] = assessFields([{ column: 'Disability', dimension: 'Disability', groups }]);
      if (w.groups.some((g) => g.behindAt.length)) within++;
      if (a.groups.some((g) => g.behindAt.length)) across++;
    }
    console.log(`hub, no group difference: ${within}/${fields} fields with a group behind within services; ${across}/${fields} across them`);
    expect(within / fields).toBeLessThanOrEqual(0.05);
    expect(across / fields).toBeGreaterThan(0.5);
  });

  test('a planted gap of half the rate for a group inside every service is still found in at least 90% of fields', () => {
    const rnd = createRng(6262);
    const fields = 100;
    let found = 0;
    for (let f = 0; f < fields; f++) {
      const { groups, strata } = simulateHub(rnd, HUB, { group: 3, step: 0 });
      const [w] = assessFields([{ column: 'Disability', dimension: 'Disability', groups, strata: { column: 'Service', groups: strata } }]);
      if (w.groups[3].behindAt.includes(STAGES[1].id)) found++;
    }
    console.log(`hub, planted gap for a group of 450 at enquiry -> visit: found in ${found}/${fields} fields`);
    expect(found / fields).toBeGreaterThanOrEqual(0.9);
  });
});
