/** Which errors poison the engine: wasm traps and a given-up worker, not an analyst's value that reads like one. */
import { describe, expect, it } from 'vitest';
import { isFatalEngineError } from '../../src/lib/db/errors';
import { EngineUnresponsive } from '../../src/lib/db/watchdog';
import { looksOutOfMemory } from '../../src/lib/db/parquet-protocol';

const named = (name: string, message: string) => Object.assign(new Error(message), { name });

describe('isFatalEngineError', () => {
  it.each([
    new Error('memory access out of bounds'),
    new Error('unreachable'),
    new Error('RuntimeError: unreachable'),
    new Error('table index is out of bounds'),
    named('RuntimeError', 'anything'),
    new EngineUnresponsive("DuckDB's worker did not answer for 10 s"),
    new Error('DuckDB worker crashed: x')
  ])('%s is fatal', (error) => {
    expect(isFatalEngineError(error)).toBe(true);
  });

  it.each([
    new Error("Conversion Error: Could not convert string 'unreachable' to INT32"),
    new Error('Binder Error: Referenced column "memory access out of bounds" not found'),
    new Error('Out of Memory Error: could not allocate block of size 256.0 KiB (2.7 GiB/2.7 GiB used)'),
    new Error('Parser Error: syntax error at or near "SELEC"')
  ])('%s is not', (error) => {
    expect(isFatalEngineError(error)).toBe(false);
  });
});

describe('looksOutOfMemory (a Parquet decode failure)', () => {
  const GiB = 1024 ** 3;
  it.each([
    ['unreachable', 1.2 * GiB, true],
    ['memory allocation of 1288490188 bytes failed', 1_000, true],
    ['RuntimeError: memory access out of bounds', GiB, true],
    ['unreachable', 10 * 1024 * 1024, false],
    ['Parquet error: Invalid Parquet file. Corrupt footer', 1.2 * GiB, false],
    ['Parquet error: underlying IO error: EOF', 0, false]
  ] as const)('%j with %d bytes of row groups: %s', (message, bytes, expected) => {
    expect(looksOutOfMemory(message, bytes)).toBe(expected);
  });
});
