// TextMemo: the memo the table reader keys by cell text. It must not keep documents alive (its keys are copies)
// and must stay within its bound of characters.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ownCopy, TextMemo } from '../src/util/text-memo.js';

test('a memo keeps what was set until its characters would pass the bound, then starts again', () => {
  const memo = new TextMemo<number>(100, 50);
  memo.set('一'.repeat(20), 1);
  memo.set('二'.repeat(20), 2);
  assert.is(memo.get('一'.repeat(20)), 1);
  assert.is(memo.size, 2);
  memo.set('三'.repeat(20), 3); // 60 characters > 50: cleared first
  assert.is(memo.size, 1);
  assert.is(memo.get('一'.repeat(20)), undefined);
  assert.is(memo.get('三'.repeat(20)), 3);
  memo.set('四'.repeat(60), 4); // longer than the bound: never kept
  assert.is(memo.get('四'.repeat(60)), undefined);
});

test('a memo is bounded by its entries too', () => {
  const memo = new TextMemo<number>(3);
  for (let i = 0; i < 10; i++) memo.set(`key ${i}`, i);
  assert.ok(memo.size <= 3);
  assert.is(memo.get('key 9'), 9);
});

test('ownCopy gives an equal string of any length', () => {
  const document = `${'正文'.repeat(10_000)}表格单元格的文字内容`;
  for (const text of ['', '七', document.slice(5, 9), document.slice(-10), document.slice(100, 5_000), document]) {
    assert.is(ownCopy(text), text);
  }
});

test.run();
