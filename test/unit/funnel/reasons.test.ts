import { describe, expect, test } from 'vitest';
import { DEFAULT_REASON_RULES, EXIT_CATEGORIES, exitReasonsMetric, reasonCategorySql, reasonsUnreadMetric, reasonTextsMetric, type ExitCode } from '../../../src/lib/funnel/reasons';
import { runSpec } from '../../helpers/metric';
import { testEngine } from '../../helpers/engine';
import { lit } from '../../../src/lib/engine/sql';
import { hiding, setup, wide } from './fixtures';
import { generateEnquiries } from '../../../scripts/sample/generate.mjs';

/** The category the SQL gives one reason (and status) text, without loading a dataset. */
async function categoryOf(reason: string | null, status: string | null = null, overrides = {}): Promise<ExitCode> {
  const e = await testEngine();
  const [{ code }] = await e.query<{ code: ExitCode }>(
    `SELECT ${reasonCategorySql(overrides)} AS code FROM (SELECT ${lit(reason)}::VARCHAR AS reason, ${lit(status)}::VARCHAR AS status)`,
  );
  return code;
}

describe('reason keywords', () => {
  const cases: [string, ExitCode][] = [
    // Ofsted applicant withdrawal codes.
    ['Changed their mind - not the right time', 'AW1'],
    ['Wanted to adopt', 'AW1'],
    ['No longer interested', 'AW1'],
    ['Assessment process taking too long', 'AW2'],
    ['Poor communication from the service', 'AW2'],
    ['Found the paperwork intrusive', 'AW2'],
    ['Moving house', 'AW3'],
    ['Moved out of area', 'AW3'],
    ['Relocated for a new job', 'AW3'],
    ['Pregnant', 'AW3'],
    ['No spare bedroom', 'AW3'],
    ['No spare room', 'AW3'],
    ['Change in personal circumstances', 'AW3'],
    ['Could not afford to give up work', 'AW4'],
    ['Financial reasons', 'AW4'],
    ['Allowance too low', 'AW4'],
    ['Worried about allegations', 'AW5'],
    // The applicant's own worries, though they say "concern": not the agency's checks.
    ['Concerned about risk of allegations', 'AW5'],
    ['Concerns about impact on own children', 'AW1'],
    ['Mortgage, bills - cannot reduce hours', 'AW4'],
    ['Did not realise level of contact with birth families', 'AW1'],
    ['Personal', 'AW0'],
    ['Went to an IFA', 'OTHER_AGENCY'],
    ['Chose an independent fostering agency', 'OTHER_AGENCY'],
    // Agency-led.
    ['Counselled out', 'COUNSELLED_OUT'],
    ['Counseled out by social worker', 'COUNSELLED_OUT'],
    ['DBS concerns', 'CHECKS'],
    ['Poor references', 'CHECKS'],
    ['Panel did not recommend', 'PANEL_NOT_SUITABLE'],
    ['Not suitable', 'PANEL_NOT_SUITABLE'],
    // Administrative.
    ['No response to calls or emails', 'LOST_CONTACT'],
    ['Lost contact', 'LOST_CONTACT'],
    ['Duplicate record', 'DUPLICATE'],
    ['Already enquired', 'DUPLICATE'],
    ['Already on the system', 'DUPLICATE'],
    ['Same as earlier enquiry', 'DUPLICATE'],
    ['Already registered with another agency', 'OTHER_AGENCY'],
    ['Already enquired - see record 1234', 'DUPLICATE'],
    ['Redirected to kinship team', 'KINSHIP'],
    ['Family and friends assessment instead', 'KINSHIP'],
  ];
  test.each(cases)('%s -> %s', async (reason, code) => {
    expect(await categoryOf(reason)).toBe(code);
  });

  test('case and surrounding spaces do not matter', async () => {
    expect(await categoryOf('  FINANCIAL REASONS ')).toBe('AW4');
  });

  test('with no reason (or one matching nothing) the status is read; then AW0 if either says the applicant withdrew; otherwise not known', async () => {
    expect(await categoryOf(null, 'Counselled out')).toBe('COUNSELLED_OUT');
    expect(await categoryOf('Personal', 'Closed - not suitable')).toBe('PANEL_NOT_SUITABLE');
    expect(await categoryOf(null, 'Withdrawn')).toBe('AW0');
    expect(await categoryOf('Withdrew - reason not recorded', 'Closed')).toBe('AW0');
    expect(await categoryOf('Personal reasons', 'NFA')).toBe('AW0');
    // Neither why nor who: not the applicant's withdrawal.
    expect(await categoryOf(null, 'NFA')).toBe('NOT_KNOWN');
    expect(await categoryOf('Other', 'Closed - Not Proceeding')).toBe('NOT_KNOWN');
    expect(await categoryOf(null, null)).toBe('NOT_KNOWN');
    // The reason wins over the status when both match something.
    expect(await categoryOf('Moving house', 'Counselled out')).toBe('AW3');
  });

  test('the sample\'s closes with no reason: AW0 only where the status says the applicant withdrew', async () => {
    const e = await testEngine();
    const closes = generateEnquiries({ count: 3500 }).filter((x) => !x.duplicate && x.closedDate && x.status !== 'Approved' && x.closureReason === null);
    const statuses = [...new Set(closes.map((x) => x.status))];
    const got = new Map((await e.query<{ status: string; code: ExitCode }>(
      `SELECT status, ${reasonCategorySql()} AS code FROM (VALUES ${statuses.map((t) => `(${lit(t)})`).join(', ')}) v(status), (SELECT NULL::VARCHAR AS reason)`,
    )).map((r) => [r.status, r.code]));
    // Written out by hand from the generator's statuses: who ended it is known from these alone.
    const byStatus: Record<string, ExitCode> = { Withdrawn: 'AW0', 'Counselled out': 'COUNSELLED_OUT', 'Not suitable': 'PANEL_NOT_SUITABLE' };
    for (const t of statuses) expect(got.get(t), t).toBe(byStatus[t] ?? 'NOT_KNOWN');
    const notKnown = closes.filter((x) => !(x.status in byStatus)).length;
    console.log(`sample closes with no reason: ${closes.length}, of which not known: ${notKnown} (${statuses.join(', ')})`);
    expect(notKnown).toBeGreaterThan(100);
  });

  test('overrides win over every rule; only the exact (trimmed) text', async () => {
    expect(await categoryOf('Personal', null, { Personal: 'AW3' })).toBe('AW3');
    expect(await categoryOf('Moving house', null, { 'Moving house': 'AW1' })).toBe('AW1');
    expect(await categoryOf('Moving house soon', null, { 'Moving house': 'AW1' })).toBe('AW3');
    expect(await categoryOf("O'Brien's reason", null, { "O'Brien's reason": 'DUPLICATE' })).toBe('DUPLICATE');
  });

  test('every rule names a known category', () => {
    const codes = new Set(EXIT_CATEGORIES.map((c) => c.code));
    for (const r of DEFAULT_REASON_RULES) expect(codes.has(r.code)).toBe(true);
  });
});

