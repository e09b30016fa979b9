import { csv, testEngine } from '../../helpers/engine';
import { buildJourneys, journeyExtension } from '../../../src/lib/funnel/journeys';
import { activateDataset, loadExports } from '../../../src/lib/ingest/load';
import { defaultSettings, type FunnelSettings } from '../../../src/lib/funnel/settings';

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
  const ds = await loadExports(engine, [csv('t.csv', text), ...extra], undefined, undefined, journeyExtension(settings));
  await activateDataset(engine, ds);
  const asOf = await buildJourneys(engine, settings, ds.model.quality.exportDate, ds.model.extendedFor);
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

export { csv };
