import { describe, expect, it } from 'vitest';
import { testEngine } from '../../helpers/engine';
import { dropRelations, hasRelation, tableMatchSql } from '../../../src/lib/engine/catalog';

describe('catalog', () => {
  it('finds tables and views in the current database, and qualified ones in the uncompressed one', async () => {
    const e = await testEngine();
    await e.exec(`CREATE OR REPLACE TABLE cat_t AS SELECT 1 AS x; CREATE OR REPLACE VIEW cat_v AS SELECT * FROM cat_t;
      CREATE OR REPLACE TABLE memory.main.cat_m AS SELECT 1 AS x`);
    expect(await Promise.all(['cat_t', 'cat_v', 'memory.main.cat_m', 'cat_m', 'cat_none'].map((n) => hasRelation(e, n))))
      .toEqual([true, true, true, false, false]);
    expect(tableMatchSql('memory.main.cat_m')).toBe("database_name = 'memory' AND table_name = 'cat_m'");
  });

  it('drops views before the tables they read, in every database', async () => {
    const e = await testEngine();
    await e.exec(`CREATE OR REPLACE TABLE cat2_t AS SELECT 1 AS x; CREATE OR REPLACE VIEW cat2_v AS SELECT * FROM cat2_t;
      CREATE OR REPLACE TABLE memory.main.cat2_m AS SELECT 1 AS x`);
    await dropRelations(e, `starts_with(table_name, 'cat2_')`);
    expect(await Promise.all(['cat2_t', 'cat2_v', 'memory.main.cat2_m'].map((n) => hasRelation(e, n)))).toEqual([false, false, false]);
  });

  it('drops them all in one statement sent to the engine (none when nothing matches), whatever their names hold', async () => {
    const e = await testEngine();
    await e.exec(`CREATE OR REPLACE TABLE "cat3_a;b" AS SELECT 1 AS x; CREATE OR REPLACE VIEW "cat3_""v""" AS SELECT * FROM "cat3_a;b";
      CREATE OR REPLACE TABLE memory.main.cat3_m AS SELECT 1 AS x`);
    const sent: string[] = [];
    const counting = { ...e, exec: (sql: string) => (sent.push(sql), e.exec(sql)) };
    await dropRelations(counting, `starts_with(table_name, 'cat3_')`);
    expect(sent).toHaveLength(1);
    expect(await Promise.all(['cat3_a;b', 'cat3_"v"', 'memory.main.cat3_m'].map((n) => hasRelation(e, n)))).toEqual([false, false, false]);
    await dropRelations(counting, `starts_with(table_name, 'cat3_')`);
    expect(sent).toHaveLength(1);
  });
});
