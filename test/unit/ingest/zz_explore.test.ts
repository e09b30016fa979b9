import { test } from 'vitest';
import { csv, load, testEngine } from '../../helpers/engine';
const show = (label: string, x: unknown) => console.log(label, JSON.stringify(x));
const Q = `SELECT id, strftime(enquiry_date, '%Y-%m-%d') AS d, status, outcome_hint, strftime(exit_date, '%Y-%m-%d') AS x, rows, COLUMNS('^a:') FROM enquiries ORDER BY id`;
const QE = `SELECT id, stage, strftime(date, '%Y-%m-%d') AS d FROM events ORDER BY id, date, stage`;
async function run(label: string, ...files: ReturnType<typeof csv>[]) {
  const e = await testEngine();
  try {
    const ds = await load(e, ...files);
    show(label + ' enq', await e.query(Q));
    show(label + ' ev', await e.query(QE));
    const { files: fq, ...rest } = ds.model.quality;
    show(label + ' q', fq.map(({ name, kind, encoding, delimiter, titleLines, rowsRead, malformed, noId, totalLines, badEnquiryDate, missingEnquiryDate, unparsedDates }) => ({ name, kind, encoding, delimiter, titleLines, rowsRead, malformed, noId, totalLines, badEnquiryDate, missingEnquiryDate, unparsedDates })));
    show(label + ' q2', rest);
    show(label + ' roles', ds.mappings.map((m) => m.roles));
  } catch (err) { show(label + ' ERR', String(err) + ' ' + (err as Error).constructor.name); }
}
test('x', async () => {
  const e = await testEngine();
  await e.registerFile('c1.csv', new Uint8Array([...new TextEncoder().encode('a,b\nx,'), 0x80, 0x85, 0x9f, 0x81, 0x8d, 10]));
  try { show('c1', await e.query(`SELECT * FROM read_csv('c1.csv', encoding='latin-1', header=true, all_varchar=true)`)); } catch (err) { show('c1', (err as Error).message.split('\n')[0]); }
  await run('blank', csv('b.csv', `Ref No,Date of Enquiry,Status\n\nA,01/01/2023,Open\n\n\nB,02/01/2023,Open\n,,\n   \nTotal,2,\n`));
  await run('qheader', csv('q.csv', `Ref No,"Date of\nEnquiry",Status\nA,01/01/2023,Open\nB,02/01/2023,"Closed\nNFA"\nC,03/01/2023,Open\n`));
  await run('titles+bad', csv('t.csv', `My Report\nRun on 01/11/2026\n\nRef No,Date of Enquiry,Status\nA,01/01/2023,Open\nB,02/01/2023,Open,x\nC,03/01/2023,Open\n`));
  await run('qtitle', csv('qt.csv', `"Report: enquiries\nall teams"\nRef No,Date of Enquiry,Status\nA,01/01/2023,Open\nB,02/01/2023,Open\nC,03/01/2023,Open\n`));
  const u16 = (s: string) => { const b = new Uint8Array(2 + s.length * 2); b[0] = 0xff; b[1] = 0xfe; for (let i = 0; i < s.length; i++) { b[2 + 2 * i] = s.charCodeAt(i) & 255; b[3 + 2 * i] = s.charCodeAt(i) >> 8; } return b; };
  await run('utf16', csv('u.txt', u16('Ref No\tDate of Enquiry\tSource\r\nA\t01/01/2023\t£ Café\r\nB\t02/01/2023\tRadio\r\n')));
  await run('trail', csv('tr.csv', `Ref No,Date of Enquiry,Status,\nA,01/01/2023,Open,\nB,02/01/2023,Open,\n`));
  await run('mosaic', csv('m.csv', `Mosaic,Mosaic Group,Date of Enquiry,Enquiry ID,Status\nB07,B,01/01/2023,X1,Open\nC11,C,02/01/2023,X2,Open\nB07,B,03/01/2023,X3,Open\n`));
  await run('unparsed', csv('u.csv', `Ref No,Date of Enquiry,Initial Home Visit Date,Date Closed\nA,01/01/2023,05/01/2023,\nB,02/01/2023,tbc,\nC,03/01/2023,10/01/2023,01/01/2027\nD,04/01/2023,32/01/2023,05/02/2023\nE,05/01/2023,20/01/2023,\nF,06/01/2023,21/01/2027,\n`));
  await run('semicolon-quoted', csv('s.csv', `Ref No;Date of Enquiry;Notes;Status\nA;01/01/2023;"a;b";Open\nB;02/01/2023;"x ""y"" z";Open\n`));
  await run('bothempty', csv('be.csv', `Ref No,Date of Enquiry\nA,\nB,01/01/2023\n`));
});
