// Writes the hostile and unsupported Word-family fixtures in fixtures/word/ (all synthetic, made here):
//   encrypted.docx       an OLE2 compound file holding EncryptionInfo + EncryptedPackage (what Word writes for a
//                        password-protected .docx); the package bytes are random, nothing real is encrypted
//   truncated.docx       standard-2021.docx cut off at 60 % (a broken download: no zip directory)
//   bomb.docx            word/document.xml declares 4 294 967 294 bytes uncompressed (over any limit)
//   bomb-lying.docx      word/document.xml declares 4 096 bytes but inflates to 64 MiB of spaces
//   report.wps           an OLE2 file written by "Kingsoft Office" (WPS), no WordDocument stream
//   report.ofd           a zip with OFD.xml and Doc_0/Document.xml (GB/T 33190 layout)
// standard-2021.docx / .doc are LibreOffice's conversion of fixtures/html/standard-2021.html (see README.md).
//   node scripts/word-fixtures.mjs
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { crc32, deflateRawSync } from 'node:zlib';

const dir = new URL('../fixtures/word/', import.meta.url);
const out = (name, bytes) => writeFileSync(new URL(name, dir), bytes);

/** A zip written entry by entry, so a declared size can differ from the data (bomb fixtures). */
function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data, declared } of entries) {
    const raw = Buffer.from(data);
    const packed = deflateRawSync(raw, { level: 9 });
    const nameBytes = Buffer.from(name, 'utf8');
    const size = declared ?? raw.length;
    const crc = crc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(0, 6); local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14); local.writeUInt32LE(packed.length, 18); local.writeUInt32LE(size, 22); local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16); central.writeUInt32LE(packed.length, 20); central.writeUInt32LE(size, 24); central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** A minimal OLE2 compound file (version 3, 512-byte sectors): one FAT sector, one directory sector, streams ≥ 4096 bytes. */
function ole2(streams) {
  const SECTOR = 512;
  const data = streams.map(({ name, bytes }) => {
    const size = Math.max(4096, Math.ceil(bytes.length / SECTOR) * SECTOR);
    const padded = Buffer.alloc(size);
    Buffer.from(bytes).copy(padded);
    return { name, bytes: padded, length: Math.max(bytes.length, 4096) };
  });
  const fat = new Uint32Array(SECTOR / 4).fill(0xffffffff);
  fat[0] = 0xfffffffd; // the FAT itself
  fat[1] = 0xfffffffe; // directory: one sector
  let next = 2;
  const starts = data.map((s) => {
    const start = next;
    const count = s.bytes.length / SECTOR;
    for (let i = 0; i < count; i++) fat[next + i] = i === count - 1 ? 0xfffffffe : next + i + 1;
    next += count;
    return start;
  });
  const header = Buffer.alloc(SECTOR);
  Buffer.from('d0cf11e0a1b11ae1', 'hex').copy(header, 0);
  header.writeUInt16LE(0x3e, 24); header.writeUInt16LE(3, 26); header.writeUInt16LE(0xfffe, 28); header.writeUInt16LE(9, 30); header.writeUInt16LE(6, 32);
  header.writeUInt32LE(1, 44); // FAT sectors
  header.writeUInt32LE(1, 48); // first directory sector
  header.writeUInt32LE(4096, 56); // mini stream cutoff
  header.writeUInt32LE(0xfffffffe, 60); // no mini FAT
  header.writeUInt32LE(0xfffffffe, 68); // no DIFAT sectors
  header.writeUInt32LE(0, 76); // DIFAT[0] = sector 0
  for (let i = 1; i < 109; i++) header.writeUInt32LE(0xffffffff, 76 + i * 4);
  const entry = (name, type, start, size, child = 0xffffffff, right = 0xffffffff) => {
    const e = Buffer.alloc(128);
    const n = Buffer.from(name + '\0', 'utf16le');
    n.copy(e, 0); e.writeUInt16LE(n.length, 64); e.writeUInt8(type, 66); e.writeUInt8(1, 67);
    e.writeUInt32LE(0xffffffff, 68); e.writeUInt32LE(right, 72); e.writeUInt32LE(child, 76);
    e.writeUInt32LE(start, 116); e.writeUInt32LE(size, 120);
    return e;
  };
  const entries = [entry('Root Entry', 5, 0xfffffffe, 0, data.length ? 1 : 0xffffffff)];
  data.forEach((s, i) => entries.push(entry(s.name, 2, starts[i], s.length, 0xffffffff, i + 2 <= data.length ? i + 2 : 0xffffffff)));
  const directory = Buffer.alloc(SECTOR);
  Buffer.concat(entries).copy(directory);
  return Buffer.concat([header, Buffer.from(fat.buffer), directory, ...data.map((s) => s.bytes)]);
}

const contentTypes = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

out('encrypted.docx', ole2([
  { name: 'EncryptionInfo', bytes: Buffer.concat([Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]), Buffer.from('<?xml version="1.0"?><encryption xmlns="http://schemas.microsoft.com/office/2006/encryption"/>')]) },
  { name: 'EncryptedPackage', bytes: randomBytes(8192) },
]));

const standard = readFileSync(new URL('standard-2021.docx', dir));
out('truncated.docx', standard.subarray(0, Math.floor(standard.length * 0.6)));

const spaces = (n) => `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}"><w:body><w:p><w:r><w:t xml:space="preserve">${' '.repeat(n)}</w:t></w:r></w:p></w:body></w:document>`;
out('bomb.docx', zip([
  { name: '[Content_Types].xml', data: contentTypes },
  { name: 'word/document.xml', data: spaces(1 << 20), declared: 0xfffffffe },
]));
out('bomb-lying.docx', zip([
  { name: '[Content_Types].xml', data: contentTypes },
  { name: 'word/document.xml', data: spaces(64 << 20), declared: 4096 },
]));

out('report.wps', ole2([
  { name: '\u0005SummaryInformation', bytes: Buffer.concat([Buffer.from('feff0000', 'hex'), Buffer.alloc(40), Buffer.from('Kingsoft Office WPS', 'latin1')]) },
  { name: 'WpsContent', bytes: Buffer.from('青禾县公安局2024年政府信息公开工作年度报告', 'utf16le') },
]));

out('report.ofd', zip([
  { name: 'OFD.xml', data: '<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:Title>青禾县公安局2024年政府信息公开工作年度报告</ofd:Title></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>' },
  { name: 'Doc_0/Document.xml', data: '<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"><ofd:CommonData><ofd:MaxUnitID>1</ofd:MaxUnitID></ofd:CommonData><ofd:Pages/></ofd:Document>' },
]));
console.log('fixtures/word: encrypted.docx truncated.docx bomb.docx bomb-lying.docx report.wps report.ofd');
