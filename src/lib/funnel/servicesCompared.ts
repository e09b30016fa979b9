import type { MetricParams, MetricSpec } from '../coordinator/metric';
import { breakdownMetric, type GroupFunnel } from './breakdowns';
import { assessFields, type FieldAssessment } from './equality';
import { BLANK } from './filters';

/**
 * A regional hub's services compared step by step: each service's decided
 * conversion at every step against the other services together, adjusted
 * (Holm) across every service × step, as Equality compares groups. Enquiries
 * with no service recorded are no service and stay out. Null with fewer than
 * two services.
 */
export function compareServices(groups: readonly GroupFunnel[], column: string): FieldAssessment | null {
  const services = groups.filter((g) => g.group !== BLANK);
  if (services.length < 2) return null;
  return assessFields([{ column, dimension: 'Service', groups: services }])[0];
}

/** What servicesComparedMetric is asked with: the column naming each enquiry's service. */
export interface ServicesComparedParams extends MetricParams {
  column: string;
}

/**
 * The services compared step by step under the filters (compareServices over
 * each service's funnel), worked out once and cached for the Overview's hub
 * line, Campaigns "By service" and the printed report alike.
 */
export const servicesComparedMetric: MetricSpec<ServicesComparedParams, FieldAssessment | null> = {
  name: 'servicesCompared',
  what: 'the services compared step by step',
  sql: () => ({}),
  async shape(_rows, { settings, filters, column }, ctx) {
    return compareServices(await ctx.use(breakdownMetric, { settings, filters, column, top: 0 }), column);
  },
};
