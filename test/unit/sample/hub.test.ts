import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { HUB_SERVICES, hubSample } from '../../../scripts/sample/hub.mjs';

describe('the two-service hub sample', () => {
  test('the committed files are what the generator writes, and the same every time', () => {
    const a = hubSample();
    const b = hubSample();
    expect(a.map((x) => x.csv)).toEqual(b.map((x) => x.csv));
    for (const s of a) expect(readFileSync(`data/${s.file}`, 'utf8'), s.file).toBe(s.csv);
  });

  test("two services of different sizes whose references overlap, as two councils' do", () => {
    const [west, east] = hubSample();
    expect(HUB_SERVICES.map((s) => s.service)).toEqual(['Westmere', 'Eastbrook']);
    const refs = (csv: string) => new Set(csv.split('\r\n').slice(1).map((l) => l.split(',')[0]).filter(Boolean));
    const shared = [...refs(east.csv)].filter((r) => refs(west.csv).has(r));
    expect(shared.length).toBeGreaterThan(1000);
    expect(west.count).toBeGreaterThan(east.count);
  });
});
