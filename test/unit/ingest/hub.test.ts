import { describe, expect, test } from 'vitest';
import { csv, testEngine } from '../../helpers/engine';
import { funnelMetric } from '../../../src/lib/funnel/funnel';
import { breakdownMetric } from '../../../src/lib/funnel/breakdowns';
import { channelsMetric } from '../../../src/lib/funnel/campaigns';
import { defaultSettings } from '../../../src/lib/funnel/settings';
import { SERVICE_ATTRIBUTE } from '../../../src/lib/ingest/service';
import { runSpec } from '../../helpers/metric';
import { loadDataset, remapDataset, ensureJourneys } from '../../../src/lib/coordinator/tables';

const HEADER = 'Ref No,Date of Enquiry,Initial Home Visit Date,Application Received,Current Status';
const BRISTOL = `${HEADER}\nFE-1,01/05/2024,10/05/2024,,In progress\nFE-2,02/05/2024,,,Withdrawn\nFE-3,03/05/2024,12/05/2024,01/07/2024,In progress\n`;
// The same references in another council's export are other people.
const BATH = `${HEADER}\nFE-1,04/06/2024,,,NFA\nFE-2,05/06/2024,15/06/2024,,In progress\n`;

async function loaded(...files: ReturnType<typeof csv>[]) {
  const engine = await testEngine();
  const s = defaultSettings();
  const ds = await loadDataset(engine, files, undefined, undefined, undefined, s);
  const asOf = await ensureJourneys(engine, ds, s, () => {});
  return { engine, ds, s, asOf };
}

