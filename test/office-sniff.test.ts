import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { officeContainer, ingest } from '../src/ingest/index.js';

const ole = (stream: string) => Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504), Buffer.from(stream, 'utf16le'), Buffer.alloc(64)]);
const zip = (name: string) => Buffer.concat([Buffer.from('504b0304', 'hex'), Buffer.alloc(26), Buffer.from(name, 'latin1'), Buffer.alloc(64)]);

test('OLE2 and zip containers are named from their bytes', () => {
  assert.match(officeContainer(ole('WordDocument'))!, /\.doc\)/);
  assert.match(officeContainer(ole('EncryptedPackage'))!, /加密/);
  assert.match(officeContainer(zip('word/document.xml'))!, /\.docx/);
  assert.match(officeContainer(zip('OFD.xml'))!, /OFD/);
  assert.is(officeContainer(Buffer.from('<html><body>x</body></html>')), undefined);
});

test('a broken .doc given under a .txt name is read as Word by its bytes and refused naming the format', async () => {
  try {
    await ingest(ole('WordDocument'), { file: 'report.txt' });
    assert.unreachable('should throw');
  } catch (error) {
    assert.is((error as { code: string }).code, 'word-broken');
    assert.match((error as Error).message, /Word 97–2003/);
  }
});

test.run();
