import { describe, expect, test } from 'vitest';
import {
  HEAD_BYTES, SniffError, decodeWindows1252, detectDelimiter, detectEncoding, detectHeader, parseLine, sniff, splitLines,
} from '../../../src/lib/ingest/sniff';
import { bytes, utf16le } from './tables';

const enc = (s: string) => new TextEncoder().encode(s);

describe('detectEncoding', () => {
  test('UTF-8 with a byte-order mark', () => {
    expect(detectEncoding(bytes(0xef, 0xbb, 0xbf, 'Ref,Date\n'))).toBe('utf-8');
  });
  test('UTF-8 without a byte-order mark, with and without non-ASCII characters', () => {
    expect(detectEncoding(enc('Ref,Spend\nA,£12\n'))).toBe('utf-8');
    expect(detectEncoding(enc('Ref,Date\nA,01/01/2023\n'))).toBe('utf-8');
  });
  test('Windows-1252 bytes (0xA3 £, 0x92 ’) are not UTF-8', () => {
    expect(detectEncoding(bytes('Ref,Reason\nA,', 0xa3, '5 voucher\n'))).toBe('windows-1252');
    expect(detectEncoding(bytes('Ref,Reason\nA,Didn', 0x92, 't reply\nB,x\n'))).toBe('windows-1252');
  });
  test('UTF-16 in either byte order', () => {
    expect(detectEncoding(utf16le('Ref\tDate\r\n'))).toBe('utf-16');
    expect(detectEncoding(bytes(0xfe, 0xff, 0, 0x52))).toBe('utf-16');
  });
  test('a UTF-8 character cut in half at the end of the sample is still UTF-8', () => {
    const full = enc('Ref,Source\nA,Café radio £'); // ends with the two bytes of £
    expect(detectEncoding(full.subarray(0, full.length - 1))).toBe('utf-8');
  });
});

describe('decodeWindows1252', () => {
  test('maps all of 0x80-0x9F as Windows-1252 does, whatever the runtime decoder does', () => {
    const all = new Uint8Array(32).map((_, i) => 0x80 + i);
    expect(decodeWindows1252(all)).toBe('€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ');
    expect(decodeWindows1252(bytes('Caf', 0xe9, ' ', 0xa3, '5 O', 0x92, 'Brien'))).toBe('Café £5 O’Brien');
  });
});

describe('splitLines and parseLine', () => {
  test('splits on LF, CRLF and CR, keeps blank lines', () => {
    expect(splitLines('a\r\nb\n\nc\rd')).toEqual(['a', 'b', '', 'c', 'd']);
  });
  test('a line break inside quotes does not end the line', () => {
    expect(splitLines('a,"x\ny",b\nc\n')).toEqual(['a,"x\ny",b', 'c']);
  });
  test('drops the cut-off last line of a truncated sample', () => {
    expect(splitLines('a\nb\npartial', true)).toEqual(['a', 'b']);
    expect(splitLines('a\nb\nlast', false)).toEqual(['a', 'b', 'last']);
  });
  test('quoted delimiters, doubled quotes and empty fields', () => {
    expect(parseLine('A,"has, comma","said ""hi""",,end', ',')).toEqual(['A', 'has, comma', 'said "hi"', '', 'end']);
    expect(parseLine('A;"x;y";z', ';')).toEqual(['A', 'x;y', 'z']);
    expect(parseLine('A\t"b\tc"\td', '\t')).toEqual(['A', 'b\tc', 'd']);
    expect(parseLine('', ',')).toEqual(['']);
  });
});

describe('detectDelimiter', () => {
  test('comma, semicolon, tab and pipe', () => {
    expect(detectDelimiter(['Ref,Date,Status', 'A,01/01/2023,Open'])).toBe(',');
    expect(detectDelimiter(['Ref;Date;Status', 'A;01/01/2023;Open'])).toBe(';');
    expect(detectDelimiter(['Ref\tDate\tStatus', 'A\t01/01/2023\tOpen'])).toBe('\t');
    expect(detectDelimiter(['Ref|Date|Status', 'A|01/01/2023|Open'])).toBe('|');
  });
  test('commas inside fields of a semicolon file do not win', () => {
    expect(detectDelimiter(['Ref;Notes;Status', 'A;"Smith, J";Open', 'B;met, liked it;Closed', 'C;x;y'])).toBe(';');
  });
  test('title lines without delimiters do not confuse it', () => {
    expect(detectDelimiter(['Fostering report', 'Ref\tDate', 'A\t01/01/2023', 'B\t02/01/2023'])).toBe('\t');
  });
});

