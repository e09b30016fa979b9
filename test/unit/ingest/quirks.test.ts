/** Exports as they really come: what is read as it is, and what is reported, in what words. */
import { describe, expect, test } from 'vitest';
import { IngestError } from '../../../src/lib/ingest/errors';
import { otherEncoding, sniff, unclosedQuote } from '../../../src/lib/ingest/sniff';
import { csv, testEngine } from '../../helpers/engine';
import { bytes, enquiries } from './tables';
import { loadDataset } from '../../../src/lib/coordinator/tables';

async function message(...files: ReturnType<typeof csv>[]) {
  const e = await testEngine();
  const err = await loadDataset(e, files).then(() => null, (x: unknown) => x);
  expect(err).toBeInstanceOf(IngestError);
  return (err as IngestError).message;
}

describe('line endings', () => {
  test('two exports pasted together, CRLF and LF mixed, read as they are', async () => {
    const e = await testEngine();
    const text = 'Ref No,Date of Enquiry,Initial Home Visit Date,Current Status\r\nA1,01/02/2024,05/02/2024,In progress\r\nA2,02/02/2024,,Withdrawn\r\n'
      + 'A3,03/02/2024,,"In progress"\nA4,04/02/2024,09/02/2024,"Withdrawn"\nA5,05/02/2024,,In progress\n';
    const ds = await loadDataset(e, [csv('pasted.csv', text)]);
    expect((await enquiries(e)).map((r) => [r.id, r.status])).toEqual([
      ['A1', 'In progress'], ['A2', 'Withdrawn'], ['A3', 'In progress'], ['A4', 'Withdrawn'], ['A5', 'In progress'],
    ]);
    expect(ds.model.quality.events).toBe(7);
  });

  test('a title line ending unlike the rows below it (LF above CRLF, or the reverse): every row read', async () => {
    const rows = ['Ref No,Date of Enquiry,Current Status', 'A1,01/02/2024,In progress', 'A2,02/02/2024,Withdrawn', 'A3,03/02/2024,In progress'];
    for (const [first, rest] of [['\n', '\r\n'], ['\r\n', '\n']]) {
      const e = await testEngine();
      const text = `Fostering Enquiries Report${first}${rows.join(rest)}${rest}`;
      const ds = await loadDataset(e, [csv('titled.csv', text)]);
      expect((await enquiries(e)).map((r) => [r.id, r.status]), JSON.stringify(first)).toEqual([['A1', 'In progress'], ['A2', 'Withdrawn'], ['A3', 'In progress']]);
      expect(ds.model.quality.files[0].malformed.count).toBe(0);
    }
  });
});

describe('unclosed quotes', () => {
  test('a quote never closed that would swallow the file is reported with its line', async () => {
    const text = 'Enquiries\nRef No,Date of Enquiry,Current Status\nA,"01/01/2023,Open\nB,02/01/2023,Withdrawn\nC,03/01/2023,Open\n';
    expect(await message(csv('quote.csv', text))).toBe(
      '"quote.csv" has a quote mark (") on line 3 that is never closed, so every line after it would be read as one cell. Correct that line (or export again) and choose the file again.',
    );
  });
  test('a quoted line break is not an unclosed quote; one near the end is left to the malformed-line count', () => {
    expect(unclosedQuote('Ref,Notes\nA,"two\nlines"\nB,x\n', ',')).toBeNull();
    expect(unclosedQuote('Ref,Date,Status\nA,1,x\nB,2,y\nC,3,z\nD,"4,w\nE,5,v\n', ',')).toBeNull();
    expect(unclosedQuote('Ref,Date,Status\nA,"1,x\nB,2,y\nC,3,z\n', ',')).toBe(2);
    // A quote inside a field (5" tall) opens nothing.
    expect(unclosedQuote('Ref,Height,Status\nA,5" tall,x\nB,6,y\nC,7,z\n', ',')).toBeNull();
  });
});

