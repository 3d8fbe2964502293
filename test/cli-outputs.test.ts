// Where the command's outputs land (issue 10.6, 11.4): folders created, files complete or absent,
// outputs never inputs, stdin lists, write failures as one line (exit 2); and the terminal (11.2):
// -q counts, colour switches, folded cell lists, the progress bar around an unreadable input.
import { spawnSync } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import stringWidth from 'string-width';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { main, type CliIO } from '../src/cli.js';
import { Progress } from '../src/report/progress.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const corpus = join(root, '../shared/corpus');
const good = join(root, 'fixtures/batch/agency-a-2024.txt');
// 1 error and 3 warnings; one warning only; 20 contributing cells on one finding.
const mixed = join(corpus, '2013-pingtanxian-1.txt');
const warningOnly = join(corpus, '2016-pingtan-1.txt');
const manyCells = join(corpus, '2020-pingtan-1.txt');

function capture(tty?: { columns: number }): { stream: CliIO['stdout']; text: () => string } {
  let out = '';
  const stream = { write: (chunk: string) => { out += chunk; return true; }, ...(tty ? { isTTY: true, columns: tty.columns } : {}) };
  return { stream: stream as unknown as CliIO['stdout'], text: () => out };
}

async function run(args: string[], extra: Partial<CliIO> = {}) {
  const stdout = capture();
  const stderr = capture();
  const code = await main(args, { stdout: stdout.stream, stderr: stderr.stream, cwd: tmp, env: {}, ...extra });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

const bin = (args: string[], options: Parameters<typeof spawnSync>[2] = {}) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/bin.ts'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, ...options });

const oneLine = (stderr: string): void => {
  assert.is(stderr.trim().split('\n').length, 1, `one line: ${stderr}`);
  assert.not.match(stderr, /\n\s+at |internal error|内部错误/, 'no stack trace');
};

let tmp = '';
test.before(async () => { tmp = await mkdtemp(join(tmpdir(), 'xxgk-outputs-')); });
test.after(async () => { await rm(tmp, { recursive: true, force: true }); });

test('--output-dir and -o dir/file create missing folders; no temporary file is left', async () => {
  const d = await run(['--format', 'json,sarif', '--output-dir', 'out/nested/', good]);
  assert.is(d.code, 0, d.stderr);
  assert.equal((await readdir(join(tmp, 'out/nested'))).sort(), ['xxgk-audit.json', 'xxgk-audit.sarif']);
  assert.is(JSON.parse(await readFile(join(tmp, 'out/nested/xxgk-audit.json'), 'utf8')).reports.length, 1);
  const o = await run(['--format', 'csv', '-o', 'deep/er/r.csv', good]);
  assert.is(o.code, 0, o.stderr);
  assert.equal((await readdir(join(tmp, 'deep/er'))).sort(), ['r.csv', 'r.summary.csv']);
});

test('--list - reads the list from stdin; stdin cannot be read twice', async () => {
  const r = await run(['--format', 'json', '--list', '-'], { stdin: Readable.from([`${good}\n# a comment\n\n${warningOnly}\n`]) });
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  assert.equal(JSON.parse(r.stdout).reports.map((x: { file: string }) => x.file), [good, warningOnly]);
  const twice = await run(['--list', '-', '-'], { stdin: Readable.from(['x\n']) });
  assert.is(twice.code, 2);
  oneLine(twice.stderr);
});

test('an output that is also an input is refused before anything is written; the input is unchanged', async () => {
  const dir = await mkdtemp(join(tmp, 'same-'));
  const input = join(dir, 'a.txt');
  await cp(good, input);
  const before = await readFile(input);
  for (const args of [['-o', input, input], ['-o', './a.txt', 'a.txt'], ['--format', 'json,stylish', '-o', `${dir}/x.json,${input}`, input], ['-f', 'csv', '-o', join(dir, 'a.csv'), input, join(dir, 'a.summary.csv')]]) {
    if (args.includes(join(dir, 'a.summary.csv'))) await writeFile(join(dir, 'a.summary.csv'), 'file\n');
    const r = await run(args, { cwd: dir });
    assert.is(r.code, 2, args.join(' '));
    oneLine(r.stderr);
    assert.match(r.stderr, /输出文件也是输入/);
  }
  assert.equal(await readFile(input), before, 'the input was not touched');
  assert.equal((await readdir(dir)).sort(), ['a.summary.csv', 'a.txt'], 'nothing written, no temporary file');
});

test('the command\'s own outputs inside an input folder are not audited by the next run', async () => {
  const dir = await mkdtemp(join(tmp, 'walk-'));
  await cp(good, join(dir, 'in/a.txt'));
  await cp(good, join(dir, 'in2/a.txt'));
  for (let i = 0; i < 2; i++) {
    const d = await run(['--format', 'json,html', '--output-dir', 'in/out', 'in'], { cwd: dir });
    assert.ok(d.code <= 1, d.stderr);
    assert.equal(JSON.parse(await readFile(join(dir, 'in/out/xxgk-audit.json'), 'utf8')).reports.map((x: { file: string }) => x.file), ['in/a.txt'], `run ${i + 1}`);
    // Named outputs matched by a glob (each case in its own folder: another command's outputs are inputs).
    const o = await run(['--format', 'html,json', '-o', 'in2/result.html,in2/result.txt', 'in2/*.{txt,html}'], { cwd: dir });
    assert.ok(o.code <= 1, o.stderr);
    assert.equal(JSON.parse(await readFile(join(dir, 'in2/result.txt'), 'utf8')).reports.map((x: { file: string }) => x.file), ['in2/a.txt'], `glob run ${i + 1}`);
  }
});

test('a full disk (/dev/full) on stdout or as a file, or an unwritable path: one line on stderr, exit 2, no file left', async () => {
  const full = openSync('/dev/full', 'w');
  try {
    const r = bin(['--format', 'json', good], { stdio: ['ignore', full, 'pipe'] });
    assert.is(r.status, 2);
    oneLine(r.stderr as string);
    assert.match(r.stderr as string, /无法写入标准输出.*磁盘已满/);
  } finally { closeSync(full); }
  const f = bin(['--format', 'json', '-o', '/dev/full', good]);
  assert.is(f.status, 2);
  oneLine(f.stderr);
  assert.match(f.stderr, /\/dev\/full: 磁盘已满/);
  // A folder in the way of the path: found before any audit runs.
  const dir = await mkdtemp(join(tmp, 'unwritable-'));
  await writeFile(join(dir, 'file'), 'x');
  const u = bin(['--format', 'json,sarif', '-o', `${dir}/ok.json,${dir}/file/x.sarif`, good]);
  assert.is(u.status, 2);
  oneLine(u.stderr);
  assert.match(u.stderr, /file\/x\.sarif/);
  assert.equal(await readdir(dir), ['file'], 'neither the good output nor a temporary file is left');
});

test('a disk that fills up mid-run (a 64 KiB tmpfs): one line, exit 2, the file at the path is the one from before, no temporary file', async () => {
  const dir = await mkdtemp(join(tmp, 'small-disk-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { encoding: 'utf8' });
  if (mounted.status !== 0) {
    console.log(`  note: cannot mount a small tmpfs here (${(mounted.stderr || 'not root').trim()}); the full-disk file test is skipped (/dev/full is still tested)`);
    return;
  }
  try {
    await writeFile(join(dir, 'out.json'), 'previous run\n');
    // Each of these reports is ~130 KB of JSON: the disk fills during the first.
    const r = bin(['--format', 'json', '-o', join(dir, 'out.json'), manyCells, mixed]);
    assert.is(r.status, 2);
    oneLine(r.stderr);
    assert.match(r.stderr, /out\.json: 磁盘已满 \(no space left on device\)/);
    assert.equal(await readdir(dir), ['out.json']);
    assert.is(await readFile(join(dir, 'out.json'), 'utf8'), 'previous run\n', 'not replaced by a half-written file');
  } finally {
    spawnSync('umount', [dir]);
  }
});

test('-q prints and counts errors only', async () => {
  const q = await run(['-q', mixed]);
  assert.is(q.code, 1);
  assert.match(q.stdout, /1 个错误 \(1 error\)/);
  assert.not.match(q.stdout, /warning|警告|problems/);
  const loud = await run([mixed]);
  assert.match(loud.stdout, /4 个问题：1 个错误，3 个警告，0 个提示 \(4 problems: 1 error, 3 warnings, 0 infos\)/);
  const quietClean = await run(['-q', warningOnly]);
  assert.is(quietClean.code, 0);
  assert.is(quietClean.stdout, '', 'only warnings: -q prints nothing');
});

test('--color, --no-color, FORCE_COLOR, NO_COLOR', async () => {
  const sgr = /\u001b\[\d+m/;
  assert.match((await run(['--color', mixed])).stdout, sgr);
  assert.not.match((await run(['--no-color', mixed], { env: { FORCE_COLOR: '1' } })).stdout, sgr);
  assert.match((await run([mixed], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } })).stdout, sgr);
  assert.not.match((await run([mixed], { env: { FORCE_COLOR: '0' } })).stdout, sgr);
  const tty = capture({ columns: 120 });
  await main([mixed], { stdout: tty.stream, stderr: capture().stream, cwd: tmp, env: {} });
  assert.match(tty.text(), sgr, 'a terminal gets colours');
  const noColor = capture({ columns: 120 });
  await main([mixed], { stdout: noColor.stream, stderr: capture().stream, cwd: tmp, env: { NO_COLOR: '1' } });
  assert.not.match(noColor.text(), sgr);
  assert.is((await run(['--color', '--no-color', mixed])).code, 2);
});

test('stylish: rule ids line up by display width (CJK counts double); a long cell list is folded, JSON keeps it all', async () => {
  const r = await run([manyCells, mixed]);
  const lines = r.stdout.split('\n').filter((l) => /\s(error|warning|info)\s/.test(l));
  assert.ok(lines.length >= 4);
  const blocks = r.stdout.split(/\n\n/).map((b) => b.split('\n').filter((l) => /\s(error|warning|info)\s/.test(l))).filter((b) => b.length > 1);
  for (const block of blocks) {
    // Places (表2(25,4), 第3页 …) right-aligned by display width: the severity starts in one column.
    const columns = new Set(block.map((l) => stringWidth(l.slice(0, l.search(/ {2}(error|warning|info) /)))));
    assert.is(columns.size, 1, `severities in one column:\n${block.join('\n')}`);
    // Messages that fit are padded: their rule ids start in one column too.
    const fits = block.filter((l) => stringWidth(l.slice(l.search(/ {2}(error|warning|info) /) + 11).replace(/ {2}[a-z0-9-]+\/[a-z0-9-]+( \[待核\])?$/, '')) < 80);
    if (fits.length > 1 && fits.length === block.length) assert.is(new Set(fits.map((l) => stringWidth(l.replace(/[a-z0-9-]+\/[a-z0-9-]+( \[待核\])?$/, '')))).size, 1, fits.join('\n'));
  }
  const folded = r.stdout.split('\n').find((l) => l.includes('↳') && l.includes('另'));
  assert.ok(folded, 'a folded cell list');
  assert.match(folded!, /… 另 14 个单元格 \(14 more cells; --format json 列出全部\)/);
  assert.is(folded!.split('，').length, 6, 'six cells shown');
  const json = JSON.parse((await run(['-f', 'json', manyCells])).stdout);
  assert.ok(json.reports[0].findings.some((f: { cells?: unknown[] }) => f.cells?.length === 20), 'JSON keeps all 20');
});

test('progress bar: on a terminal only, drawn again after an unreadable input, with count, current file and ETA; erased at the end', async () => {
  const stderr = capture({ columns: 100 });
  const inputs = [good, join(tmp, 'no-such.txt'), warningOnly, good, mixed];
  const code = await main(['-j', '1', '--no-cross', ...inputs], { stdout: capture().stream, stderr: stderr.stream, cwd: tmp, env: {}, progressDelayMs: 0 });
  assert.is(code, 2);
  const text = stderr.text();
  const error = text.indexOf('文件不存在');
  assert.ok(error > 0, text);
  const after = text.slice(error);
  assert.match(after, /\r\u001b\[K\[[█░]{20}\] 2\/5 {2}40% {2}ETA \d+:\d\d {2}\S*2016-pingtan-1\.txt/, 'the bar is back after the error, naming the file being audited');
  assert.match(after, /\] 4\/5 /, 'and goes on');
  assert.match(text, /\r\u001b\[Kxxgk-audit: \S*no-such\.txt: 文件不存在/, 'the error line starts on an erased line');
  assert.ok(text.endsWith('\r\u001b[K'), 'the bar is erased at the end');
  assert.not.match(text, /\u001b\[\?(7|25)[lh]/, 'no autowrap or cursor switching');
  for (const draw of text.split('\r\u001b[K').filter((d) => d.startsWith('['))) assert.ok(stringWidth(draw) <= 99, `fits the terminal: ${draw}`);
  // Not a terminal, -q, or a single input: no bar.
  for (const [args, tty] of [[[good, warningOnly], false], [['-q', good, warningOnly], true], [[good], true]] as const) {
    const s = capture(tty ? { columns: 100 } : undefined);
    await main([...args], { stdout: capture().stream, stderr: s.stream, cwd: tmp, env: {}, progressDelayMs: 0 });
    assert.not.match(s.text(), /█|░/, args.join(' '));
  }
});

test('progress bar: not drawn before the delay; a long file name is cut from the front to the width', () => {
  let now = 0;
  const out = capture({ columns: 60 });
  const bar = new Progress(out.stream as never, 10, { delayMs: 1000, now: () => now });
  bar.update(1, 'a.txt');
  assert.is(out.text(), '', 'a quick run shows nothing');
  now = 1500;
  bar.update(2, '很长的文件夹名称/很长的文件夹名称/很长的文件名称.pdf');
  const draw = out.text().split('\r\u001b[K').at(-1)!;
  assert.ok(stringWidth(draw) <= 59, draw);
  assert.match(draw, /…\S*\.pdf$/);
  assert.match(draw, /2\/10 {2}20% {2}ETA 0:06/);
  bar.stop();
  assert.ok(out.text().endsWith('\r\u001b[K'));
});

test('an output is a file at its path once complete; a folder at the path is one clear error', async () => {
  const r = await run(['--format', 'ndjson', '-o', 'single/r.ndjson', good]);
  assert.is(r.code, 0);
  assert.ok((await stat(join(tmp, 'single/r.ndjson'))).size > 0);
  assert.equal(await readdir(join(tmp, 'single')), ['r.ndjson']);
  await mkdir(join(tmp, 'isdir.json'));
  const d = await run(['--format', 'json', '-o', 'isdir.json', good]);
  assert.is(d.code, 2);
  oneLine(d.stderr);
});

test.run();
