import { describe, expect, test } from 'vitest';
import { openRawFile } from '../../../src/lib/ingest/read';
import { sampleValues } from '../../../src/lib/ingest/valueSample';
import { csv, testEngine } from '../../helpers/engine';

const HEADER = 'Ref No,Date of Enquiry,Current Status\n';
const rows = (n: number, status: (i: number) => string) => Array.from({ length: n }, (_, i) => `FE-${String(i).padStart(7, '0')},01/04/2023,${status(i)}\n`).join('');

describe('sampleValues', () => {
  test('counts the cleaned values of the head and of slices along a big file', async () => {
    const e = await testEngine();
    // About 3 MB: past the head, "On hold" appears only around the middle of the file.
    const n = 100_000;
    const text = HEADER + rows(n, (i) => (Math.abs(i - n / 2) < 2000 ? 'On hold' : i % 3 ? 'In  progress ' : 'Approved'));
    const raw = await openRawFile(e, csv('big.csv', text), 0, 'vs1');
    const values = (await sampleValues(raw, ['Current Status'])).get('Current Status')!;
    expect([...values.keys()].sort()).toEqual(['Approved', 'Current Status', 'In progress', 'On hold']);
    expect(values.get('In progress')!).toBeGreaterThan(values.get('Approved')!);
    // A sample: far fewer rows than the file holds.
    expect([...values.values()].reduce((a, b) => a + b, 0)).toBeLessThan(n / 2);
    await e.dropFile(raw.registered);
  });

  test('a small file is read whole; Windows-1252 text is decoded as such', async () => {
    const e = await testEngine();
    const bytes = Uint8Array.from([...new TextEncoder().encode(HEADER + 'FE-1,01/04/2023,Referred to caf'), 0xe9, 0x0a, ...new TextEncoder().encode('FE-2,01/04/2023,\n')]);
    const raw = await openRawFile(e, csv('small.csv', bytes), 0, 'vs2');
    expect(raw.dialect.encoding).toBe('windows-1252');
    expect([...(await sampleValues(raw, ['Current Status'])).get('Current Status')!]).toEqual([['Current Status', 1], ['Referred to café', 1]]);
    await e.dropFile(raw.registered);
  });
});
