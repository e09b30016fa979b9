import { describe, expect, test } from 'vitest';
import { openRawFile } from '../../../src/lib/ingest/read';
import { sampleValues } from '../../../src/lib/ingest/valueSample';
import { csv, testEngine } from '../../helpers/engine';

const HEADER = 'Ref No,Date of Enquiry,Current Status\n';
const rows = (n: number, status: (i: number) => string) => Array.from({ length: n }, (_, i) => `FE-${String(i).padStart(7, '0')},01/04/2023,${status(i)}\n`).join('');

async function sampled(name: string, data: string | Uint8Array, prefix: string) {
  const e = await testEngine();
  const raw = await openRawFile(e, csv(name, data), 0, prefix);
  try {
    return { raw, values: (await sampleValues(raw, ['Current Status'])).get('Current Status')! };
  } finally {
    await e.dropFile(raw.registered);
  }
}

describe('sampleValues', () => {
  test('counts the cleaned values of the data rows at the head and in slices along a big file, to its last line', async () => {
    // About 3 MB: "On hold" only in the last rows, "Panel booked" only far from the head.
    const n = 100_000;
    const text = 'Fostering report\n\n' + HEADER + rows(n, (i) => (i >= n - 3 ? 'On hold' : i > n / 2 && i % 50 === 0 ? 'Panel booked' : i % 3 ? 'In  progress ' : 'Approved'));
    const { values } = await sampled('big.csv', text, 'vs1');
    expect([...values.keys()].sort()).toEqual(['Approved', 'In progress', 'On hold', 'Panel booked']);
    expect(values.get('In progress')!).toBeGreaterThan(values.get('Approved')!);
    // A sample: far fewer rows than the file holds.
    expect([...values.values()].reduce((a, b) => a + b, 0)).toBeLessThan(n / 2);
  });

  test('a small file is read whole, its last line too; Windows-1252 text is decoded as such; the header is no value', async () => {
    const bytes = Uint8Array.from([...new TextEncoder().encode(HEADER + 'FE-1,01/04/2023,Referred to caf'), 0xe9, 0x0a, ...new TextEncoder().encode('FE-2,01/04/2023,Approved')]);
    const { raw, values } = await sampled('small.csv', bytes, 'vs2');
    expect(raw.dialect.encoding).toBe('windows-1252');
    expect([...values]).toEqual([['Referred to café', 1], ['Approved', 1]]);
  });

  test('a chosen file is read with every range asked for at once (each read of a File waits on the browser), and gives what its bytes give', async () => {
    const n = 100_000;
    const text = HEADER + rows(n, (i) => (i >= n - 3 ? 'On hold' : i % 3 ? 'In progress' : 'Approved'));
    const { raw, values } = await sampled('file.csv', text, 'vs4');
    const bytes = new TextEncoder().encode(text);
    let inFlight = 0;
    let most = 0;
    const slowFile = {
      size: bytes.length,
      slice: (from: number, to: number) => ({
        arrayBuffer: async () => {
          most = Math.max(most, ++inFlight);
          await new Promise((resolve) => setTimeout(resolve, 5));
          inFlight--;
          return bytes.slice(from, to).buffer;
        },
      }),
    } as unknown as File;
    const fromFile = (await sampleValues({ ...raw, data: slowFile }, ['Current Status'])).get('Current Status')!;
    expect(most).toBe(17); // the head and the 16 slices
    expect([...fromFile]).toEqual([...values]);
  });

  test('a file that cannot be read gives no values, not an error', async () => {
    const e = await testEngine();
    const raw = await openRawFile(e, csv('gone.csv', HEADER + rows(3, () => 'Approved')), 0, 'vs3');
    await e.dropFile(raw.registered);
    const broken = { ...raw, data: { size: 10 ** 6, slice: () => ({ arrayBuffer: () => Promise.reject(new Error('NotReadableError')) }) } as unknown as File };
    expect((await sampleValues(broken, ['Current Status'])).get('Current Status')!.size).toBe(0);
  });
});
