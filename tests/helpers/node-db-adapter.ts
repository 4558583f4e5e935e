/**
 * `NodeDb` (`@duckdb/node-api`) as the app's `Db` interface, so code written for pages (`loadOverview`, …) runs in
 * Node over the same engine version the browser uses: the scripts' own adapter, under the name the tests use.
 */
export { asAppDb as nodeDbAdapter } from '../../scripts/lib/duckdb-node';