describe('detectHeader', () => {
  const p = (lines: string[]) => lines.map((l) => parseLine(l, ','));
  test('the first row when there are no title lines', () => {
    expect(detectHeader(p(['Ref No,Date of Enquiry,Status', 'A,01/01/2023,Open']))).toBe(0);
  });
  test('skips title, date and blank lines above the header', () => {
    expect(detectHeader(p(['Fostering Enquiries Report', 'Generated 01/11/2026', '', 'Ref No,Date of Enquiry,Status', 'A,01/01/2023,Open']))).toBe(3);
  });
  test('skips title lines padded with delimiters (as Excel saves them)', () => {
    expect(detectHeader(p(['Enquiries report,,,', ',,,', 'Ref,Date,Stage,Status', 'A,01/01/2023,IHV,Open']))).toBe(2);
  });
  test('skips a row of numbers and dates', () => {
    expect(detectHeader(p(['2023,01/04/2023,31/03/2024', 'Ref,Date,Status', 'A,01/01/2023,Open']))).toBe(1);
  });
  test('a one-cell title above a two-column sheet is not the header', () => {
    expect(detectHeader(p(['Campaign costs 2023-24', 'Campaign,Spend', 'Radio,"£1,000"']))).toBe(1);
  });
});

describe('sniff', () => {
  test('a plain comma file', () => {
    expect(sniff(enc('Ref No,Date of Enquiry,Status\nA,01/01/2023,Open\nB,02/01/2023,Closed\n'))).toEqual({
      encoding: 'utf-8', delimiter: ',', headerLine: 0, header: ['Ref No', 'Date of Enquiry', 'Status'], width: 3, headerless: false, mixedLineBreaks: false,
      sample: [['A', '01/01/2023', 'Open'], ['B', '02/01/2023', 'Closed']],
    });
  });

  test('line breaks are mixed when those up to the first data row differ; a quoted one does not count', () => {
    expect(sniff(enc('Report\nRef,Date\r\nA,01/01/2023\r\n')).mixedLineBreaks).toBe(true);
    expect(sniff(enc('Report\r\nRef,Date\r\nA,01/01/2023\n')).mixedLineBreaks).toBe(true);
    expect(sniff(enc('Report\r\nRef,Date\r\nA,01/01/2023\r\nB,02/01/2023\n')).mixedLineBreaks).toBe(false);
    expect(sniff(enc('Ref,"Date\nof enquiry"\r\nA,01/01/2023\r\n')).mixedLineBreaks).toBe(false);
    const breaks: string[] = [];
    expect(splitLines('a\r\nb\n"c\r"\rd', false, breaks)).toEqual(['a', 'b', '"c\r"', 'd']);
    expect(breaks).toEqual(['\r\n', '\n', '\r']);
  });

  test('title lines and blank lines above the header are counted; blank rows leave the sample', () => {
    const d = sniff(enc('Fostering Enquiries Report\r\nGenerated 01/11/2026\r\n\r\nRef No,Date of Enquiry\r\nA,01/01/2023\r\n\r\nB,02/01/2023\r\n'));
    expect(d.headerLine).toBe(3);
    expect(d.header).toEqual(['Ref No', 'Date of Enquiry']);
    expect(d.sample).toEqual([['A', '01/01/2023'], ['B', '02/01/2023']]);
  });

  test('semicolon and tab delimiters; header cells trimmed, values as written', () => {
    const s = sniff(enc(' Enquiry ID ; Enquiry Date ;Outcome\nS1; 12/03/2023 ;NFA\n'));
    expect([s.delimiter, s.header, s.sample]).toEqual([';', ['Enquiry ID', 'Enquiry Date', 'Outcome'], [['S1', ' 12/03/2023 ', 'NFA']]]);
    const t = sniff(enc('Reference\tMilestone\tMilestone Date\nE1\tEnquiry\t01/02/2023\n'));
    expect([t.delimiter, t.header, t.sample]).toEqual(['\t', ['Reference', 'Milestone', 'Milestone Date'], [['E1', 'Enquiry', '01/02/2023']]]);
  });

  test('quoted fields with delimiters, doubled quotes and line breaks', () => {
    const d = sniff(enc('Ref No,Date of Enquiry,Notes\nA,01/01/2023,"has, comma"\nB,02/01/2023,"said ""hi"""\nC,03/01/2023,"line1\r\nline2"\n'));
    expect(d.sample).toEqual([['A', '01/01/2023', 'has, comma'], ['B', '02/01/2023', 'said "hi"'], ['C', '03/01/2023', 'line1\r\nline2']]);
  });

  test('a quoted line break in a title line or the header counts as one line (as DuckDB skips)', () => {
    expect(sniff(enc('"Report: enquiries\nall teams"\nRef No,Date of Enquiry\nA,01/01/2023\n')).headerLine).toBe(1);
    const h = sniff(enc('Ref No,"Date of\nEnquiry"\nA,01/01/2023\n'));
    expect([h.headerLine, h.header]).toEqual([0, ['Ref No', 'Date of\nEnquiry']]);
  });

  test('UTF-8 BOM is not part of the first header cell', () => {
    const d = sniff(bytes(0xef, 0xbb, 0xbf, 'Ref No,Source\nA,Café\n'));
    expect([d.encoding, d.header, d.sample]).toEqual(['utf-8', ['Ref No', 'Source'], [['A', 'Café']]]);
  });

  test('Windows-1252 text is decoded (£ and ’)', () => {
    const d = sniff(bytes('Ref No,Reason\nA,', 0xa3, '5 Didn', 0x92, 't reply\n'));
    expect([d.encoding, d.sample]).toEqual(['windows-1252', [['A', '£5 Didn’t reply']]]);
  });

  test('UTF-16 little-endian, tab separated', () => {
    const d = sniff(utf16le('Ref No\tDate of Enquiry\r\nA\t01/01/2023\r\n'));
    expect([d.encoding, d.delimiter, d.header, d.sample]).toEqual(['utf-16', '\t', ['Ref No', 'Date of Enquiry'], [['A', '01/01/2023']]]);
  });

  test('width covers rows ending with a delimiter; short rows are kept as they are', () => {
    const d = sniff(enc('Ref,Date,Status\nA,01/01/2023,Open,\nB,02/01/2023,Open,\nC,03/01/2023\n'));
    expect(d.width).toBe(4);
    expect(d.sample[2]).toEqual(['C', '03/01/2023']);
  });

  test('the sample holds at most 50 rows', () => {
    const text = 'Ref,Date\n' + Array.from({ length: 80 }, (_, i) => `R${i},01/01/2023\n`).join('');
    const d = sniff(enc(text));
    expect(d.sample.length).toBe(50);
    expect(d.sample[49]).toEqual(['R49', '01/01/2023']);
  });

  test('a full-size head ignores its cut-off last line', () => {
    const row = 'R,01/01/2023,some text to fill the line\n';
    const text = 'Ref,Date,Notes\n' + row.repeat(Math.ceil(HEAD_BYTES / row.length) + 1);
    const head = enc(text).subarray(0, HEAD_BYTES);
    const d = sniff(head);
    expect(d.width).toBe(3);
    expect(d.sample.every((r) => r.length === 3)).toBe(true);
  });

  test('an empty file is refused with a clear message', () => {
    expect(() => sniff(new Uint8Array(0), '"x.csv"')).toThrow(SniffError);
    expect(() => sniff(new Uint8Array(0), '"x.csv"')).toThrow('"x.csv" is empty (0 bytes)');
  });

  test('a binary file (an Excel workbook) is refused with a clear message', () => {
    const xlsx = bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00, '[Content_Types].xml');
    expect(() => sniff(xlsx, '"x.csv"')).toThrow(/"x\.csv" doesn't look like a CSV file or an Excel workbook.*as CSV or Excel/);
    // A PDF report renamed: said to be one, and what to export instead.
    const pdf = bytes(0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a, 0x25, 0xe2, 0xe3, 0xcf, 0xd3, 0x00, 0x01, 0x02, 0x03, 0x00, 0x00, 0x00, 0x00);
    expect(() => sniff(pdf, '"report.csv"')).toThrow(/"report\.csv" is a PDF report, not a data export/);
    // Named as a workbook: workbooks are read before sniffing, so this one is damaged or not a workbook at all.
    expect(() => sniff(xlsx, '"x.xlsx"')).toThrow(/"x\.xlsx" isn't an Excel workbook this app can open: it may be damaged.*save it again/);
    expect(() => sniff(xlsx, '"Old.XLS"')).toThrow(/isn't an Excel workbook/);
    const controls = new Uint8Array(200).map((_, i) => (i % 3 === 0 ? 1 : 65));
    expect(() => sniff(controls)).toThrow(SniffError);
  });

  test('a file of blank lines is refused', () => {
    expect(() => sniff(enc('\n \r\n\t\n'), '"b.csv"')).toThrow('"b.csv" has no text in it');
  });

  test('a file with more columns than an export has is refused before anything is read into the engine', () => {
    const line = (c: string) => Array.from({ length: 1001 }, (_, i) => `${c}${i}`).join(',');
    expect(() => sniff(enc(`${line('h')}\n${line('v')}\n`), '"wide.csv"')).toThrow(/"wide\.csv" has 1,001 columns; this app reads exports of up to 1,000/);
    const fine = (c: string) => Array.from({ length: 1000 }, (_, i) => `${c}${i}`).join(',');
    expect(sniff(enc(`${fine('h')}\n${fine('v')}\n`)).width).toBe(1000);
  });

  test('a first line longer than the head read is refused as having no line break, not as empty', () => {
    expect(() => sniff(enc('a,'.repeat(150 * 1024)), '"one.csv"')).toThrow(/"one\.csv" has no line break in its first 256 KB/);
  });
});
