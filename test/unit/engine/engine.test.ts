import { describe, expect, it } from 'vitest';
import { testEngine } from '../../helpers/engine';
import { STARTUP_SQL } from '../../../src/lib/engine/engine';

describe('the engine as the app starts it', () => {
  it('never fetches an extension: autoinstall and autoload are off, so a missing feature fails loudly', async () => {
    const e = await testEngine();
    const [r] = await e.query<{ install: boolean; load: boolean }>(
      `SELECT current_setting('autoinstall_known_extensions') AS install, current_setting('autoload_known_extensions') AS load`,
    );
    expect(r).toEqual({ install: false, load: false });
    // JSON is not compiled in: using it is an error, not a download.
    await expect(e.query(`SELECT '{"a": 1}'::JSON ->> 'a' AS v`)).rejects.toThrow();
  });

  it('keeps its tables in the compressed in-memory database', async () => {
    const e = await testEngine();
    expect(STARTUP_SQL.some((s) => /ATTACH ':memory:' AS funnel \(COMPRESS\)/.test(s))).toBe(true);
    const [r] = await e.query<{ db: string }>('SELECT current_database() AS db');
    expect(r.db).toBe('funnel');
  });
});
