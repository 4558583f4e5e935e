/**
 * `NodeDb` (`@duckdb/node-api`) as the app's `Db` interface, so code written for pages (`loadOverview`, …) runs in
 * Node over the same engine version the browser uses.
 */
import type { NodeDb } from '../../scripts/lib/duckdb-node';
import type { Db } from '../../src/lib/db/types';

export function nodeDbAdapter(node: NodeDb): Db {
  return {
    async query(query, options = {}) {
      // node-api cannot cancel a running statement; honouring an abort before it starts is what the app relies on.
      options.signal?.throwIfAborted();
      const rows = await node.query(query.sql, query.params);
      options.signal?.throwIfAborted();
      return rows;
    }
  };
}
