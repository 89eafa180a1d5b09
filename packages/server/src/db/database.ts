/**
 * The one database abstraction: plain parameterised SQL ($1, $2 …) that runs unchanged on embedded
 * PGlite and on a PostgreSQL server. Repositories take a `Queryable` so they work inside or outside
 * a transaction. Inside `transaction(fn)`, use only the `tx` handed to `fn`: on PGlite a query on the
 * outer database would wait for the transaction to end, which never happens.
 */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs a script of one or more statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const PREPARED = new Map<string, string>();

/**
 * Marks a statement that runs on (nearly) every request to be prepared once per connection on PostgreSQL, so the
 * server parses and plans it once instead of each time (`db.query(prepared(SQL), params)`). Only for a constant SQL
 * text whose plan does not depend on the parameter values (a primary-key look-up); PGlite runs it as usual.
 */
export function prepared(sql: string): string {
  if (!PREPARED.has(sql)) PREPARED.set(sql, `anxin_p${PREPARED.size}`);
  return sql;
}

/** The statement name `prepared` gave this SQL text, if any. */
export const preparedName = (sql: string): string | undefined => PREPARED.get(sql);

/** Type parsers shared by both drivers so rows look the same whichever database answers. */
export const TYPE_PARSERS: Readonly<Record<number, (value: string) => unknown>> = {
  20: (v) => Number(v), // int8: counts and ids fit in a double
  1700: (v) => Number(v), // numeric
  1082: (v) => v, // date stays 'YYYY-MM-DD': no time zone games
  // timestamptz: both drivers' own parsers already return a Date.
};

/** Returns the first row or undefined. */
export async function queryOne<T>(db: Queryable, sql: string, params?: readonly unknown[]): Promise<T | undefined> {
  const rows = await db.query<T>(sql, params);
  return rows[0];
}