const ROWS = [
  'A,01/01/2024,,,,,,,NFA,No response,,',
  'B,01/01/2024,,,,,,,NFA,,,',
  'C,01/01/2024,10/01/2024,,,,,,Withdrawn,Moving house,,',
  'D,01/01/2024,10/01/2024,,,,,,Withdrawn,Moved out of area,,',
  'E,01/01/2024,10/01/2024,01/02/2024,,,,,Withdrawn,Financial reasons,,',
  'F,01/01/2024,10/01/2024,01/02/2024,01/03/2024,,,,In progress,,,', // open: never an exit
  'G,01/01/2024,10/01/2024,01/02/2024,01/03/2024,01/04/2024,01/05/2024,,Closed - Not Proceeding,Panel did not recommend,,',
  'H,01/01/2024,,,,,,,In progress,Duplicate record,15/01/2024,', // exit date only
];

describe('exitReasons', () => {
  test('exits per furthest stage and category; open enquiries are not exits', async () => {
    const { engine, settings } = await setup(wide(ROWS));
    const rows = await runSpec(engine, exitReasonsMetric, { settings });
    const order = settings.stages.map((x) => x.id);
    // Ordered by stage, most common first.
    for (let i = 1; i < rows.length; i++) {
      const a = order.indexOf(rows[i - 1].stage);
      const b = order.indexOf(rows[i].stage);
      expect(a < b || (a === b && rows[i - 1].n >= rows[i].n)).toBe(true);
    }
    const sorted = [...rows].sort((a, b) => order.indexOf(a.stage) - order.indexOf(b.stage) || a.code.localeCompare(b.code));
    expect(sorted).toEqual([
      { stage: 'enquiry', code: 'DUPLICATE', n: 1 },
      { stage: 'enquiry', code: 'LOST_CONTACT', n: 1 },
      { stage: 'enquiry', code: 'NOT_KNOWN', n: 1 },
      { stage: 'initial_visit', code: 'AW3', n: 2 },
      { stage: 'application', code: 'AW4', n: 1 },
      { stage: 'panel', code: 'PANEL_NOT_SUITABLE', n: 1 },
    ]);
  });

  test('overrides apply; filters apply; an empty filter result gives no rows', async () => {
    const { engine, settings } = await setup(wide(ROWS));
    const rows = await runSpec(engine, exitReasonsMetric, { settings, overrides: { 'Moving house': 'AW1' } });
    expect(rows.filter((r) => r.stage === 'initial_visit').map((r) => r.code).sort()).toEqual(['AW1', 'AW3']);
    expect(await runSpec(engine, exitReasonsMetric, { settings, filters: { campaigns: ['nobody'] } })).toEqual([]);
  });

  test('hidden stages: exits are placed at the visible stage their evidence counts towards', async () => {
    const { engine, settings } = await setup(wide(ROWS), hiding('initial_visit', 'panel'));
    const rows = await runSpec(engine, exitReasonsMetric, { settings });
    expect(rows.filter((r) => r.stage === 'enquiry').reduce((a, r) => a + r.n, 0)).toBe(5);
    expect(rows.find((r) => r.code === 'PANEL_NOT_SUITABLE')!.stage).toBe('stage2');
  });

  test('no exits at all: no rows', async () => {
    const { engine, settings } = await setup(wide(['A,01/01/2024,,,,,,,In progress,,,', 'B,01/01/2024,,,,,,,On Hold,,,']));
    expect(await runSpec(engine, exitReasonsMetric, { settings })).toEqual([]);
  });

  test('reasonTexts lists each distinct reason with its category, most common first', async () => {
    const { engine, settings } = await setup(wide(ROWS));
    const texts = await runSpec(engine, reasonTextsMetric, { settings });
    const key = (t: { reason: string | null }) => t.reason ?? '\uffff';
    const byReason = [...texts].sort((a, b) => (key(a) < key(b) ? -1 : 1));
    expect(byReason).toEqual([
      { reason: 'Duplicate record', code: 'DUPLICATE', n: 1 },
      { reason: 'Financial reasons', code: 'AW4', n: 1 },
      { reason: 'Moved out of area', code: 'AW3', n: 1 },
      { reason: 'Moving house', code: 'AW3', n: 1 },
      { reason: 'No response', code: 'LOST_CONTACT', n: 1 },
      { reason: 'Panel did not recommend', code: 'PANEL_NOT_SUITABLE', n: 1 },
      { reason: null, code: 'NOT_KNOWN', n: 1 },
    ]);
    expect(await runSpec(engine, reasonTextsMetric, { settings, limit: 2 })).toHaveLength(2);
  });
});

