// --rules, --print-config and custom formatters (--format ./x.mjs): what ESLint users expect of them.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../src/cli.js';
import { RULE_IDS } from '../src/index.js';
import { ruleUrl } from '../src/rule-url.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const formatters = join(root, 'fixtures/formatter');
const seedA = join(root, 'fixtures/batch/agency-a-2024.txt');
const seedB = join(root, 'fixtures/batch/agency-b-2024.txt');

function capture(): { stream: NodeJS.WritableStream; text: () => string } {
  let out = '';
  return { stream: { write: (chunk: string) => { out += chunk; return true; } } as unknown as NodeJS.WritableStream, text: () => out };
}
async function run(args: string[], cwd = root) {
  const stdout = capture();
  const stderr = capture();
  const code = await main(args, { stdout: stdout.stream, stderr: stderr.stream, cwd, env: {} });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

let tmp = '';
test.before.each(() => { tmp = mkdtempSync(join(tmpdir(), 'xxgk-info-')); });
test.after.each(() => { rmSync(tmp, { recursive: true, force: true }); });

test('--rules --format json: every rule id with its effective severity, default, Chinese name and doc link', async () => {
  writeFileSync(join(tmp, 'xxgk-audit.config.json'), JSON.stringify({ rules: { 'section/order': 'off', 'meta/late': 'error' } }));
  const { code, stdout, stderr } = await run(['--rules', '--format', 'json', '--rule', 'table/missing=info'], tmp);
  assert.is(code, 0, stderr);
  const rows = JSON.parse(stdout) as { id: string; severity: string; defaultSeverity: string; name: string; url: string }[];
  assert.equal(rows.map((r) => r.id), [...RULE_IDS].sort());
  const byId = new Map(rows.map((r) => [r.id, r]));
  assert.is(byId.get('section/order')!.severity, 'off');
  assert.is(byId.get('meta/late')!.severity, 'error');
  assert.is(byId.get('table/missing')!.severity, 'info', '--rule beats the config');
  assert.is(byId.get('table/missing')!.defaultSeverity, 'error');
  assert.is(byId.get('table/missing')!.name, '缺少统计表');
  assert.is(byId.get('t3/balance')!.url, ruleUrl('t3/balance'));
  assert.match(byId.get('t3/balance')!.url, /docs\/rules\.md#/);
  for (const r of rows) assert.ok(r.name && r.url, r.id);
});

test('--rules on the terminal: one aligned line per rule, changed severities marked; a bad --rule is exit 2', async () => {
  const { code, stdout } = await run(['--rules', '--rule', 'section/order=off']);
  assert.is(code, 0);
  const lines = stdout.split('\n');
  const order = lines.find((l) => l.startsWith('section/order'))!;
  assert.match(order, /关闭 off \(默认 default warning\)/);
  assert.match(order, /章节顺序有误/);
  assert.ok(lines.filter((l) => /^[a-z0-9-]+\/[a-z0-9-]+ /.test(l)).length === RULE_IDS.length);
  assert.match(stdout, new RegExp(`${RULE_IDS.length} 条规则`));
  const bad = await run(['--rules', '--rule', 'section/ordr=off']);
  assert.is(bad.code, 2);
  assert.match(bad.stderr, /section\/order/);
  const badFormat = await run(['--rules', '--format', 'sarif']);
  assert.is(badFormat.code, 2);
});

test('--print-config <file>: the effective rules, settings, deadlines and limits as JSON; nothing audited', async () => {
  writeFileSync(join(tmp, 'xxgk-audit.config.json'), JSON.stringify({ rules: { 'section/order': 'off' }, deadlines: { department: '02-15' }, agencyType: 'department' }));
  const { code, stdout, stderr } = await run(['--print-config', 'reports/a.pdf', '--rule', 'meta/late=info', '--timeout', '30'], tmp);
  assert.is(code, 0, stderr);
  const config = JSON.parse(stdout);
  assert.is(config.file, join(tmp, 'reports/a.pdf'));
  assert.is(config.configFile, join(tmp, 'xxgk-audit.config.json'));
  assert.equal(Object.keys(config.rules), [...RULE_IDS].sort());
  assert.is(config.rules['section/order'], 'off');
  assert.is(config.rules['meta/late'], 'info');
  assert.is(config.rules['table/missing'], 'error');
  assert.is(config.agencyType, 'department');
  assert.equal(config.deadlines, { department: '02-15', government: '03-31' });
  assert.equal(config.settings['meta/late'], { deadlines: { department: '02-15' } });
  assert.is(config.limits.timeoutSeconds, 30);
  assert.is(config.limits.maxBytes, 200 * 1024 * 1024);
  assert.is(config.cross, true);
  // Without a config file: the defaults.
  const bare = JSON.parse((await run(['--print-config', 'x.txt'], join(tmp, '..'))).stdout);
  assert.is(bare.configFile, null);
  assert.is(bare.rules['section/order'], 'warning');
  assert.equal(bare.deadlines, { department: '01-31', government: '03-31' });
});

test('--format ./formatter.mjs: gets every report and the context, its string goes to stdout or --output', async () => {
  const { code, stdout, stderr } = await run(['--format', './fixtures/formatter/count.mjs', '-j', '1', seedA, seedB]);
  assert.is(code === 0 || code === 1, true, stderr);
  const lines = stdout.trim().split('\n');
  assert.is(lines.filter((l) => l.startsWith(root)).length, 2);
  assert.ok(lines[0]!.startsWith(seedA), 'input order');
  assert.match(stdout, /^rule\t缺少统计表\terror\thttps:\/\/.*docs\/rules\.md#/m);
  assert.match(stdout, new RegExp(`^context\\t\\d+\\.\\d+\\.\\d+\\tfalse\\t${root.replace(/\/$/, '')}`, 'm'));
  // With another format, into files.
  const both = await run(['--format', `json,${join(formatters, 'async-named.mjs')}`, '--output-dir', join(tmp, 'out'), '-j', '1', seedA, seedB]);
  assert.is(both.stdout, '');
  const { readFileSync, readdirSync } = await import('node:fs');
  assert.equal(readdirSync(join(tmp, 'out')).sort(), ['xxgk-audit.async-named.txt', 'xxgk-audit.json']);
  assert.is(readFileSync(join(tmp, 'out', 'xxgk-audit.async-named.txt'), 'utf8'), '2 reports\n');
});

test('--format with a package name: xxgk-audit-formatter-<name> or <name>, resolved from the working folder', async () => {
  const pkg = join(tmp, 'node_modules', 'xxgk-audit-formatter-tally');
  mkdirSync(pkg, { recursive: true });
  writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'xxgk-audit-formatter-tally', version: '1.0.0', main: 'index.js' }));
  writeFileSync(join(pkg, 'index.js'), "module.exports = (results) => `tally ${results.length}\\n`;\n");
  const { code, stdout, stderr } = await run(['--format', 'tally', '-j', '1', seedA], tmp);
  assert.ok(code === 0 || code === 1, stderr);
  assert.is(stdout, 'tally 1\n');
});

