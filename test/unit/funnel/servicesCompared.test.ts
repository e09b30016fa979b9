import { describe, expect, test } from 'vitest';
import { breakdownMetric } from '../../../src/lib/funnel/breakdowns';
import { compareServices, servicesComparedMetric } from '../../../src/lib/funnel/servicesCompared';
import { runSpec } from '../../helpers/metric';
import { setup, wide } from './fixtures';

const HEADER = 'Ref,Enquiry Date,Initial Visit Date,Application Date,Stage 1 Date,Stage 2 Date,Panel Date,Approval Date,Status,Reason,Exit Date,Campaign,Service';

/** `n` enquiries of a service: `visited` of them had an initial visit, the rest left at enquiry. */
function rows(service: string, n: number, visited: number): string[] {
  return Array.from({ length: n }, (_, i) => i < visited
    ? `${service}${i},01/01/2024,10/01/2024,,,,,,In progress,,,,${service}`
    : `${service}${i},01/01/2024,,,,,,,Withdrawn,Moving house,01/02/2024,,${service}`);
}

describe('the services compared step by step, as a metric', () => {
  test('is compareServices over each service\'s funnel under the filters, and names the one behind', async () => {
    const text = wide([...rows('Westmere', 60, 40), ...rows('Eastbrook', 60, 38), ...rows('Southmoor', 60, 8), 'X1,01/01/2024,,,,,,,Withdrawn,,01/02/2024,,'], HEADER);
    const { engine, settings } = await setup(text);
    const attributes = ['Service'];
    const got = await runSpec(engine, servicesComparedMetric, { settings, column: 'Service' }, { attributes });
    const groups = await runSpec(engine, breakdownMetric, { settings, column: 'Service', top: 0 }, { attributes });
    expect(got).toEqual(compareServices(groups, 'Service'));
    expect(got!.groups.map((g) => g.group).sort()).toEqual(['Eastbrook', 'Southmoor', 'Westmere']);
    expect(got!.groups.find((g) => g.group === 'Southmoor')!.behindAt).toEqual(['initial_visit']);
    // One service under the filters leaves nothing to compare.
    expect(await runSpec(engine, servicesComparedMetric, { settings, column: 'Service', filters: { attributes: { Service: ['Westmere'] } } }, { attributes })).toBeNull();
  });
});
