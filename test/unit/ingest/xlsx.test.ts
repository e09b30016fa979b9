import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { CFB, SSF, utils, write, type CellObject } from '@e965/xlsx';
import { describe, expect, test } from 'vitest';
import { funnelMetric } from '../../../src/lib/funnel/funnel';
import { defaultSettings } from '../../../src/lib/funnel/settings';
import { IngestError } from '../../../src/lib/ingest/read';
import { cellText, plainNumber, serialDateColumns, serialToIso, unmergeHeader } from '../../../src/lib/ingest/sheetCsv';
import { workbookToCsv } from '../../../src/lib/ingest/xlsx';
import { MAX_PART_BYTES, WorkbookError, workbookFormat } from '../../../src/lib/ingest/workbookFormat';
import { listZipParts } from '../../../src/lib/ingest/zipGuard';
import type { Engine } from '../../../src/lib/engine/engine';
import { csv, load, testEngine } from '../../helpers/engine';
import {
  HEADER, asCsv, book, deflatedRepeats, makeEnquiries, reportBook, withPart, xlsxBytes, zip, type Entry,
} from '../../helpers/workbooks';
import { enquiries, events } from './tables';
import { runSpec } from '../../helpers/metric';
import { loadDataset, ensureJourneys } from '../../../src/lib/coordinator/tables';

async function funnelOf(e: Engine, file: ReturnType<typeof csv>) {
  const ds = await load(e, file);
  await ensureJourneys(e, ds, defaultSettings(), () => {});
  return { ds, funnel: await runSpec(e, funnelMetric, { settings: defaultSettings() }), enquiries: await enquiries(e), events: await events(e) };
}

/** The text of one part of a zip package. */
function partText(zip: Uint8Array, name: string): string {
  const part = listZipParts(zip, 'test')!.find((p) => p.name === name)!;
  const data = zip.subarray(part.dataStart, part.dataStart + part.compressed);
  return new TextDecoder().decode(part.method === 8 ? inflateRawSync(data) : data);
}

const csvOf = async (bytes: Uint8Array, name = 'book.xlsx', sheet?: string) => {
  const out = await workbookToCsv(bytes, name, sheet);
  return { ...out, text: new TextDecoder().decode(Buffer.concat(out.parts)) };
};

