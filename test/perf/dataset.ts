import { attributeColumn, stageDateColumn } from '../../src/lib/schema';

const STAGES = ['enquiry', 'initial_visit', 'application', 'stage1', 'stage2', 'panel', 'approved'];

/** The canonical tables, generated set-based: pseudo-random but deterministic (hash of the row number). */
export function datasetSql(N: number): string {
  const rnd = (salt: number, mod: number) => `(hash(i * 7919 + ${salt}) % ${mod})::INTEGER`;
  const list = (xs: string[], salt: number) => `[${xs.map((x) => `'${x}'`).join(', ')}][1 + ${rnd(salt, xs.length)}]`;
  // Furthest real stage: about 31% reach a visit and 3.5% approval, as nationally.
  const target = `CASE WHEN r < 690 THEN 0 WHEN r < 880 THEN 1 WHEN r < 930 THEN 2 WHEN r < 948 THEN 3 WHEN r < 958 THEN 4 WHEN r < 965 THEN 5 ELSE 6 END`;
  const gaps = STAGES.slice(1).map((_, k) => `${rnd(100 + k, 90)} + 3`);
  const cum = (k: number) => gaps.slice(0, k).join(' + ');
  const stageDates = STAGES.slice(1).map((st, j) => {
    const k = j + 1;
    // Earlier stages are sometimes not recorded (skipped); stage 2 sometimes ends before stage 1 (overlap).
    return `CASE WHEN t >= ${k} AND (t = ${k} OR ${rnd(200 + k, 10)} > 0) THEN enq + (${cum(k)})${st === 'stage2' ? ` - ${rnd(300, 40)}` : ''} END AS "${st}"`;
  });
  const reasons = ['No response', 'Moving house', 'Financial reasons', 'Not the right time', 'Process too long', 'Counselled out', 'DBS concerns', 'Went to an IFA', 'Duplicate', 'Personal'];
  const campaigns = ['Radio', 'Web', 'Facebook', 'Print', 'Bus stop', 'Event', 'Word of mouth', 'Newsletter', 'Google', 'TV', 'Podcast', 'Leaflet'];
  return `
    CREATE OR REPLACE TABLE perf_base AS
      SELECT i, enq, r, t, ${stageDates.join(', ')},
        CASE WHEN t = 6 THEN 'approved' WHEN ${rnd(400, 10)} < 6 THEN 'left' ELSE 'open' END AS fate
      FROM (SELECT i, DATE '2019-04-01' + ${rnd(1, 2000)} AS enq, ${rnd(2, 1000)} AS r,
                   ${target.replaceAll('r <', `${rnd(2, 1000)} <`)} AS t
            FROM range(${N}) r(i));
    CREATE OR REPLACE TABLE perf_enquiries AS
      SELECT 'E' || i AS id, enq AS enquiry_date,
        CASE WHEN ${rnd(500, 20)} = 0 THEN NULL ELSE ${list(campaigns, 501)} END AS campaign,
        ${list(['Friend', 'Facebook', 'Google', 'Radio', 'Event', 'Leaflet', 'Other', 'Website'], 502)} AS source,
        CASE fate WHEN 'approved' THEN 'Approved' WHEN 'left' THEN ${list(['Withdrawn', 'NFA', 'Closed - Not Proceeding'], 503)}
                  ELSE ${list(['In progress', 'On Hold'], 504)} END AS status,
        CASE fate WHEN 'approved' THEN 'approved' WHEN 'left' THEN 'left' ELSE 'open' END AS outcome_hint,
        CASE WHEN fate = 'left' THEN ${list(reasons, 505)} END AS reason,
        CASE WHEN fate = 'left' THEN greatest(enq, ${STAGES.slice(1).map((s) => `"${s}"`).join(', ')}) + ${rnd(506, 30)} END AS exit_date,
        NULL::VARCHAR AS current_stage,
        greatest(enq, ${STAGES.slice(1).map((s) => `"${s}"`).join(', ')}) AS last_date,
        1 AS rows,
        enq AS ${stageDateColumn('enquiry')}, ${STAGES.slice(1).map((s) => `"${s}" AS ${stageDateColumn(s)}`).join(', ')},
        CASE WHEN ${rnd(507, 8)} = 0 THEN NULL ELSE ${list(['White British', 'White Other', 'Black African', 'Black Caribbean', 'Asian', 'Mixed', 'Other'], 508)} END AS ${attributeColumn('Ethnicity')},
        ${list(['18-24', '25-34', '35-44', '45-54', '55-64', '65+'], 509)} AS ${attributeColumn('Age Band')},
        ${list(['Yes', 'No', 'Prefer not to say'], 510)} AS ${attributeColumn('Disability')},
        ${list(['BS1', 'BS2', 'BS3', 'BS4', 'BS5', 'BS6', 'BS7', 'BS8'], 511)} AS ${attributeColumn('Postcode District')}
      FROM perf_base;
    CREATE OR REPLACE TABLE perf_events AS
      ${['SELECT \'E\' || i AS id, \'enquiry\' AS stage, enq AS date FROM perf_base',
         ...STAGES.slice(1).map((s) => `SELECT 'E' || i, '${s}', "${s}" FROM perf_base WHERE "${s}" IS NOT NULL`)].join(' UNION ALL ')};
    CREATE OR REPLACE TABLE perf_costs AS
      SELECT campaign, (1000 + 250 * row_number() OVER (ORDER BY campaign))::DOUBLE AS spend
      FROM (SELECT unnest([${campaigns.map((c) => `'${c}'`).join(', ')}]) AS campaign);
    CREATE OR REPLACE VIEW enquiries AS SELECT * FROM perf_enquiries;
    CREATE OR REPLACE VIEW events AS SELECT * FROM perf_events;
    CREATE OR REPLACE VIEW costs AS SELECT * FROM perf_costs;
    DROP TABLE perf_base;`;
}
