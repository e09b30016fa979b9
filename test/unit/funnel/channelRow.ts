import type { ChannelRow } from '../../../src/lib/funnel/campaigns';
import { rate } from '../../../src/lib/stats/rate';

/** A campaign table row from its counts and spend, worked out the way channelsMetric does. */
export function channelRow(name: string, enquiries: number, applications: number, approvals: number, spend: number | null = null, extra: Partial<ChannelRow> = {}): ChannelRow {
  const per = (n: number) => (spend !== null && n > 0 ? spend / n : null);
  return {
    name, enquiries, applications, approvals, openNow: 0,
    enquiryToApplication: rate(applications, enquiries), applicationToApproval: rate(approvals, applications), enquiryToApproval: rate(approvals, enquiries),
    medianDaysToApproval: null, spend, costPerEnquiry: per(enquiries), costPerApplication: per(applications), costPerApproval: per(approvals),
    expectedApprovals: { value: 0, low: 0, high: 0 }, ...extra,
  };
}
