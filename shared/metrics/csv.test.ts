import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.ts';

describe('toCsv', () => {
  it('quotes what needs quoting and leaves numbers alone', () => {
    expect(toCsv(['name', 'n'], [['a, "b"', 1.5], ['plain', null], ['line\nbreak', 0]])).toBe('name,n\r\n"a, ""b""",1.5\r\nplain,\r\n"line\nbreak",0\r\n');
  });
  it('defuses spreadsheet formulas in text but not negative numbers', () => {
    expect(toCsv(['v'], [['=SUM(A1)'], [-3]])).toBe("v\r\n'=SUM(A1)\r\n-3\r\n");
  });
});
