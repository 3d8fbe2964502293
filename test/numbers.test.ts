import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseChineseNumber, parseNumber } from '../src/extract/numbers.js';

test('Arabic numbers: full-width, separators, decimals, 万/亿, percentages; raw kept', () => {
  const cases: [string, number, boolean?][] = [
    ['１２３', 123], ['1,234', 1234], ['1，234', 1234], ['96171.6', 96171.6], ['０．５', 0.5],
    ['3.5万', 35000], ['2亿', 2e8], ['12%', 12, true], ['５０％', 50, true], ['-3', -3],
  ];
  for (const [raw, value, percent] of cases) {
    const parsed = parseNumber(raw);
    assert.is(parsed?.value, value, raw);
    assert.is(parsed?.raw, raw);
    assert.is(parsed?.percent ?? false, percent ?? false, raw);
  }
});

test('中文数字', () => {
  const cases: [string, number][] = [
    ['二〇二二', 2022], ['两千', 2000], ['三百零五', 305], ['一亿零二十万', 100200000], ['十', 10], ['十五', 15],
    ['二十', 20], ['一万二千', 12000], ['零', 0], ['一千零一', 1001],
  ];
  for (const [raw, value] of cases) assert.is(parseChineseNumber(raw), value, raw);
  assert.is(parseNumber('百分之九十')?.value, 90);
  assert.ok(parseNumber('百分之九十')?.percent);
});

test('not numbers', () => {
  for (const raw of ['', 'abc', '—', '/', '无', '1,23', '1.2.3']) assert.is(parseNumber(raw), null, raw);
});

test.run();