describe('a workbook loads like the CSV of the same enquiries', () => {
  const rows = makeEnquiries(120);

  test('the workbook really holds typed dates, date serials and formulas', () => {
    const zip = xlsxBytes(reportBook(rows));
    const sheet = partText(zip, 'xl/worksheets/sheet2.xml');
    expect(sheet).toMatch(/<c r="B5"[^>]*t="d"/); // a typed date
    expect(sheet).toMatch(/<c r="E\d+"[^>]*><v>4\d{4}<\/v>/); // a date serial
    expect(sheet).toContain('<f>IF(1=1,&quot;x&quot;,&quot;y&quot;)</f><v>');
  });

  test('.xlsx: the sheet that reads like an export is chosen; same enquiries, stages and funnel', async () => {
    const e = await testEngine();
    const fromCsv = await funnelOf(e, csv('report.csv', asCsv(rows)));
    const fromBook = await funnelOf(e, csv('report.xlsx', xlsxBytes(reportBook(rows))));
    expect(fromBook.ds.raws[0].name).toBe('report.xlsx');
    expect(fromBook.ds.raws[0].workbook).toEqual({ sheet: 'Enquiries', sheets: ['Notes', 'Enquiries', 'Costs'] });
    // The Data page says which sheet was read, not the encoding and delimiter of the app's own copy of it.
    expect(fromBook.ds.model.quality.files[0].sheet).toBe('Enquiries');
    expect(fromCsv.ds.model.quality.files[0].sheet).toBeUndefined();
    expect(fromBook.ds.raws[0].columns).toEqual(HEADER);
    expect(fromBook.enquiries).toEqual(fromCsv.enquiries);
    expect(fromBook.events).toEqual(fromCsv.events);
    expect(fromBook.funnel).toEqual(fromCsv.funnel);
    // The data is real: every stage has someone, and statuses are the cached values, not "x".
    expect(fromBook.funnel.steps.every((s) => s.reached > 0)).toBe(true);
    expect(fromBook.funnel.total).toBe(rows.length);
    expect(fromBook.enquiries.some((r) => r.status === 'x')).toBe(false);
  });

  test('.xls (Excel 97-2003) gives the same funnel too', async () => {
    const e = await testEngine();
    const fromCsv = await funnelOf(e, csv('report.csv', asCsv(rows)));
    const fromXls = await funnelOf(e, csv('report.xls', xlsxBytes(reportBook(rows), 'biff8')));
    expect(fromXls.ds.raws[0].workbook?.sheet).toBe('Enquiries');
    expect(fromXls.funnel).toEqual(fromCsv.funnel);
    expect(fromXls.enquiries).toEqual(fromCsv.enquiries);
  });

  test("the user's choice of sheet is read: the cost sheet alongside the enquiries", async () => {
    const e = await testEngine();
    const wb = xlsxBytes(reportBook(rows));
    const ds = await loadDataset(e, [csv('report.xlsx', wb), { ...csv('report.xlsx', wb), sheet: 'Costs' }]);
    expect(ds.raws.map((r) => r.workbook?.sheet)).toEqual(['Enquiries', 'Costs']);
    expect(ds.mappings.map((m) => m.kind)).toEqual(['wide', 'costs']);
    expect(await e.query(`SELECT campaign, spend FROM ${ds.model.tables.costs} ORDER BY campaign`)).toEqual([
      { campaign: 'Bus Stops', spend: 800 }, { campaign: 'Spring Radio', spend: 1200 },
    ]);
  });

  test('the same funnel whatever the time zone of the machine reading it', async () => {
    // Typed dates are instants: read in any zone they must stay the same day.
    const bytes = xlsxBytes(reportBook(rows.slice(0, 5)));
    const first = await csvOf(bytes);
    const tz = process.env.TZ;
    try {
      for (const zone of ['Pacific/Auckland', 'America/Los_Angeles']) {
        process.env.TZ = zone;
        expect((await csvOf(bytes)).text).toBe(first.text);
      }
    } finally {
      process.env.TZ = tz;
    }
    expect(first.text).toContain(`FE-1000,${new Date(rows[0].enquiry).toISOString().slice(0, 10)},`);
  });
});

