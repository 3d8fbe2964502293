// Bytes → text for HTML pages in the encodings government sites use: the same page must give the same tree.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ingest } from '../src/ingest/index.js';
import { decode, declaredHtmlCharset } from '../src/ingest/decode.js';
import type { Root } from '../src/model.js';

const corpus = fileURLToPath(new URL('../../shared/corpus/', import.meta.url));
const haveCorpus = existsSync(corpus);
if (!haveCorpus) console.log(`note: ${corpus} is missing; corpus encoding tests are skipped`);

/** What a user compares: block kinds and texts, table grids, page metadata. */
function content(root: Root): unknown {
  return {
    metadata: root.data.metadata,
    blocks: root.children.map((b) =>
      b.type === 'table'
        ? { table: b.data.index, caption: b.data.caption, grid: b.children.map((r) => r.children.map((c) => [c.value, c.data.spanOf ?? null])) }
        : { type: b.type, value: b.value },
    ),
  };
}

const PAGE = '2023-pingtan-1.html';

test('one corpus page as UTF-8, GBK with <meta charset>, GBK without any charset, UTF-16LE with BOM: identical trees', async () => {
  if (!haveCorpus) return;
  const utf8 = readFileSync(corpus + PAGE, 'utf8');
  assert.ok(/<meta charset="utf-8"/i.test(utf8), 'the page declares its charset');
  const withGbkMeta = utf8.replace(/<meta charset="utf-8"/i, '<meta charset="gbk"');
  const withoutCharset = utf8.replace(/<meta charset="utf-8"/i, '<meta');
  // The page must be GBK-encodable for this test to mean anything.
  assert.is(iconv.decode(iconv.encode(withGbkMeta, 'gbk'), 'gbk'), withGbkMeta);

  const dir = mkdtempSync(join(tmpdir(), 'xxgk-enc-'));
  try {
    const files = {
      utf8: join(dir, 'utf8.html'),
      gbkMeta: join(dir, 'gbk-meta.html'),
      gbkBare: join(dir, 'gbk-bare.html'),
      utf16: join(dir, 'utf16.html'),
    };
    writeFileSync(files.utf8, utf8);
    writeFileSync(files.gbkMeta, iconv.encode(withGbkMeta, 'gbk'));
    writeFileSync(files.gbkBare, iconv.encode(withoutCharset, 'gbk'));
    writeFileSync(files.utf16, iconv.encode(utf8, 'utf-16le', { addBOM: true }));

    const base = await ingest({ path: files.utf8 }, { file: PAGE });
    const gbkMeta = await ingest({ path: files.gbkMeta }, { file: PAGE });
    const gbkBare = await ingest({ path: files.gbkBare }, { file: PAGE });
    const utf16 = await ingest({ path: files.utf16 }, { file: PAGE });

    assert.is(base.data.encoding, 'utf-8');
    assert.is(gbkMeta.data.encoding, 'gb18030');
    assert.is(gbkBare.data.encoding, 'gb18030');
    assert.is(utf16.data.encoding, 'utf-16le');
    assert.ok(base.children.filter((b) => b.type === 'table').length === 3);
    assert.equal(content(gbkMeta), content(base));
    assert.equal(content(gbkBare), content(base));
    // Same decoded text → same positions too (offsets are in decoded characters, not bytes).
    const sansEncoding = (root: Root): Root => ({ ...root, data: { ...root.data, encoding: '' } });
    assert.equal(sansEncoding(utf16), sansEncoding(base));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a charset declared after a long inline script (past byte 1024) is still found', () => {
  const html = `<!DOCTYPE html><html><head><script>${'var x = 1;\n'.repeat(300)}</script>` +
    '<meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body><p>一、总体情况</p><p>本年度主动公开政府信息81条。</p></body></html>';
  const bytes = iconv.encode(html, 'gbk');
  assert.ok(bytes.indexOf(Buffer.from('charset')) > 1024);
  assert.is(declaredHtmlCharset(bytes), 'gb18030');
  const decoded = decode(bytes, { html: true });
  assert.is(decoded.encoding, 'gb18030');
  assert.is(decoded.text, html);
});

test('a page that says utf-8 but is GBK is detected, not mangled', () => {
  const html = '<html><head><meta charset="utf-8"></head><body><p>二、主动公开政府信息情况</p><p>本年度收到政府信息公开申请共计81件，其中自然人申请80件，法人或其他组织申请1件。</p></body></html>';
  const decoded = decode(iconv.encode(html, 'gbk'), { html: true });
  assert.is(decoded.encoding, 'gb18030');
  assert.is(decoded.text, html);
});

test('characters outside GBK (GB18030 only) survive a gb2312-labelled page', () => {
  const html = '<html><head><meta charset="gb2312"></head><body><p>㙟镇人民政府2023年度政府信息公开工作年度报告</p></body></html>';
  const decoded = decode(iconv.encode(html, 'gb18030'), { html: true });
  assert.is(decoded.text, html);
});

test('UTF-16BE with BOM and UTF-8 with BOM decode; the BOM is not part of the text', () => {
  const html = '<p>三、收到和处理政府信息公开申请情况</p>';
  const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(iconv.encode(html, 'utf-16be'))]);
  assert.equal(decode(be, { html: true }), { text: html, encoding: 'utf-16be' });
  const bomUtf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(html, 'utf8')]);
  assert.equal(decode(bomUtf8, { html: true }), { text: html, encoding: 'utf-8' });
});

test('GBK fixture committed as GBK bytes without a charset decodes to the expected text', async () => {
  const path = fileURLToPath(new URL('../fixtures/html/gbk-no-charset.html', import.meta.url));
  const bytes = readFileSync(path);
  assert.not.ok(/charset/i.test(bytes.toString('latin1')), 'fixture declares no charset');
  const root = await ingest({ path });
  assert.is(root.data.encoding, 'gb18030');
  const values = root.children.flatMap((b) => (b.type === 'table' ? [] : [b.value]));
  assert.ok(values.includes('一、总体情况'), JSON.stringify(values.slice(0, 5)));
  assert.is(root.children.filter((b) => b.type === 'table').length, 3);
});

test.run();
