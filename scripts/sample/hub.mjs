/**
 * A two-service regional hub sample: two fictional councils' wide exports,
 * made by the same seeded generator with their own seeds and sizes, so their
 * references overlap ("FE-000123" in both) as real councils' do.
 */
import { generateEnquiries, toWideCsv } from './generate.mjs';

/** The hub's services: file name, enquiries and seed. */
export const HUB_SERVICES = Object.freeze([
  { file: 'sample-hub-westmere.csv', service: 'Westmere', count: 2200, seed: 5101 },
  { file: 'sample-hub-eastbrook.csv', service: 'Eastbrook', count: 1300, seed: 5202 },
]);

/** Each service's export as CSV text, with its file name. */
export function hubSample() {
  return HUB_SERVICES.map((s) => ({ ...s, csv: toWideCsv(generateEnquiries({ count: s.count, seed: s.seed })) }));
}
