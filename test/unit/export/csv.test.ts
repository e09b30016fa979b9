import { describe, expect, test } from 'vitest';
import { from } from 'arquero';
import { csvBlob, csvCell, recordsToCsv, tableToCsv, toCsv } from '../../../src/lib/export/csv';

describe('csvCell', () => {
  test('neutralises anything a spreadsheet would run as a formula: = + - @ tab and CR at the start', () => {
    for (const text of ['=1+1', '+44 117', '-2+3', '-2+3+cmd|\' /C calc\'!A0', '-1,2e3', '@SUM(A1)', '\tx', '\rx', '-', '+']) expect(csvCell(text).replace(/^"|"$/g, '')).toMatch(/^'/);
    // A plain number written as text can run nothing: left as it is, so a spreadsheet reads a number.
    expect(csvCell('-67')).toBe('-67');
    expect(csvCell('-1,045')).toBe('"-1,045"');
    expect(csvCell('-3.5%')).toBe('-3.5%');
    expect(csvCell('+9')).toBe('+9');
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
  });

  test('leaves ordinary text alone, including those characters later in a cell', () => {
    expect(csvCell('Radio advert')).toBe('Radio advert');
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell('Black - African')).toBe('Black - African');
  });

  test('quotes cells holding a comma, quote mark or line break, doubling quote marks', () => {
    expect(csvCell('Smith, J')).toBe('"Smith, J"');
    expect(csvCell('say "no"')).toBe('"say ""no"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });

  test('writes numbers as they are (negative numbers are numbers, not formulas), and blanks for null, undefined and non-finite', () => {
    expect(csvCell(-3.5)).toBe('-3.5');
    expect(csvCell(0)).toBe('0');
    expect([null, undefined, NaN, Infinity].map(csvCell)).toEqual(['', '', '', '']);
  });
});

describe('CSV documents', () => {
  test('toCsv: header then rows, CRLF line ends, header cells neutralised too', () => {
    expect(toCsv(['=Name', 'n'], [['Web', 3], ['a,b', null]])).toBe(`'=Name,n\r\nWeb,3\r\n"a,b",\r\n`);
  });

  test('recordsToCsv: the columns given, in their order, headed by their labels, whatever the order of keys in the records', () => {
    const rows = [
      { status: 'Withdrawn', id: 'E1', extra: 'not listed', date: '2024-01-02' },
      { id: 'E2', date: null, status: '@admin' },
    ];
    const columns = [{ key: 'id', label: 'Enquiry id' }, { key: 'date', label: 'Date' }, { key: 'status', label: 'Status' }];
    expect(recordsToCsv(rows, columns)).toBe(`Enquiry id,Date,Status\r\nE1,2024-01-02,Withdrawn\r\nE2,,'@admin\r\n`);
  });

  test('recordsToCsv: a key missing from a record is a blank cell; labels may repeat; no rows gives the header alone', () => {
    const columns = [{ key: 'a', label: 'Same' }, { key: 'b', label: 'Same' }];
    expect(recordsToCsv([{ a: 1 }], columns)).toBe('Same,Same\r\n1,\r\n');
    expect(recordsToCsv([], columns)).toBe('Same,Same\r\n');
  });

  test('tableToCsv follows the table: its column order, filters and sort', () => {
    const t = from([{ group: 'B', n: 2 }, { group: 'A', n: 1 }, { group: '-C', n: 3 }]).select('n', 'group').orderby('n');
    expect(tableToCsv(t)).toBe(`n,group\r\n1,A\r\n2,B\r\n3,'-C\r\n`);
    expect(tableToCsv(t.filter((d: { n: number }) => d.n > 1), ['Count', 'Group'])).toBe(`Count,Group\r\n2,B\r\n3,'-C\r\n`);
  });

  test('the file starts with a UTF-8 byte-order mark so Excel reads £ and accents, then the text as UTF-8', async () => {
    const bytes = new Uint8Array(await csvBlob('£5,Zoë\r\n').arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.slice(3))).toBe('£5,Zoë\r\n');
    expect(csvBlob('x').type).toBe('text/csv;charset=utf-8');
  });
});
