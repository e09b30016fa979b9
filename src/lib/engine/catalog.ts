import type { Engine } from './engine';
import { ident, lit } from './sql';

/**
 * Tables and views of every attached database (the compressed `funnel` one
 * and DuckDB's uncompressed `memory`), with the columns of duckdb_tables().
 */
const RELATIONS = `(
  SELECT 'VIEW' AS kind, database_name, schema_name, view_name AS table_name FROM duckdb_views() WHERE NOT internal
  UNION ALL SELECT 'TABLE', database_name, schema_name, table_name FROM duckdb_tables())`;

/** SQL matching one table or view by name, "db.schema.name" or a name in the current database. */
export function tableMatchSql(name: string): string {
  const parts = name.split('.');
  const last = parts[parts.length - 1];
  return parts.length === 3
    ? `database_name = ${lit(parts[0])} AND table_name = ${lit(last)}`
    : `database_name = current_database() AND table_name = ${lit(last)}`;
}

/** True when a table or view of that name exists (see tableMatchSql). */
export async function hasRelation(engine: Engine, name: string): Promise<boolean> {
  const [{ n }] = await engine.query<{ n: number }>(`SELECT count(*) AS n FROM ${RELATIONS} WHERE ${tableMatchSql(name)}`);
  return n > 0;
}

/** Drops the views, then the tables, whose catalog row matches `where` (SQL over duckdb_tables() columns). */
export async function dropRelations(engine: Engine, where: string): Promise<void> {
  const found = await engine.query<{ kind: string; database_name: string; schema_name: string; table_name: string }>(
    `SELECT * FROM ${RELATIONS} WHERE ${where} ORDER BY kind DESC`,
  );
  // One message for them all: a dataset has a dozen, and each statement sent alone waits on the worker's round trip.
  if (found.length) await engine.exec(found.map((r) => `DROP ${r.kind} IF EXISTS ${[r.database_name, r.schema_name, r.table_name].map(ident).join('.')};`).join('\n'));
}