test('a formatter that does not load, exports no function, throws or returns no string: one line, exit 2', async () => {
  const cases: [string, RegExp][] = [
    ['./fixtures/formatter/missing.mjs', /无法加载自定义格式 \(cannot load formatter\).*missing\.mjs/],
    ['./fixtures/formatter/syntax-error.mjs', /无法加载自定义格式/],
    ['./fixtures/formatter/no-function.mjs', /没有导出函数/],
    ['./fixtures/formatter/throws.mjs', /自定义格式出错 \(formatter failed\).*formatter bug/],
    ['./fixtures/formatter/not-string.mjs', /须返回字符串.*number/],
  ];
  for (const [format, message] of cases) {
    const { code, stderr, stdout } = await run(['--format', format, '-j', '1', seedA]);
    assert.is(code, 2, format);
    assert.match(stderr, message, format);
    assert.is(stderr.trim().split('\n').length, 1, `one line: ${stderr}`);
    assert.not.match(stderr, /\n\s+at /, 'no stack');
    assert.is(stdout, '', format);
  }
  // A typo of a built-in name is still an unknown format with a hint, not a module lookup error.
  const typo = await run(['--format', 'jsno', seedA]);
  assert.is(typo.code, 2);
  assert.match(typo.stderr, /未知格式.*json/);
});

test.run();