describe('regional hub: several services loaded together', () => {
  test("each file's name becomes its service, and the same reference in two services is two enquiries", async () => {
    const { engine, ds, s } = await loaded(csv('bristol-enquiries-2024.csv', BRISTOL), csv('Bath export.csv', BATH));
    expect(ds.model.attributes).toContain(SERVICE_ATTRIBUTE);
    expect(ds.model.quality.enquiries).toBe(5);
    const f = await runSpec(engine, funnelMetric, { settings: s });
    expect(f.steps.map((x) => x.reached).slice(0, 3)).toEqual([5, 3, 1]);
    const groups = await runSpec(engine, breakdownMetric, { settings: s, column: SERVICE_ATTRIBUTE, top: 0 });
    expect(groups.map((g) => [g.group, g.total])).toEqual([['Bristol', 3], ['Bath', 2]]);
    const only = await runSpec(engine, funnelMetric, { settings: s, filters: { attributes: { [SERVICE_ATTRIBUTE]: ['Bath'] } } });
    expect(only.total).toBe(2);
  });

  test('two yearly exports of one service stay one service, duplicates merged as before', async () => {
    const { ds } = await loaded(csv('2023.csv', BRISTOL), csv('2024.csv', BRISTOL));
    expect(ds.model.attributes).not.toContain(SERVICE_ATTRIBUTE);
    expect(ds.model.quality.enquiries).toBe(3);
    // Differently named files of the same enquiries (same references, same dates) are one service too.
    const same = await loaded(csv('ROI report.csv', BRISTOL), csv('IHV report.csv', BRISTOL));
    expect(same.ds.model.attributes).not.toContain(SERVICE_ATTRIBUTE);
    expect(same.ds.model.quality.enquiries).toBe(3);
    // Files with other references and no sign of another case system: one service unless named apart.
    const other = await loaded(csv('ROI report.csv', BRISTOL), csv('IHV report.csv', BATH.replaceAll('FE-', 'X-')));
    expect(other.ds.model.attributes).not.toContain(SERVICE_ATTRIBUTE);
  });

  test('a column naming each row\'s service keeps the same reference in two services apart; a column merely mentioning a council is not a service', async () => {
    const withLa = (text: string, la: string) => text.replace(HEADER, `${HEADER},Local authority`).replace(/\n(?=FE-)/g, '\n').split('\n').map((l, i) => (l && i > 0 ? `${l},${la}` : l)).join('\n');
    const { engine, ds, s } = await loaded(csv('westmere.csv', withLa(BRISTOL, 'Westmere')), csv('eastbrook.csv', withLa(BATH, 'Eastbrook')));
    expect(ds.model.quality.enquiries).toBe(5);
    expect(ds.model.quality.duplicatesMerged).toBe(0);
    const groups = await runSpec(engine, breakdownMetric, { settings: s, column: 'Local authority', top: 0 });
    expect(groups.map((g) => [g.group, g.total])).toEqual([['Westmere', 3], ['Eastbrook', 2]]);
    // "Council tax band" is no service: the two yearly exports of one service stay one, merged as before.
    const taxBand = (text: string) => text.replace(HEADER, `${HEADER},Council tax band`).split('\n').map((l, i) => (l && i > 0 ? `${l},C` : l)).join('\n');
    const yearly = await loaded(csv('2023.csv', taxBand(BRISTOL)), csv('2024.csv', taxBand(BRISTOL)));
    expect(yearly.ds.model.quality.enquiries).toBe(3);
  });

  test('one pooled export naming each row\'s service: the same reference in two services is two enquiries', async () => {
    const withLa = (text: string, la: string) => text.split('\n').slice(1).filter(Boolean).map((l) => `${l},${la}`);
    const pooled = [`${HEADER},Local authority`, ...withLa(BRISTOL, 'Westmere'), ...withLa(BATH, 'Eastbrook')].join('\n') + '\n';
    const { engine, ds, s } = await loaded(csv('hub-enquiries.csv', pooled));
    expect(ds.model.quality.enquiries).toBe(5);
    expect(ds.model.quality.duplicatesMerged).toBe(0);
    const groups = await runSpec(engine, breakdownMetric, { settings: s, column: 'Local authority', top: 0 });
    expect(groups.map((g) => [g.group, g.total])).toEqual([['Westmere', 3], ['Eastbrook', 2]]);
    expect((await runSpec(engine, funnelMetric, { settings: s })).steps.map((x) => x.reached).slice(0, 3)).toEqual([5, 3, 1]);
  });

  test('a different id scheme in each file is another case system: another service', async () => {
    const rows = (prefix: string) => Array.from({ length: 25 }, (_, i) => `${prefix}-${1000 + i},0${1 + (i % 9)}/05/2024,,,In progress`).join('\n');
    const { ds } = await loaded(csv('north.csv', `${HEADER}\n${rows('NS')}\n`), csv('south.csv', `${HEADER}\n${rows('BR')}\n`));
    expect(ds.model.attributes).toContain(SERVICE_ATTRIBUTE);
    expect(ds.model.quality.enquiries).toBe(50);
  });

  test('a service named by the user wins (the same name twice makes one service); a column naming the service is used as it is', async () => {
    const { engine, ds, s } = await loaded(csv('a.csv', BRISTOL), csv('b.csv', BATH));
    const renamed = await remapDataset(engine, ds, [{ ...ds.mappings[0], service: 'Bristol' }, { ...ds.mappings[1], service: 'Bath & NE Somerset' }], undefined, s);
    await ensureJourneys(engine, renamed, s, () => {});
    expect((await runSpec(engine, breakdownMetric, { settings: s, column: SERVICE_ATTRIBUTE, top: 0 })).map((g) => g.group)).toEqual(['Bristol', 'Bath & NE Somerset']);
    const merged = await remapDataset(engine, renamed, renamed.mappings.map((m) => ({ ...m, service: 'One' })), undefined, s);
    expect(merged.model.attributes).not.toContain(SERVICE_ATTRIBUTE);
    expect(merged.model.quality.enquiries).toBe(3); // FE-1 and FE-2 are now the same enquiries: one service
    const withColumn = await loaded(csv('hub.csv', `${HEADER},Local Authority\nX1,01/05/2024,,,In progress,Bristol\nX2,01/05/2024,,,In progress,Bath\n`));
    expect(withColumn.ds.model.attributes).toEqual(['Local Authority']);
  });
});

describe('regional hub: services compared like campaigns', () => {
  test('the channel table groups by the service attribute', async () => {
    const { engine, s, asOf } = await loaded(csv('bristol.csv', BRISTOL), csv('bath.csv', BATH));
    const rows = await runSpec(engine, channelsMetric, { settings: s, by: SERVICE_ATTRIBUTE }, { asOf });
    expect(rows.map((r) => [r.name, r.enquiries, r.applications, r.spend])).toEqual([['Bristol', 3, 1, null], ['Bath', 2, 0, null]]);
    expect(rows[0].expectedApprovals.low).toBeGreaterThanOrEqual(0);
  });
});