describe('reasonsUnread', () => {
  test('the services more than half of whose leavers have no reason that is read, with their leavers', async () => {
    const HUB = 'Ref,Enquiry Date,Status,Reason,Exit Date,Service';
    const { engine, settings } = await setup(wide([
      'W1,01/01/2024,Withdrawn,Moving house,01/02/2024,Westmere', 'W2,01/01/2024,Closed,,01/02/2024,Westmere',
      'N1,01/01/2024,Closed,,01/02/2024,Northvale', 'N2,01/01/2024,Closed,,01/02/2024,Northvale', 'N3,01/01/2024,In progress,,,Northvale',
      'T1,01/01/2024,Closed,Gobbledygook,01/02/2024,Tinyham',
      // No reason column in Eastbrook's own system: only a status that says why is read.
      'E1,01/01/2024,Closed,,01/02/2024,Eastbrook', 'E2,01/01/2024,Closed,,01/02/2024,Eastbrook', 'E3,01/01/2024,Counselled out,,01/02/2024,Eastbrook',
      'X1,01/01/2024,Closed,,01/02/2024,',
    ], HUB));
    // Westmere has one of its two read (half, not most); Eastbrook two of three unread, Northvale's two and Tinyham's one (its text is read as nothing known).
    expect(await runSpec(engine, reasonsUnreadMetric, { settings, column: 'Service' })).toEqual([
      { service: 'Eastbrook', left: 3, unread: 2 }, { service: 'Northvale', left: 2, unread: 2 }, { service: 'Tinyham', left: 1, unread: 1 },
    ]);
    // A user's own reading of Tinyham's text makes it read.
    expect((await runSpec(engine, reasonsUnreadMetric, { settings, column: 'Service', overrides: { Gobbledygook: 'AW3' } })).map((u) => u.service)).toEqual(['Eastbrook', 'Northvale']);
    expect(await runSpec(engine, reasonsUnreadMetric, { settings, column: 'Service', filters: { attributes: { Service: ['Westmere'] } } })).toEqual([]);
  });
});
