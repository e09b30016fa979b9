import { describe, expect, test } from 'vitest';
import { servicesStepFinding, withServiceSteps } from '../../../src/lib/findings/services';
import { compareServices } from '../../../src/lib/funnel/servicesCompared';
import { assessFields } from '../../../src/lib/funnel/equality';
import { BLANK } from '../../../src/lib/funnel/filters';
import { funnelFromCounts, type OutcomeCount } from '../../../src/lib/funnel/funnel';
import type { GroupFunnel } from '../../../src/lib/funnel/breakdowns';

const STAGES = [
  { id: 'enquiry', name: 'Enquiry' },
  { id: 'application', name: 'Application' },
  { id: 'stage1', name: 'Stage 1' },
  { id: 'approved', name: 'Approved' },
];

/** A service's funnel: left at enquiry, reached application, went on to Stage 1, approved of those (the rest left), open at application. */
function service(group: string, leftAtEnquiry: number, applied: number, stage1: number, approved: number, openAtApplication = 0): GroupFunnel {
  const counts: OutcomeCount[] = [
    { furthest: 0, outcome: 'left', n: leftAtEnquiry },
    { furthest: 1, outcome: 'left', n: applied - stage1 - openAtApplication },
    { furthest: 1, outcome: 'open', n: openAtApplication },
    { furthest: 2, outcome: 'left', n: stage1 - approved },
    { furthest: 3, outcome: 'approved', n: approved },
  ].filter((c) => c.n > 0);
  return { group, ...funnelFromCounts(STAGES, counts) };
}

const stepName = (id: string) => {
  const i = STAGES.findIndex((s) => s.id === id);
  return `${STAGES[i - 1].name} → ${STAGES[i].name}`;
};
const label = (g: string) => (g === BLANK ? 'No service recorded' : g);

describe('services step by step', () => {
  // Southmoor keeps its share of enquiries to application but loses 60% at Stage 1; the others lose 25%.
  const hub = [
    service('Westmere', 800, 250, 188, 120),
    service('Eastbrook', 700, 220, 165, 105),
    service('Southmoor', 750, 200, 80, 50),
    service('Northvale', 600, 180, 135, 86),
  ];

  test('a service behind at one step is named with its step, rates and n, after allowing for services × steps', () => {
    const r = compareServices(hub, 'Service')!;
    expect(r.comparisons).toBe(12);
    expect(r.groups.find((g) => g.group === 'Southmoor')!.behindAt).toEqual(['stage1']);
    expect(r.groups.filter((g) => g.group !== 'Southmoor').every((g) => g.behindAt.length === 0)).toBe(true);
    expect(servicesStepFinding(r, stepName, label)).toBe(
      'One service falls behind the others at one step, after allowing for the 12 comparisons of services and steps: '
      + 'Southmoor at application → stage 1: 40% of 200 went on, against 75% of 650 in the other services.');
  });

  test('the same as Equality comparing the services as a field: one method for both', () => {
    const r = compareServices(hub, 'Service')!;
    const eq = assessFields([{ column: 'Service', dimension: 'Service', groups: hub }])[0];
    expect(r).toEqual(eq);
  });

  test('enquiries with no service recorded stay out; one service leaves nothing to compare', () => {
    const withBlank = [...hub, service(BLANK, 10, 5, 1, 0)];
    expect(compareServices(withBlank, 'Service')!.groups.map((g) => g.group)).not.toContain(BLANK);
    expect(compareServices([hub[0], service(BLANK, 10, 5, 1, 0)], 'Service')).toBeNull();
  });

  test('alike services: none named behind, and the comparisons allowed for are said', () => {
    const alike = [service('A', 700, 200, 150, 100), service('B', 700, 200, 148, 99), service('C', 705, 199, 151, 100)];
    const r = compareServices(alike, 'Service')!;
    expect(r.groups.every((g) => g.behindAt.length === 0)).toBe(true);
    expect(servicesStepFinding(r, stepName, label)).toBe('Step by step, no service falls behind the others once the 9 comparisons of services and steps are allowed for.');
  });

  test('open enquiries at a step are not losses there', () => {
    // Southmoor's missing applicants are still open, not gone: not behind.
    const open = [service('Westmere', 800, 250, 188, 120), service('Eastbrook', 700, 220, 165, 105), service('Southmoor', 750, 200, 80, 50, 110)];
    const r = compareServices(open, 'Service')!;
    expect(r.groups.find((g) => g.group === 'Southmoor')!.behindAt).not.toContain('stage1');
  });

  test('with the finding by service: a service behind at a step leads it, otherwise follows it', () => {
    const behind = compareServices(hub, 'Service')!;
    const alike = compareServices([service('A', 700, 200, 150, 100), service('B', 700, 200, 148, 99)], 'Service')!;
    expect(withServiceSteps('Overall.', behind, 'Steps.')).toBe('Steps. Overall.');
    expect(withServiceSteps('Overall.', alike, 'Steps.')).toBe('Overall. Steps.');
    expect(withServiceSteps('Overall.', null, '')).toBe('Overall.');
  });
});
