import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  AFTER_APPROVAL,
  CARERS_HEADER,
  CALIBRATION,
  generateCarers,
  toCarersCsv,
  STAGES,
  campaignSpend,
  generateEnquiries,
  summarise,
  toCostSheetCsv,
  toEventLogCsv,
  toStatusListCsv,
  toWideCsv,
  writeEventLogCsv,
  writeStatusListCsv,
  writeWideCsv,
  type Enquiry,
} from '../../../scripts/sample/generate.mjs';

const WIDE_HEADER =
  'Ref No,Date of Enquiry,How did you hear about us?,Campaign,Initial Home Visit Date,Application Received,' +
  'Stage One Completed,Stage Two Completed,Panel Date,ADM Decision Date,Current Status,Reason for Closure,' +
  'Date Closed,Ethnicity,Age Band,Disability,Sexual Orientation,Religion,Household Type,Postcode District,' +
  'First Placement Date,Date Deregistered,Reason for Deregistration';

/** Minimal RFC 4180 reader: quoted fields, doubled quotes, CRLF or LF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const ukToIso = (uk: string) => `${uk.slice(6, 10)}-${uk.slice(3, 5)}-${uk.slice(0, 2)}`;
const dateFields = STAGES.map((s) => s.field);
const stageIndex = (id: string) => STAGES.findIndex((s) => s.id === id);
type OutcomeClass = 'approved' | 'open' | 'withdrawn' | 'closed';
const outcomeClass = (status: string): OutcomeClass =>
  status === 'Approved' ? 'approved' : status === 'In progress' || status === 'On Hold' ? 'open' : status === 'Withdrawn' ? 'withdrawn' : 'closed';

const SMALL = generateEnquiries({ count: 5000 });
const BIG = generateEnquiries({ count: 40000, seed: 99 });
const unique = (rows: Enquiry[]) => rows.filter((e) => !e.duplicate);

describe('generateEnquiries', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = generateEnquiries({ count: 800, seed: 42 });
    const b = generateEnquiries({ count: 800, seed: 42 });
    const c = generateEnquiries({ count: 800, seed: 43 });
    expect(b).toEqual(a);
    expect(toWideCsv(b)).toBe(toWideCsv(a));
    expect(toWideCsv(c)).not.toBe(toWideCsv(a));
    // Defaults are the documented ones.
    expect(generateEnquiries({ count: 50 })).toEqual(generateEnquiries({ count: 50, seed: 20231, start: '2022-04-01', asOf: '2026-10-31' }));
  });

  it('makes exactly `count` distinct enquiries with refs FE-000123 in date order', () => {
    const rows = unique(SMALL);
    expect(rows).toHaveLength(5000);
    expect(new Set(rows.map((e) => e.ref)).size).toBe(5000);
    expect(rows[0].ref).toBe('FE-000001');
    expect(rows.every((e) => /^FE-\d{6}$/.test(e.ref))).toBe(true);
    expect(rows.every((e, i) => i === 0 || e.enquiryDate >= rows[i - 1].enquiryDate)).toBe(true);
  });

  it('hits the calibrated national ranges for 5,000 enquiries', () => {
    const s = summarise(SMALL);
    const n = s.enquiries;
    const visit = s.reached.initial_visit / n;
    const app = s.reached.application / n;
    const approvedPerApp = s.reached.approved / s.reached.application;
    expect(visit).toBeGreaterThanOrEqual(0.25);
    expect(visit).toBeLessThanOrEqual(0.37);
    expect(app).toBeGreaterThanOrEqual(0.09);
    expect(app).toBeLessThanOrEqual(0.15);
    expect(approvedPerApp).toBeGreaterThanOrEqual(0.4);
    expect(approvedPerApp).toBeLessThanOrEqual(0.65);
  });

  it('puts nothing after the as-of date and no stage before the enquiry', () => {
    const bad: string[] = [];
    for (const rows of [SMALL, BIG]) {
      for (const e of rows) {
        if (e.enquiryDate < '2022-04-01') bad.push(`${e.ref} enquiry before start`);
        for (const f of [...dateFields, 'closedDate'] as const) {
          const d = e[f];
          if (d === null) continue;
          if (d > '2026-10-31') bad.push(`${e.ref} ${f} ${d} after as-of`);
          if (d < e.enquiryDate) bad.push(`${e.ref} ${f} ${d} before enquiry`);
        }
      }
    }
    const cut = generateEnquiries({ count: 2000, asOf: '2024-03-31' });
    for (const e of cut) for (const f of [...dateFields, 'closedDate'] as const) if (e[f] && e[f]! > '2024-03-31') bad.push(`${e.ref} ${f}`);
    expect(bad).toEqual([]);
  });

  it('keeps statuses, closure dates and stages consistent', () => {
    const bad: string[] = [];
    for (const e of unique(BIG)) {
      const closed = !['Approved', 'In progress', 'On Hold'].includes(e.status);
      if ((e.closedDate !== null) !== closed) bad.push(`${e.ref} closed date vs ${e.status}`);
      if (!closed && e.closureReason !== null) bad.push(`${e.ref} reason on open/approved case`);
      if ((e.approvedDate !== null) !== (e.status === 'Approved')) bad.push(`${e.ref} ADM date vs ${e.status}`);
      let last = 0;
      dateFields.forEach((f, i) => {
        if (e[f]) last = i;
      });
      if (e.furthestStage !== STAGES[last].id) bad.push(`${e.ref} furthest ${e.furthestStage}`);
    }
    expect(bad).toEqual([]);
  });

  it('leaves recent enquiries open and closes old pre-visit ones', () => {
    const rows = unique(BIG);
    const recent = rows.filter((e) => e.enquiryDate >= '2026-10-01');
    const open = recent.filter((e) => e.status === 'In progress' || e.status === 'On Hold');
    expect(open.length / recent.length).toBeGreaterThan(0.5);
    const old = rows.filter((e) => e.enquiryDate < '2024-01-01');
    expect(old.every((e) => e.status !== 'In progress' && e.status !== 'On Hold')).toBe(true);
    expect(rows.some((e) => e.status === 'On Hold')).toBe(true);
    expect(rows.some((e) => e.status === 'In progress' && stageIndex(e.furthestStage) >= stageIndex('stage1'))).toBe(true);
  });

  it('has the documented realism quirks, in small numbers', () => {
    const rows = unique(BIG);
    const applied = rows.filter((e) => e.applicationDate);
    const noVisit = applied.filter((e) => e.initialVisitDate === null).length / applied.length;
    expect(noVisit).toBeGreaterThan(0.02);
    expect(noVisit).toBeLessThan(0.1);
    const withS2 = rows.filter((e) => e.stage1Date && e.stage2Date);
    const s2First = withS2.filter((e) => e.stage2Date! < e.stage1Date!).length / withS2.length;
    expect(s2First).toBeGreaterThan(0.01);
    expect(s2First).toBeLessThan(0.08);
    // Duplicated rows: same ref, same content, about 10 in 3,500.
    const dups = BIG.filter((e) => e.duplicate);
    expect(dups.length).toBeGreaterThan(40000 * 0.0015);
    expect(dups.length).toBeLessThan(40000 * 0.006);
    const byRef = new Map(rows.map((e) => [e.ref, e]));
    for (const d of dups) expect({ ...d, duplicate: false }).toEqual(byRef.get(d.ref));
    const sample = generateEnquiries({ count: 3500 });
    const sampleDups = sample.filter((e) => e.duplicate).length;
    expect(sampleDups).toBeGreaterThanOrEqual(4);
    expect(sampleDups).toBeLessThanOrEqual(20);
  });

  it('matches the national timings: ~273 days enquiry to approval, panel mostly within 8 months', () => {
    const rows = unique(BIG).filter((e) => e.approvedDate);
    const days = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000;
    const mean = rows.reduce((s, e) => s + days(e.enquiryDate, e.approvedDate!), 0) / rows.length;
    expect(mean).toBeGreaterThan(245);
    expect(mean).toBeLessThan(300);
    const toPanel = unique(BIG)
      .filter((e) => e.applicationDate && e.panelDate)
      .map((e) => days(e.applicationDate!, e.panelDate!))
      .sort((a, b) => a - b);
    const median = toPanel[toPanel.length >> 1];
    expect(median).toBeGreaterThan(120);
    expect(median).toBeLessThan(200);
    expect(toPanel.filter((d) => d <= 243).length / toPanel.length).toBeGreaterThan(0.8);
  });

  it('builds in the documented disparity and a poorly converting campaign', () => {
    const rows = unique(BIG);
    const pastS2 = (e: Enquiry) => stageIndex(e.furthestStage) >= stageIndex('stage2');
    const decided = (e: Enquiry) => stageIndex(e.furthestStage) >= stageIndex('stage1') && (pastS2(e) || e.closedDate !== null);
    const rate = (pred: (e: Enquiry) => boolean) => {
      const base = rows.filter((e) => pred(e) && decided(e));
      return base.filter(pastS2).length / base.length;
    };
    const group = rate((e) => e.ethnicity === CALIBRATION.disparityGroup);
    const others = rate((e) => e.ethnicity !== CALIBRATION.disparityGroup);
    expect(others - group).toBeGreaterThan(0.2);
    expect(group).toBeGreaterThan(0.3);

    const conv = (pred: (e: Enquiry) => boolean) => {
      const base = rows.filter((e) => pred(e) && e.enquiryDate < '2025-01-01');
      return base.filter((e) => stageIndex(e.furthestStage) >= stageIndex('application')).length / base.length;
    };
    const radio = conv((e) => e.campaign === 'Spring Radio 2023');
    const none = conv((e) => e.campaign === null);
    const champions = conv((e) => e.campaign === 'Community Champions');
    expect(radio).toBeLessThan(none * 0.6);
    expect(champions).toBeGreaterThan(none);
  });

  it('uses the listed vocabularies', () => {
    const rows = unique(BIG);
    const statuses = new Set(rows.map((e) => e.status));
    expect([...statuses].sort()).toEqual(
      ['Approved', 'Closed - Not Proceeding', 'Counselled out', 'In progress', 'NFA', 'Not suitable', 'On Hold', 'Withdrawn'].sort(),
    );
    const sources = new Set(rows.map((e) => e.source));
    for (const s of ['Website', 'Social media', 'Word of mouth / existing carer', 'Radio advert', 'Community event', 'Leaflet', 'Search engine', 'Other']) {
      expect(sources.has(s)).toBe(true);
    }
    const campaigns = new Set(rows.map((e) => e.campaign).filter((c) => c !== null));
    expect(campaigns.size).toBeGreaterThanOrEqual(5);
    expect(campaigns.size).toBeLessThanOrEqual(7);
    for (const c of campaigns) expect(campaignSpend().some((x) => x.name === c)).toBe(true);
    // Pre-visit exits are mostly NFA / no response; post-application exits mostly withdrawals.
    const exits = rows.filter((e) => e.closedDate);
    const early = exits.filter((e) => e.furthestStage === 'enquiry');
    expect(early.filter((e) => e.status === 'NFA' || e.closureCode === 'LOST_CONTACT').length / early.length).toBeGreaterThan(0.5);
    const late = exits.filter((e) => stageIndex(e.furthestStage) >= stageIndex('application'));
    expect(late.filter((e) => e.status === 'Withdrawn').length / late.length).toBeGreaterThan(0.5);
    expect(new Set(exits.map((e) => e.closureReason)).size).toBeGreaterThan(40);
  });
});

describe('CSV shapes', () => {
  const rows = generateEnquiries({ count: 3000, seed: 7 });
  const wide = parseCsv(toWideCsv(rows));
  const events = parseCsv(toEventLogCsv(rows));
  const status = parseCsv(toStatusListCsv(rows));

  it('writes the wide header exactly, UK dates and quoted commas', () => {
    expect(toWideCsv(rows).split('\r\n')[0]).toBe(WIDE_HEADER);
    expect(wide[0].join(',')).toBe(WIDE_HEADER);
    expect(wide).toHaveLength(rows.length + 1);
    const dateCols = [1, 4, 5, 6, 7, 8, 9, 12, 20, 21];
    const badRows = wide.slice(1).filter((r) => r.length !== 23 || dateCols.some((i) => !/^(\d{2}\/\d{2}\/\d{4})?$/.test(r[i])));
    expect(badRows).toEqual([]);
    const withComma = rows.filter((e) => e.closureReason?.includes(','));
    expect(withComma.length).toBeGreaterThan(0);
    expect(toWideCsv(withComma)).toContain(`"${withComma[0].closureReason}"`);
    const byRef = new Map(wide.slice(1).map((r) => [r[0], r]));
    for (const e of withComma) expect(byRef.get(e.ref)![11]).toBe(e.closureReason);
  });

  it('has the event-log and status-list headers, one enquiry per ref', () => {
    expect(events[0]).toEqual(['Reference', 'Milestone', 'Milestone Date']);
    expect(status[0]).toEqual(['Enquiry ID', 'Enquiry Date', 'Furthest Stage', 'Outcome', 'Source', 'Campaign']);
    expect(status).toHaveLength(3001);
    expect(new Set(status.slice(1).map((r) => r[0])).size).toBe(3000);
    const wideRefs = wide.slice(1).map((r) => r[0]);
    expect(wideRefs.length - new Set(wideRefs).size).toBe(rows.filter((e) => e.duplicate).length);
  });

  it('describes the same furthest stage and outcome for every enquiry in all three shapes', () => {
    const wideStageCols = STAGES.map((s) => wide[0].indexOf(s.wide));
    expect(wideStageCols.every((i) => i >= 0)).toBe(true);
    const statusCol = wide[0].indexOf('Current Status');
    const fromWide = new Map<string, { stage: number; outcome: OutcomeClass; status: string }>();
    for (const r of wide.slice(1)) {
      let stage = 0;
      wideStageCols.forEach((c, i) => {
        if (r[c] !== '') stage = i;
      });
      const prev = fromWide.get(r[0]);
      const cur = { stage, outcome: outcomeClass(r[statusCol]), status: r[statusCol] };
      if (prev) expect(cur).toEqual(prev); // duplicated rows agree with their originals
      fromWide.set(r[0], cur);
    }

    const fromEvents = new Map<string, { stage: number; outcome: OutcomeClass }>();
    for (const [ref, label] of events.slice(1)) {
      const cur = fromEvents.get(ref) ?? { stage: -1, outcome: 'open' as OutcomeClass };
      const i = STAGES.findIndex((s) => s.event === label);
      if (i >= 0) cur.stage = Math.max(cur.stage, i);
      else if (label === 'Withdrawn') cur.outcome = 'withdrawn';
      else if (label === 'Closed') cur.outcome = 'closed';
      else throw new Error(`Unexpected milestone ${label}`);
      if (i === stageIndex('approved')) cur.outcome = 'approved';
      fromEvents.set(ref, cur);
    }

    const fromStatus = new Map<string, { stage: number; status: string }>();
    for (const r of status.slice(1)) fromStatus.set(r[0], { stage: STAGES.findIndex((s) => s.status === r[2]), status: r[3] });

    expect(fromEvents.size).toBe(fromWide.size);
    expect(fromStatus.size).toBe(fromWide.size);
    const counts = (m: Map<string, { stage: number }>) => STAGES.map((_, i) => [...m.values()].filter((v) => v.stage >= i).length);
    const disagree: string[] = [];
    for (const [ref, w] of fromWide) {
      const ev = fromEvents.get(ref);
      const st = fromStatus.get(ref);
      if (!ev || ev.stage !== w.stage || ev.outcome !== w.outcome) disagree.push(`${ref} event log`);
      if (!st || st.stage !== w.stage || st.status !== w.status) disagree.push(`${ref} status list`);
    }
    expect(disagree).toEqual([]);
    expect(counts(fromEvents)).toEqual(counts(fromWide));
    expect(counts(fromStatus)).toEqual(counts(fromWide));
    // And they agree with the objects themselves.
    const s = summarise(rows);
    expect(counts(fromWide)).toEqual(STAGES.map((x) => s.reached[x.id]));
  });

  it('dates event-log rows (ISO) and wide rows (UK) from the same enquiry dates', () => {
    const byRef = new Map(unique(rows).map((e) => [e.ref, e]));
    const bad: string[] = [];
    for (const [ref, label, date] of events.slice(1)) {
      const e = byRef.get(ref)!;
      const want = label === 'Withdrawn' || label === 'Closed' ? e.closedDate : e[STAGES.find((s) => s.event === label)!.field];
      if (date !== want) bad.push(`${ref} ${label}`);
    }
    for (const r of wide.slice(1)) if (ukToIso(r[1]) !== byRef.get(r[0])!.enquiryDate) bad.push(`${r[0]} wide date`);
    expect(bad).toEqual([]);
  });

  it('writes the cost sheet with one quoted pound amount per campaign', () => {
    const csv = toCostSheetCsv(campaignSpend());
    const lines = parseCsv(csv);
    expect(lines[0]).toEqual(['Campaign', 'Spend']);
    expect(lines).toHaveLength(campaignSpend().length + 1);
    for (const [, spend] of lines.slice(1)) expect(spend).toMatch(/^£\d{1,3}(,\d{3})*$/);
    expect(csv).toMatch(/"£\d{1,3},\d{3}"/);
  });
});

describe('streaming writers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ff-sample-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('write exactly what the in-memory functions return, in small batches', async () => {
    const opts = { count: 1200, seed: 5, batchRows: 97 };
    const rows = generateEnquiries(opts);
    const w = await writeWideCsv(join(dir, 'w.csv'), opts);
    expect(readFileSync(join(dir, 'w.csv'), 'utf8')).toBe(toWideCsv(rows));
    expect(w.enquiries).toBe(1200);
    expect(w.rows).toBe(rows.length);
    expect(w.bytes).toBe(Buffer.byteLength(toWideCsv(rows)));
    await writeEventLogCsv(join(dir, 'e.csv'), opts);
    expect(readFileSync(join(dir, 'e.csv'), 'utf8')).toBe(toEventLogCsv(rows));
    const s = await writeStatusListCsv(join(dir, 's.csv'), opts);
    expect(readFileSync(join(dir, 's.csv'), 'utf8')).toBe(toStatusListCsv(rows));
    expect(s.rows).toBe(1200);
  });
});

describe('after approval', () => {
  const rows = unique(BIG);
  const approved = rows.filter((e) => e.approvedDate);
  const years = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / (365.25 * 86_400_000);

  it('writes placement and deregistration only for approved households, in order and by the as-of date', () => {
    const bad: string[] = [];
    for (const e of rows) {
      const after = [e.firstPlacementDate, e.deregisteredDate, e.deregistrationReason, e.deregistrationCode];
      if (!e.approvedDate) {
        if (after.some((x) => x !== null)) bad.push(`${e.ref} after-approval fields without approval`);
        continue;
      }
      if (e.firstPlacementDate && e.firstPlacementDate <= e.approvedDate) bad.push(`${e.ref} placed before approval`);
      if (e.deregisteredDate && e.deregisteredDate <= e.approvedDate) bad.push(`${e.ref} left before approval`);
      if (e.firstPlacementDate && e.deregisteredDate && e.firstPlacementDate >= e.deregisteredDate) bad.push(`${e.ref} placed after leaving`);
      if ((e.deregisteredDate === null) !== (e.deregistrationCode === null)) bad.push(`${e.ref} code without date`);
      if (e.deregistrationReason && !e.deregisteredDate) bad.push(`${e.ref} reason without date`);
      for (const d of [e.firstPlacementDate, e.deregisteredDate]) if (d && d > '2026-10-31') bad.push(`${e.ref} ${d} after as-of`);
    }
    expect(bad).toEqual([]);
  });

  it('leaves the enquiry columns exactly as they were drawn (after-approval draws use their own stream)', () => {
    // Pinned from the committed sample before the after-approval columns were added.
    const s = summarise(generateEnquiries({ count: 3500 }));
    expect(s.reached).toEqual({ enquiry: 3500, initial_visit: 1011, application: 399, stage1: 316, stage2: 218, panel: 204, approved: 190 });
    expect(s.open).toBe(128);
    expect(s.duplicateRows).toBe(8);
  });

  it('is calibrated: about 15% leave in the first year, 12% a year after; most are placed within three months', () => {
    // Counted directly among households followed for the whole year (or two).
    const followed1 = approved.filter((e) => years(e.approvedDate!, '2026-10-31') >= 1);
    const left1 = followed1.filter((e) => e.deregisteredDate && years(e.approvedDate!, e.deregisteredDate) < 1).length / followed1.length;
    expect(left1).toBeGreaterThan(0.11);
    expect(left1).toBeLessThan(0.19);
    const followed2 = followed1.filter((e) => years(e.approvedDate!, '2026-10-31') >= 2 && !(e.deregisteredDate && years(e.approvedDate!, e.deregisteredDate) < 1));
    const left2 = followed2.filter((e) => e.deregisteredDate && years(e.approvedDate!, e.deregisteredDate) < 2).length / followed2.length;
    expect(left2).toBeGreaterThan(0.08);
    expect(left2).toBeLessThan(0.16);
    const placed = followed1.filter((e) => e.firstPlacementDate);
    const days = placed.map((e) => (Date.parse(e.firstPlacementDate!) - Date.parse(e.approvedDate!)) / 86_400_000).sort((a, b) => a - b);
    const med = days[Math.floor(days.length / 2)];
    expect(med).toBeGreaterThan(AFTER_APPROVAL.placementDays.median - 8);
    expect(med).toBeLessThan(AFTER_APPROVAL.placementDays.median + 8);
    expect(placed.length / followed1.length).toBeGreaterThan(0.8);
  });

  it('writes the carers list: the approved enquiries with their references, plus an established stock standing alone', () => {
    const carers = generateCarers({ count: 3500 });
    const fromEnquiries = generateEnquiries({ count: 3500 }).filter((e) => !e.duplicate && e.approvedDate);
    const linked = carers.filter((c) => c.enquiryRef);
    expect(linked).toHaveLength(fromEnquiries.length);
    const byRef = new Map(linked.map((c) => [c.enquiryRef, c]));
    for (const e of fromEnquiries) {
      expect(byRef.get(e.ref)).toMatchObject({
        approvedDate: e.approvedDate, firstPlacementDate: e.firstPlacementDate, deregisteredDate: e.deregisteredDate, deregistrationReason: e.deregistrationReason,
      });
    }
    const alone = carers.filter((c) => !c.enquiryRef);
    expect(alone).toHaveLength(Math.round(3500 * AFTER_APPROVAL.establishedPerEnquiry));
    expect(alone.every((c) => c.approvedDate < '2022-04-01' && c.approvedDate >= AFTER_APPROVAL.establishedSince)).toBe(true);
    expect(carers.every((c, i) => i === 0 || c.approvedDate >= carers[i - 1].approvedDate)).toBe(true);
    expect(carers.map((c) => c.carerId)).toEqual(carers.map((_, i) => `FC-${String(i + 1).padStart(5, '0')}`));
    // As in England (5,125 deregistered against 4,080 approved in 2022-23), more leave than join in the full years.
    const fyFrom = (y: number) => `${y}-04-01`;
    for (const y of [2023, 2024, 2025]) {
      const inYear = (d: string | null) => d !== null && d >= fyFrom(y) && d < fyFrom(y + 1);
      const joined = carers.filter((c) => inYear(c.approvedDate)).length;
      const left = carers.filter((c) => inYear(c.deregisteredDate)).length;
      expect(left / joined, `${y}`).toBeGreaterThan(0.9);
      expect(left / joined, `${y}`).toBeLessThan(1.7);
    }
    const csv = parseCsv(toCarersCsv(carers));
    expect(csv[0]).toEqual(CARERS_HEADER);
    expect(csv).toHaveLength(carers.length + 1);
    expect(csv.slice(1).every((r) => r.length === 6 && /^\d{2}\/\d{2}\/\d{4}$/.test(r[2]))).toBe(true);
    expect(generateCarers({ count: 3500 })).toEqual(carers); // deterministic
  });
});
