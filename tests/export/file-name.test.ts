import { describe, expect, it } from 'vitest';
import { csvFileName, downloadStamp, MAX_FILE_NAME, parquetFileName } from '../../src/lib/export/file-name';

describe('csvFileName', () => {
  it.each<[string, Parameters<typeof csvFileName>[1], string]>([
    ['compare', { category: 'ai_training_data', asOf: '2024-01-01' }, 'termscope-compare-ai_training_data-asof-2024-01-01.csv'],
    ['overview', {}, 'termscope-overview.csv'],
    ['compare', { category: undefined, platform: [], q: '' }, 'termscope-compare.csv'],
    ['compare', { platform: ['chatbox', 'pixelgram'] }, 'termscope-compare-chatbox+pixelgram.csv'],
    ['timeline', { from: '2023-01-01', to: '2024-12-31', limit: 100 }, 'termscope-timeline-from-2023-01-01-to-2024-12-31-limit-100.csv'],
    ['compare', { removed: true }, 'termscope-compare-removed-true.csv'],
    ['sql', { q: 'évidence / "x" <y>' }, 'termscope-sql-evidence_x_y.csv'],
    ['../etc/passwd', { id: '..\\..\\x' }, 'termscope-etc_passwd-x.csv'],
    ['compare', { id: 'CA-P-004267' }, 'termscope-compare-CA-P-004267.csv']
  ])('%s %j -> %s', (view, filters, name) => {
    expect(csvFileName(view, filters)).toBe(name);
  });

  it('keeps names short and tells long ones apart by a hash', () => {
    const many = Array.from({ length: 60 }, (_, i) => `platform_${i}`);
    const a = csvFileName('compare', { platform: many });
    const b = csvFileName('compare', { platform: [...many.slice(0, 59), 'platform_x'] });
    expect(a.length).toBeLessThanOrEqual(MAX_FILE_NAME);
    expect(a).toMatch(/^termscope-compare-platform_0\+platform_1\+.*-[0-9a-f]{8}\.csv$/);
    expect(a).not.toBe(b);
  });

  it('uses only safe characters', () => {
    const name = csvFileName('x y', { q: '\u0000<>:"/\\|?*\u202e\n' });
    expect(name).toMatch(/^[A-Za-z0-9._+-]+$/);
    expect(parquetFileName('compare', { asOf: '2024-01-01' })).toBe('termscope-compare-asof-2024-01-01.parquet');
  });
});

describe('downloadStamp', () => {
  it('is the UTC moment, to the second, in a name-safe form', () => {
    // 23:59:58 on Dec 31 in Los Angeles is already the next day in UTC: the stamp does not depend on the time zone.
    expect(downloadStamp(new Date('2025-01-01T07:59:58.731Z'))).toBe('20250101-075958');
    expect(csvFileName('sql', { at: downloadStamp(new Date('2024-02-29T00:00:00Z')) })).toBe('termscope-sql-at-20240229-000000.csv');
  });
});
