// Queries compiled once. Kysely builds and compiles a query on every call; for the few queries every case write
// runs whose SQL depends only on how many values they take (the dashboard's counts: keep.ts), that took a good
// part of each write (the counts' upsert of some fifty rows: twice what SQLite took to run it). Such a query is
// built once per shape with slots where its values go, and later calls run that SQL with their values in place.
import type { CompiledQuery, QueryResult } from 'kysely';
import { dialectOf } from './connect';
import type { Tx } from './transaction';

/** Where the `index`-th value of a call goes; a parameter like any other to Kysely. */
class Slot {
  constructor(readonly index: number) {}
}

/** A query builder's or a raw query's: the latter needs the database to compile. */
interface Compilable<Row> { compile(db: Tx): CompiledQuery<Row> }

/**
 * `build(tx, slot)` makes the query for a shape, `slot(i)` standing for the i-th value; a shape is a string that
 * fixes the SQL (a count of rows or ids, say): the same shape must always build the same SQL. The returned
 * function runs the query of `shape` with `values` (as many as the shape's slots).
 */
export function reusedQuery<Row>(build: (tx: Tx, shape: string, slot: (index: number) => unknown) => Compilable<Row>, maxShapes = 64) {
  const compiled = new Map<string, CompiledQuery<Row>>();
  return (tx: Tx, shape: string, values: readonly unknown[]): Promise<QueryResult<Row>> => {
    const key = `${dialectOf(tx)} ${shape}`;
    let query = compiled.get(key);
    if (!query) {
      query = build(tx, shape, (i) => new Slot(i)).compile(tx);
      // A rare large write (a decision for hundreds of cases) makes shapes of its own: the oldest go.
      if (compiled.size >= maxShapes) compiled.delete(compiled.keys().next().value!);
      compiled.set(key, query);
    }
    const parameters = query.parameters.map((p) => (p instanceof Slot ? values[p.index] : p));
    return tx.executeQuery<Row>({ ...query, parameters });
  };
}
