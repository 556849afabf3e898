import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../test/csv-parse.ts';
import { cell, CSV_HEADERS, reportCsv } from './csv.ts';
import { RowAcc } from './report-row.ts';

describe('report CSV', () => {
  it('starts with a BOM, ends lines with CRLF and has Chinese headers', () => {
    const text = reportCsv([{ label: '服务', rows: [new RowAcc('biz', '企业开办').row({ issued: true, time: false })] }]);
    expect(text.startsWith('\uFEFF类别,代码,名称,取号量')).toBe(true);
    expect(text.split('\r\n')).toHaveLength(3);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(CSV_HEADERS);
    expect(rows[1].slice(0, 4)).toEqual(['服务', 'biz', '企业开办', '0']);
    expect(rows[1][CSV_HEADERS.indexOf('空闲(秒)')]).toBe('');
  });

  it('quotes commas, quotes and line breaks, and defuses formulas', () => {
    expect(cell('a,b')).toBe('"a,b"');
    expect(cell('say "hi"')).toBe('"say ""hi"""');
    expect(cell('two\nlines')).toBe('"two\nlines"');
    expect(cell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(cell('-12.5%')).toBe('-12.5%');
    expect(cell(null)).toBe('');
    expect(cell(3.5)).toBe('3.5');
    expect(parseCsv('\uFEFFa,"b,""c"""\r\n"x\ny",z\r\n')).toEqual([['a', 'b,"c"'], ['x\ny', 'z']]);
  });
});
