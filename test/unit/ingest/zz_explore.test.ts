import { test } from 'vitest';
import { csv, load, testEngine } from '../../helpers/engine';
const show = (label: string, x: unknown) => console.log(label, JSON.stringify(x));
async function run(label: string, ...files: ReturnType<typeof csv>[]) {
  const e = await testEngine();
  try {
    const ds = await load(e, ...files);
    show(label + ' enq', await e.query(`SELECT id, status, outcome_hint, current_stage, reason FROM enquiries ORDER BY id`));
    show(label + ' q', ds.model.quality.files.map((f) => [f.rowsRead, f.malformed]));
  } catch (err) { show(label + ' ERR', String(err) + ' ' + (err as Error).constructor.name); }
}
test('x', async () => {
  const e = await testEngine();
  show('argmax', await e.query(`SELECT arg_max(v, (a, b)) AS x FROM (VALUES ('p', 1, 1), ('q', 1, 2), ('r', 0, 5)) t(v, a, b)`));
  show('argmax2', await e.query(`SELECT arg_max(v, a) AS x FROM (VALUES ('p', 1), ('q', 1)) t(v, a)`));
  await run('status-exit', csv('s.csv', `Enquiry ID,Enquiry Date,Current Stage\nA,01/01/2023,Initial Visit\nB,02/01/2023,Withdrawn\nC,03/01/2023,Application\n`));
  const big = 'Ref No,Date of Enquiry,Reason\n' + Array.from({ length: 9000 }, (_, i) => `R${i},01/01/2023,none given here ok\n`).join('');
  const tail = new Uint8Array([...new TextEncoder().encode('Z1,02/01/2023,O'), 0x92, ...new TextEncoder().encode('Brien\nZ2,03/01/2023,ok\n')]);
  const head = new TextEncoder().encode(big);
  console.log('size', head.length);
  const all = new Uint8Array(head.length + tail.length); all.set(head); all.set(tail, head.length);
  await run('late1252', csv('late.csv', all));
});
