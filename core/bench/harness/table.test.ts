import { describe, expect, it } from 'vitest';
import { fmt, metText, renderTable, type Row } from './table';
import { testRow } from './test-row';

/** A row with the ratio 0.50× (1 against 2). */
const row = (over: Partial<Row>): Row => testRow({ ratio: '0.50×', ...over });

describe('renderTable', () => {
  it('prints the six columns as an aligned Markdown table', () => {
    const text = renderTable([
      row({ measure: 'cold start', app: '812 ms', met: true }),
      row({ measure: 'p99', app: '25.0 ms', met: false }),
    ]);
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^\| measure +\| app +\| baseline \| ratio +\| goal \| met\? +\|$/);
    expect(lines[1]).toMatch(/^\| -+ \| -+ \| -+ \| -+ \| -+ \| -+ \|$/);
    expect(lines[2]).toContain('| yes');
    expect(lines[3]).toContain('| **no**');
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
  });

  it('escapes pipes inside cells', () => {
    expect(renderTable([row({ measure: 'a|b' })])).toContain('a\\|b');
  });
});

describe('fmt', () => {
  it('formats numbers for the cells', () => {
    expect(fmt.seconds(-1.234)).toBe('-1.23 s');
    expect(fmt.seconds(0.25, 2, true)).toBe('+0.25 s');
    expect(fmt.seconds(Number.NaN)).toBe('n/a');
    expect(fmt.ms(3.14159)).toBe('3.1 ms');
    expect(fmt.mb(150 * 1_048_576)).toBe('150 MB');
    expect(fmt.rate(200 * 1_048_576)).toBe('200 MB/s');
    expect(fmt.ratio(1.049)).toBe('1.05×');
    expect(fmt.ratio(undefined)).toBe('n/a');
    expect(fmt.delta(-1.5)).toBe('Δ −1.50 s');
    expect(fmt.delta(0.2)).toBe('Δ +0.20 s');
    expect(metText(null)).toBe('—');
    expect(fmt.length(3600)).toBe('1 h');
    expect(fmt.length(7200)).toBe('2 h');
    expect(fmt.length(120)).toBe('2 min');
    expect(fmt.length(30)).toBe('30 s');
    expect(fmt.length(90)).toBe('90 s');
  });
});
