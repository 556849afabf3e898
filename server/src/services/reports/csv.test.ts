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

  it('adds why bad reviews were bad: by reason code, unmatched text as given, counted under 差评数', () => {
    const text = reportCsv([], [{ code: 'wait', text: '等候时间长', count: 3 }, { code: null, text: '窗口空调太冷', count: 1 }]);
    const rows = parseCsv(text);
    expect(rows).toHaveLength(3);
    expect(rows[1].slice(0, 3)).toEqual(['差评原因', 'wait', '等候时间长']);
    expect(rows[1][CSV_HEADERS.indexOf('差评数')]).toBe('3');
    expect(rows[2].slice(0, 3)).toEqual(['差评原因', '', '窗口空调太冷']);
    expect(rows.every((r) => r.length === CSV_HEADERS.length)).toBe(true);
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
