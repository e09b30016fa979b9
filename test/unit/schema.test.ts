import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import {
  attributeColumn, attributeColumnName, DAYS_TO_FINAL, DAYS_TO_FINAL_COLUMN, rowStageDateColumn,
  stageDateColumn, stageIdOfDateColumnSql, stepBackwardsColumn, stepColumnNames, stepDaysColumn, stepSkippedColumn,
  visibleStageDateColumn, visibleStageDateName,
} from '../../src/lib/schema';
import { testEngine } from '../helpers/engine';

/** Every derived column for a stage id or raw column name, quoted. */
const derived = (x: string) => [
  stageDateColumn(x), rowStageDateColumn(x), visibleStageDateColumn(x), stepDaysColumn(x), stepBackwardsColumn(x), stepSkippedColumn(x),
];

describe('schema', () => {
  test('each kind of column has its own name: no two meanings share one', () => {
    const all = [...derived('panel'), attributeColumn('panel'), DAYS_TO_FINAL_COLUMN];
    expect(new Set(all).size).toBe(all.length);
  });

  test('an export\'s own column can never take the name of a derived one, whatever it is called', () => {
    fc.assert(fc.property(fc.string(), fc.string(), (exportColumn, stageId) => {
      expect(derived(stageId)).not.toContain(attributeColumn(exportColumn));
      expect(attributeColumn(exportColumn)).not.toBe(DAYS_TO_FINAL_COLUMN);
    }));
  });

  test('names and quoted columns agree', () => {
    expect(visibleStageDateColumn('stage1')).toBe(`"${visibleStageDateName('stage1')}"`);
    expect(attributeColumn('Age Band')).toBe(`"${attributeColumnName('Age Band')}"`);
    expect(DAYS_TO_FINAL_COLUMN).toBe(`"${DAYS_TO_FINAL}"`);
    expect(stepColumnNames('panel').map((n) => `"${n}"`)).toEqual([stepDaysColumn('panel'), stepBackwardsColumn('panel'), stepSkippedColumn('panel')]);
  });

  test('columns work in DuckDB, quotes in names included, and a stage date column gives back its stage id', async () => {
    const engine = await testEngine();
    const rows = await engine.query(`SELECT ${stageIdOfDateColumnSql('name')} AS stage, v FROM (
      UNPIVOT (SELECT 1 AS ${stageDateColumn('initial_visit')}, 2 AS ${stageDateColumn('say "x"')}) ON COLUMNS(*) INTO NAME name VALUE v) ORDER BY v`);
    expect(rows).toEqual([{ stage: 'initial_visit', v: 1 }, { stage: 'say "x"', v: 2 }]);
    const [row] = await engine.query(`SELECT 'Black African' AS ${attributeColumn('Ethnicity "self-described"')}`);
    expect(row).toEqual({ [attributeColumnName('Ethnicity "self-described"')]: 'Black African' });
  });
});
