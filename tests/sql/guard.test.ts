import { describe, expect, it } from 'vitest';
import { errorHint, refusal } from '../../src/lib/sql/guard';

describe('refusal', () => {
  it.each(['INSTALL httpfs', 'install httpfs;', 'FORCE INSTALL httpfs', 'LOAD httpfs', '-- note\nLOAD httpfs', '/* x */ load json', 'SELECT 1; LOAD httpfs', 'EXPLAIN ANALYZE LOAD httpfs', 'explain install httpfs'])(
    'refuses %j',
    (sql) => {
      expect(refusal(sql)).toMatch(/^Permission Error: (INSTALL|LOAD) is not allowed/);
    }
  );

  it.each(['SELECT 1', "SELECT 'LOAD httpfs'", 'SELECT load_time FROM t', '-- LOAD httpfs\nSELECT 1', 'SELECT 1 AS install'])('lets %j through', (sql) => {
    expect(refusal(sql)).toBeNull();
  });
});

describe('errorHint', () => {
  it('explains what to do instead of installing an extension', () => {
    expect(errorHint('Catalog Error: Table Function with name "read_parquet" is not in the catalog, but it exists in the parquet extension.')).toMatch(
      /does not install or load extensions \(parquet included\)/
    );
    expect(errorHint('Binder Error: Referenced column "x" not found')).toBeNull();
  });

  it('says what to do about DuckDB running out of its memory limit', () => {
    expect(errorHint('Out of Memory Error: could not allocate block of size 256.0 KiB (2.7 GiB/2.7 GiB used)')).toMatch(
      /may use 3 GB \(its memory limit.*aggregate or filter.*LIMIT/
    );
  });
});
