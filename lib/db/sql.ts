/**
 * The small raw-SQL surface shared by the migrator, the seeders and the vector search.
 * Both backends (PGlite, node-postgres) implement it, so the same SQL runs on each.
 */
export interface SqlClient {
  readonly backend: "pglite" | "postgres";
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>;
  /** Several statements separated by `;`, no parameters (migrations). */
  exec(text: string): Promise<void>;
  /** Runs fn in one transaction on one connection; rolls back if it throws. */
  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T>;
}