describe('encodings', () => {
  // "日本語" in Shift-JIS, as a Japanese system writes a CSV.
  const sjis = (n: number) => Array.from({ length: n }, () => [0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea]).flat();
  test('Shift-JIS is named, with what to do, instead of being read as mojibake', async () => {
    expect(new TextDecoder('shift_jis').decode(new Uint8Array(sjis(1)))).toBe('日本語');
    const data = bytes('Ref No,', ...sjis(2), ',Date of Enquiry\r\nA,', ...sjis(3), ',01/01/2024\r\nB,', ...sjis(1), ',02/01/2024\r\n');
    expect(otherEncoding(data)).toBe('Japanese (Shift-JIS)');
    expect(await message(csv('sjis.csv', data))).toBe(
      '"sjis.csv" is saved in a character encoding this app can\'t read (it looks like Japanese (Shift-JIS)). In Excel, use "Save As" → "CSV UTF-8 (Comma delimited)" and choose the new file.',
    );
  });
  test('Windows-1252 text, with its letters standing alone, is not taken for another encoding', () => {
    const data = bytes('Ref,Name,Source\nA,Zo', 0xeb, ' M', 0xfc, 'ller,Caf', 0xe9, '\nB,Ren', 0xe9, 'e,', 0xa3, '5 voucher\nC,Didn', 0x92, 't,', 0x93, 'x', 0x94, '\n');
    expect(otherEncoding(data)).toBeNull();
    expect(sniff(data).encoding).toBe('windows-1252');
  });
});

describe('dates after the export date', () => {
  test('a well-formed date far past the export date is called that, not unreadable', async () => {
    const e = await testEngine();
    const text = 'Ref No,Date of Enquiry,Initial Home Visit Date,Current Status\nA,01/01/2024,2150-01-10,In progress\nB,02/01/2024,tbc,Open\nC,2150-03-01,,Open\nD,03/01/2024,10/01/2024,Open\n';
    const ds = await loadDataset(e, [csv('late.csv', text)]);
    const f = ds.model.quality.files[0];
    expect(f.lateDates).toEqual([
      { column: 'Initial Home Visit Date', count: 1, examples: ['2150-01-10'] },
      { column: 'Date of Enquiry', count: 1, examples: ['2150-03-01'] },
    ]);
    expect(f.unparsedDates).toEqual([{ column: 'Initial Home Visit Date', count: 1, examples: ['tbc'] }]);
    expect(f.badEnquiryDate.count).toBe(0);
    expect(ds.model.quality.enquiries).toBe(3);
  });
  test('when every enquiry date is after the export date, the message says so', async () => {
    expect(await message(csv('future.csv', 'Ref No,Date of Enquiry,Current Status\nA,2150-01-01,Open\nB,2151-02-01,Withdrawn\n'))).toBe(
      'No enquiries could be read. "future.csv": 2 rows, 2 enquiry dates after the export date. Check its id and enquiry date columns, or export again.',
    );
  });
});

describe('messages stay short', () => {
  test('a file of 300 unrecognised columns: the columns are counted and a few named', async () => {
    const header = Array.from({ length: 300 }, (_, i) => `Field number ${i + 1} of the report`).join(',');
    const msg = await message(csv('wide300.csv', `${header}\n${Array.from({ length: 300 }, () => 'x').join(',')}\n`));
    expect(msg.length).toBeLessThanOrEqual(300);
    expect(msg).toMatch(/300 columns, e\.g\. "Field number 1 of the report", /);
  });
});

describe('encodings: UTF-8 with a stray byte', () => {
  test('is not taken for an East Asian encoding', () => {
    const data = bytes('Ref,Name\nA,Zoë Müller\nB,Renée Ørsted\nC,Łukasz Żak\nD,José Núñez\nE,bad ', 0xff, ' byte\n');
    expect(otherEncoding(data)).toBeNull();
  });
});