describe('sheets and cells', () => {
  test('the first sheet with data when none reads like an export; empty sheets are passed over', async () => {
    const wb = book([
      ['Empty', utils.aoa_to_sheet([])],
      ['People', utils.aoa_to_sheet([['Name', 'Team'], ['A. Carer', 'North'], ['B. Carer', 'South']])],
      ['More', utils.aoa_to_sheet([['Name', 'Team'], ['C', 'East']])],
    ]);
    const out = await csvOf(xlsxBytes(wb));
    expect([out.sheet, out.sheets]).toEqual(['People', ['People', 'More']]);
    expect(out.text).toBe('Name,Team\nA. Carer,North\nB. Carer,South\n');
  });

  test('a header over two rows with merged cells becomes one header row', async () => {
    const ws = utils.aoa_to_sheet([
      ['Quarterly enquiries'],
      ['Ref No', 'Stage dates', null, null, 'Current Status'],
      [null, 'Enquiry', 'Initial visit', 'Application', null],
      ['FE-1', '01/04/2024', '10/04/2024', '', 'Open'],
      ['FE-2', '02/04/2024', '', '', 'NFA'],
    ]);
    ws['!merges'] = [
      { s: { r: 0, c: 0 }, e: { r: 0, c: 4 } }, // the title
      { s: { r: 1, c: 0 }, e: { r: 2, c: 0 } }, // "Ref No" over both header rows
      { s: { r: 1, c: 1 }, e: { r: 1, c: 3 } }, // the group "Stage dates"
      { s: { r: 1, c: 4 }, e: { r: 2, c: 4 } },
    ];
    const out = await csvOf(xlsxBytes(book([['Report', ws]])));
    expect(out.text.split('\n').slice(0, 4)).toEqual([
      'Quarterly enquiries,,,,',
      ',,,,',
      'Ref No,Stage dates Enquiry,Stage dates Initial visit,Stage dates Application,Current Status',
      'FE-1,01/04/2024,10/04/2024,,Open',
    ]);
    const e = await testEngine();
    const ds = await load(e, csv('q.xlsx', xlsxBytes(book([['Report', ws]]))));
    expect(ds.raws[0].columns).toEqual(['Ref No', 'Stage dates Enquiry', 'Stage dates Initial visit', 'Stage dates Application', 'Current Status']);
    expect(ds.mappings[0].roles.stageDates.initial_visit).toBe('Stage dates Initial visit');
  });

  test('a cell merged down through data rows gives its value to each row', async () => {
    const ws = utils.aoa_to_sheet([['Ref', 'Date', 'Campaign'], ['A', '01/01/2024', 'Radio'], ['B', '02/01/2024', null], ['C', '03/01/2024', 'Bus']]);
    ws['!merges'] = [{ s: { r: 1, c: 2 }, e: { r: 2, c: 2 } }];
    expect((await csvOf(xlsxBytes(book([['S', ws]])))).text).toBe('Ref,Date,Campaign\nA,01/01/2024,Radio\nB,02/01/2024,Radio\nC,03/01/2024,Bus\n');
  });

  test('cell values: dates in both date systems, plain numbers, booleans, errors', () => {
    const sheet = { date1904: false, isDateFormat: (f: string) => SSF.is_date(f) as boolean };
    expect(serialToIso(45000, false)).toBe('2023-03-15');
    expect(serialToIso(45000 - 1462, true)).toBe('2023-03-15');
    expect(serialToIso(59, false)).toBe('1900-02-28');
    expect(serialToIso(61, false)).toBe('1900-03-01');
    expect(cellText({ t: 'n', v: 45000.75, z: 'dd/mm/yyyy hh:mm' }, sheet)).toBe('2023-03-15');
    expect(cellText({ t: 'n', v: 0.5, z: 'h:mm', w: '12:00' }, sheet)).toBe('12:00');
    expect(cellText({ t: 'n', v: 1234567, z: '#,##0' }, sheet)).toBe('1234567');
    expect(cellText({ t: 'n', v: 0.1 + 0.2 }, sheet)).toBe('0.3');
    expect(cellText({ t: 'b', v: true }, sheet)).toBe('TRUE');
    expect(cellText({ t: 'e', v: 42, w: '#N/A' }, sheet)).toBe('');
    expect(cellText({ t: 'd', v: new Date(Date.UTC(2024, 1, 29)) }, sheet)).toBe('2024-02-29');
    expect(plainNumber(123456789012)).toBe('123456789012');
  });

  test('a workbook in the 1904 date system (old Mac Excel) reads the same dates', async () => {
    const wb = book([['S', utils.aoa_to_sheet([['Ref', 'Date'], ['A', { t: 'n', v: 45000 - 1462, z: 'dd/mm/yyyy' }]])]]);
    wb.Workbook = { WBProps: { date1904: true } };
    expect((await csvOf(xlsxBytes(wb))).text).toBe('Ref,Date\nA,2023-03-15\n');
  });

  test('bare serials (General format) are dates only under a date header and when most values are serials', () => {
    const head = [
      ['Report'],
      ['Ref No', 'Date of Enquiry', 'Panel Date', 'Days waiting', 'Review date'],
      ['45001', '12/03/2023', '45230', '45000', '45100'],
      ['45002', '13/03/2023', '', '45001', 'not yet'],
      ['45003', '14/03/2023', '45300', '45002', 'not yet'],
    ];
    expect(serialDateColumns(head)).toEqual({ headerRow: 1, columns: [2] });
  });

  test('a group header is only taken from rows above the data', () => {
    const head = [['Ref', 'Comments', '', 'Date'], ['A', 'long text', '', '01/01/2024'], ['B', 'more', '', '02/01/2024']];
    unmergeHeader(head, [{ s: { r: 0, c: 1 }, e: { r: 0, c: 2 } }]);
    expect(head[0]).toEqual(['Ref', 'Comments', '', 'Date']);
  });

  test('workbooks are told from CSV by their first bytes; XML or HTML only under an Excel name', () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(workbookFormat(xlsxBytes(book([['S', utils.aoa_to_sheet([['a']])]])), 'x.csv')).toBe('zip');
    expect(workbookFormat(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'x.xls')).toBe('ole');
    expect(workbookFormat(enc('<html><table>'), 'report.xls')).toBe('text');
    expect(workbookFormat(enc('<html><table>'), 'report.csv')).toBeNull();
    expect(workbookFormat(enc('Ref\tDate\n'), 'report.xls')).toBeNull();
  });

  test('an HTML table saved as ".xls" (as report servers do) is read as a workbook', async () => {
    const html = write(book([['Report', utils.aoa_to_sheet([['Ref', 'Date of Enquiry'], ['A', '01/02/2024'], ['B <b>', '02/02/2024']])]]), { type: 'string', bookType: 'html' }) as string;
    const bytes = new TextEncoder().encode(html);
    expect(workbookFormat(bytes, 'report.xls')).toBe('text');
    expect((await csvOf(bytes, 'report.xls')).text).toBe('Ref,Date of Enquiry\nA,01/02/2024\nB <b>,02/02/2024\n');
  });

  test('a tab-separated file saved as ".xls" is read as the text it is', async () => {
    const e = await testEngine();
    const ds = await load(e, csv('report.xls', 'Ref\tDate of Enquiry\tStatus\nA\t01/02/2024\tOpen\nB\t02/02/2024\tNFA\n'));
    expect(ds.raws[0].workbook).toBeUndefined();
    expect(ds.model.quality.enquiries).toBe(2);
  });
});

