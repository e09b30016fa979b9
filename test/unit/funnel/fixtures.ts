import { csv, testEngine } from '../../helpers/engine';
import { defaultSettings, type FunnelSettings } from '../../../src/lib/funnel/settings';
import { loadDataset, ensureJourneys } from '../../../src/lib/coordinator/tables';

/** The wide header most funnel tests use. */
export const WIDE =
  'Ref,Enquiry Date,Initial Visit Date,Application Date,Stage 1 Date,Stage 2 Date,Panel Date,Approval Date,Status,Reason,Exit Date,Campaign';

/**
 * Loads a CSV made in the test (plus any extra files, e.g. a cost sheet) through
 * the real ingest and builds `journeys` the way the app does (worked out as the
 * enquiries are stored); returns the engine, dataset and as-of date.
 */
export async function setup(text: string, settings: FunnelSettings = defaultSettings(), ...extra: ReturnType<typeof csv>[]) {
  const engine = await testEngine();
  const ds = await loadDataset(engine, [csv('t.csv', text), ...extra], undefined, undefined, undefined, settings);
  const asOf = await ensureJourneys(engine, ds, settings, () => {});
  return { engine, ds, asOf, settings };
}

/** A wide CSV from rows of the WIDE header's columns (missing trailing cells left blank). */
export function wide(rows: string[], header = WIDE): string {
  const n = header.split(',').length;
  return [header, ...rows.map((r) => {
    const cells = r.split(',');
    while (cells.length < n) cells.push('');
    return cells.join(',');
  })].join('\n') + '\n';
}

/** Settings with some stages hidden. */
export function hiding(...ids: string[]): FunnelSettings {
  const s = defaultSettings();
  s.stages = s.stages.map((x) => (ids.includes(x.id) ? { ...x, hidden: true } : x));
  return s;
}

/** Five enquiries around the April 2023 and 2024 year ends (WIDE columns), for counts by period and window. */
export const PERIOD_ROWS = [
  'E1,31/03/2023,,01/04/2023,,,,31/03/2024,Approved,,,',
  'E2,01/04/2023,,,,,,,NFA,,,',
  'E3,01/04/2024,,,,,,,In progress,,,',
  'E4,15/06/2023,01/07/2023,01/08/2023,,,,01/12/2023,Approved,,,Radio',
  'E5,20/06/2023,,,,,,,Withdrawn,,20/07/2023,',
];

export { csv };