/** Runs a refusal and measures its time and the growth of the process's peak memory. */
async function refused(bytes: Uint8Array, name: string) {
  const engine = await testEngine();
  const rssBefore = process.memoryUsage().rss;
  // Sampled while the checks run (they yield between the chunks they inflate).
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 2);
  const start = performance.now();
  let error: unknown = null;
  try {
    await load(engine, csv(name, bytes));
  } catch (e) {
    error = e;
  }
  const ms = performance.now() - start;
  clearInterval(sampler);
  const peakGrowth = Math.max(peak, process.memoryUsage().rss) - rssBefore;
  console.log(`${name}: ${(bytes.length / 1e6).toFixed(2)} MB file refused in ${ms.toFixed(0)} ms; peak RSS delta ${(peakGrowth / 1e6).toFixed(1)} MB`);
  expect(error).toBeInstanceOf(IngestError);
  return { message: (error as Error).message, ms, peakGrowth };
}

const ROW_XML = '<row r="1"><c r="A1" t="inlineStr"><is><t>Withdrawn after the initial visit</t></is></c></row>'.repeat(1000);
const SST_XML = Array.from({ length: 20_000 }, (_, i) => `<si><t>Reason ${i} for closing the enquiry</t></si>`).join('');

describe('untrusted workbooks are refused within bounded memory', () => {
  test('a zip bomb that declares its size (a 9 MB file expanding to 2 GB)', async () => {
    const bomb = deflatedRepeats(ROW_XML, Math.floor(2e9 / ROW_XML.length));
    const file = withPart('xl/worksheets/sheet1.xml', bomb, Math.floor(2e9 / ROW_XML.length) * ROW_XML.length);
    const r = await refused(file, 'bomb.xlsx');
    expect(r.message).toMatch(/^"bomb\.xlsx" expands to 2\.0 GB when opened, too large to read safely in the browser/);
    expect(r.message).toContain('save the sheet as "CSV UTF-8"');
    expect(r.peakGrowth).toBeLessThan(150e6);
  });

  test('a zip bomb that lies about its size (declares 1 MB, inflates to 1 GB) is stopped after 1 MB', async () => {
    const times = Math.floor(1e9 / ROW_XML.length);
    const r = await refused(withPart('xl/worksheets/sheet1.xml', deflatedRepeats(ROW_XML, times), 1e6), 'liar.xlsx');
    expect(r.message).toMatch(/^"liar\.xlsx" holds far more data than it declares \(in "xl\/worksheets\/sheet1\.xml"\)/);
    expect(r.peakGrowth).toBeLessThan(150e6);
  });

  test('a part packed a thousand-fold, even within the size limit', async () => {
    const times = Math.floor(200e6 / ROW_XML.length);
    const r = await refused(withPart('xl/worksheets/sheet1.xml', deflatedRepeats(ROW_XML, times), times * ROW_XML.length), 'packed.xlsx');
    expect(r.message).toMatch(/^"packed\.xlsx" is packed [\d,]+-fold, far tighter than any real workbook/);
  });

  test('a huge shared-string table (over 200 MB of distinct-looking strings)', async () => {
    const times = Math.ceil((MAX_PART_BYTES + 10e6) / SST_XML.length);
    const body = deflatedRepeats(SST_XML, times);
    const declared = times * SST_XML.length;
    expect(declared / body.length).toBeLessThan(100); // not caught as over-packed: caught by its size
    const r = await refused(withPart('xl/sharedStrings.xml', body, declared), 'strings.xlsx');
    expect(r.message).toMatch(/^The text of "strings\.xlsx" expands to 2\d\d MB when opened, too large to read safely in the browser \(the limit is 200 MB\)/);
    expect(r.peakGrowth).toBeLessThan(150e6);
  });

  test('more parts than any workbook', async () => {
    const entries: Entry[] = Array.from({ length: 10_001 }, (_, i) => ({ name: `p${i}`, data: new Uint8Array(0), method: 0, size: 0 }));
    expect((await refused(zip(entries), 'parts.xlsx')).message).toMatch(/has 10,001 parts inside/);
  });

  test('deeply nested XML in a sheet is read or refused with a message, never a crash', async () => {
    const nested = '<x>'.repeat(200_000) + '</x>'.repeat(200_000);
    const sheet = `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Ref</t></is></c><c r="B1" t="inlineStr"><is><t>Date</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is>${nested}<t>A</t></is></c><c r="B2" t="inlineStr"><is><t>01/01/2024</t></is></c></row></sheetData></worksheet>`;
    const bytes = Buffer.from(sheet);
    const file = withPart('xl/worksheets/sheet1.xml', deflateRawSync(bytes), bytes.length);
    const out = await workbookToCsv(file, 'nested.xlsx').then((o) => new TextDecoder().decode(Buffer.concat(o.parts)), (e: unknown) => e);
    if (typeof out === 'string') expect(out.split('\n')[0]).toBe('Ref,Date');
    else expect(out).toBeInstanceOf(WorkbookError);
  });

  test('formulas are never evaluated: cached values only, none where nothing was cached', async () => {
    const ws = utils.aoa_to_sheet([['Ref', 'Count', 'Note'], ['A', { t: 'n', v: 3, f: '1+1' }, { t: 'z', f: 'WEBSERVICE("http://example.com")' } as CellObject]]);
    expect((await csvOf(xlsxBytes(book([['S', ws]])))).text).toBe('Ref,Count,Note\nA,3,\n');
  });

  test('a damaged workbook (cut short) gets a plain message', async () => {
    const whole = xlsxBytes(reportBook(makeEnquiries(10)));
    const r = await refused(whole.subarray(0, Math.floor(whole.length / 2)), 'cut.xlsx');
    expect(r.message).toBe('"cut.xlsx" is damaged: it isn\'t a complete workbook (perhaps cut short when it was copied). Save it again from Excel, or save the sheet as CSV, and load that.');
  });

  test('a password-protected workbook gets a plain message', async () => {
    // What Excel writes for a workbook with a password: an OLE file holding the encrypted package.
    const cfb = CFB.utils.cfb_new();
    const info = Buffer.concat([Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]), Buffer.from('<?xml version="1.0"?><encryption xmlns="http://schemas.microsoft.com/office/2006/encryption"/>')]);
    CFB.utils.cfb_add(cfb, '/EncryptionInfo', info);
    CFB.utils.cfb_add(cfb, '/EncryptedPackage', Buffer.alloc(4096, 7));
    const bytes = new Uint8Array(CFB.write(cfb, { type: 'buffer' }) as Buffer);
    const r = await refused(bytes, 'locked.xlsx');
    expect(r.message).toMatch(/^"locked\.xlsx" is protected with a password/);
  });

  test('a workbook with no data in any sheet', async () => {
    const r = await refused(xlsxBytes(book([['Sheet1', utils.aoa_to_sheet([])], ['Sheet2', utils.aoa_to_sheet([['Only a title']])]])), 'empty.xlsx');
    expect(r.message).toBe('"empty.xlsx" has no data in any of its sheets (2 sheets, all empty). Check it is the right workbook.');
  });

  test('none of the messages carries engine or parser internals', async () => {
    const e = await testEngine();
    const junk = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...Array.from({ length: 500 }, (_, i) => (i * 37) % 256)]);
    const err = await loadDataset(e, [csv('junk.xlsx', junk)]).catch((x: Error) => x);
    expect(err).toBeInstanceOf(IngestError);
    expect((err as Error).message).not.toMatch(/Error|undefined|parse|CFB|ZIP|0x/);
  });
});
