// SARIF as GitHub code scanning ingests it: the official 2.1.0 schema, plus the rules GitHub applies that
// can be checked offline (help on every rule, relative artifact URIs with a uriBaseId, a region on every
// result, partial fingerprints), and the run marked unsuccessful when an input could not be audited.
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Validator, type Schema } from '@cfworker/json-schema';
import { VFile } from 'vfile';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { main } from '../src/cli.js';
import { audit, check, ingest, RULE_IDS } from '../src/index.js';
import { githubSlug, ruleUrl } from '../src/rule-url.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const schema = JSON.parse(readFileSync(join(root, 'fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8')) as Schema;
const validator = new Validator(schema, '4', false);
const rulesDoc = readFileSync(join(root, 'docs/rules.md'), 'utf8').replace(/<!--[\s\S]*?-->/g, '');
const anchors = new Set([...rulesDoc.matchAll(/^#{1,6} (.*)$/gm)].map((m) => githubSlug(m[1]!.trim())));

const sink = () => ({ write: () => true }) as unknown as NodeJS.WritableStream;
let tmp = '';
test.before(async () => { tmp = await mkdtemp(join(tmpdir(), 'xxgk-sarif-gh-')); });
test.after(async () => { await rm(tmp, { recursive: true, force: true }); });

async function sarifOf(inputs: string[]): Promise<{ code: number; log: any }> {
  const out = join(tmp, `${Math.random().toString(36).slice(2)}.sarif`);
  const code = await main([...inputs, '--format', 'sarif', '--output', out, '--jobs', '1'], { stdout: sink(), stderr: sink(), cwd: root, env: {} });
  return { code, log: JSON.parse(await readFile(out, 'utf8')) };
}

function assertValid(log: unknown): void {
  const result = validator.validate(log);
  if (!result.valid) assert.unreachable(`SARIF invalid:\n${result.errors.slice(0, 8).map((e) => `${e.instanceLocation} ${e.error}`).join('\n')}`);
}

/** What GitHub's upload checks and needs to show an alert, as far as it can be checked offline. */
function assertGitHubIngestible(log: any): void {
  const run = log.runs[0];
  for (const rule of run.tool.driver.rules) {
    assert.ok(rule.help?.text?.length > 20 && rule.help?.markdown?.length > 20, `${rule.id}: help`);
    assert.match(rule.helpUri, /^https:\/\/github\.com\/[^/]+\/[^/]+\/blob\/main\/docs\/rules\.md#.+/, `${rule.id}: helpUri`);
    assert.ok(rule.shortDescription?.text, `${rule.id}: shortDescription`);
  }
  assert.match(run.originalUriBaseIds['%SRCROOT%'].uri, /^file:\/\/.*\/$/);
  assert.ok(run.results.length > 0);
  for (const r of run.results) {
    const loc = r.locations?.[0]?.physicalLocation;
    assert.ok(loc, `${r.ruleId}: a location`);
    assert.not.match(loc.artifactLocation.uri, /^[a-z]+:/i, `${r.ruleId}: relative uri`);
    assert.is(loc.artifactLocation.uriBaseId, '%SRCROOT%');
    assert.ok(loc.region?.startLine >= 1, `${r.ruleId}: a region`);
    assert.ok(r.partialFingerprints?.['xxgkAudit/v1'], `${r.ruleId}: partialFingerprints`);
    assert.is(run.tool.driver.rules[r.ruleIndex].id, r.ruleId);
  }
}

test('every rule: help (text and Markdown), a helpUri whose anchor is a heading of docs/rules.md, a Chinese name', async () => {
  const { log } = await sarifOf(['fixtures/batch/agency-a-2024.txt']);
  const rules = log.runs[0].tool.driver.rules;
  assert.equal(rules.map((r: { id: string }) => r.id), [...RULE_IDS].sort());
  for (const rule of rules) {
    const anchor = decodeURIComponent(rule.helpUri.split('#')[1]!);
    assert.ok(anchors.has(anchor), `${rule.id}: #${anchor} is no heading of docs/rules.md`);
    assert.match(rule.help.markdown, new RegExp(`^### \`${rule.id}\``));
    assert.not.match(rule.help.text, /`|^### /m, `${rule.id}: help.text is plain text`);
    assert.match(rule.properties.name, /\p{Script=Han}/u);
  }
  // The one the issue names: file/timeout had no help.
  const timeout = rules.find((r: { id: string }) => r.id === 'file/timeout');
  assert.match(timeout.help.text, /--timeout/);
});

test('a run with an unreadable input: exit 2, executionSuccessful false, a notification per input; valid and ingestible', async () => {
  const { code, log } = await sarifOf(['fixtures/batch/agency-a-2024.txt', 'fixtures/batch/empty.txt', 'fixtures/batch/junk.txt', 'fixtures/pdf/page-breaks-chromium.pdf', 'fixtures/tables/t3-garbled.txt']);
  assert.is(code, 2);
  assertValid(log);
  assertGitHubIngestible(log);
  const invocation = log.runs[0].invocations[0];
  assert.is(invocation.executionSuccessful, false);
  const notes = invocation.toolExecutionNotifications;
  assert.equal(notes.map((n: any) => n.locations[0].physicalLocation.artifactLocation.uri), ['fixtures/batch/empty.txt', 'fixtures/batch/junk.txt']);
  for (const n of notes) {
    assert.is(n.level, 'error');
    assert.is(n.descriptor.id, 'file/error');
    assert.match(n.message.text, /\S/);
  }
  // A PDF finding: the page as a logical location, the line of the extracted text as the region.
  const pdf = log.runs[0].results.filter((r: any) => r.locations[0].physicalLocation.artifactLocation.uri.endsWith('.pdf'));
  const paged = pdf.find((r: any) => r.locations[0].properties?.page);
  assert.ok(paged, 'a PDF result with a page');
  const loc = paged.locations[0];
  assert.equal(loc.logicalLocations[0], { kind: 'page', name: `第${loc.properties.page}页`, fullyQualifiedName: `page${loc.properties.page}` });
  assert.ok(loc.physicalLocation.region.startLine >= 1);
});

test('a run where every input was audited: executionSuccessful true, no notifications', async () => {
  const { code, log } = await sarifOf(['fixtures/batch/agency-a-2024.txt', 'fixtures/batch/agency-b-2024.txt']);
  assert.ok(code === 0 || code === 1);
  assertValid(log);
  assertGitHubIngestible(log);
  assert.is(log.runs[0].invocations[0].executionSuccessful, true);
  assert.is(log.runs[0].invocations[0].toolExecutionNotifications, undefined);
});

test('every finding carries its rule\'s docs URL: the JSON finding and the vfile message', async () => {
  const report = await audit({ path: join(root, 'fixtures/tables/t3-garbled.txt') });
  assert.ok(report.findings.length > 0);
  for (const f of report.findings) assert.is(f.url, ruleUrl(f.ruleId));
  assert.match(ruleUrl('t3/balance'), /\/blob\/main\/docs\/rules\.md#t3balance-error-fail$/);
  const file = new VFile({ path: 'x.txt' });
  check(await ingest({ path: join(root, 'fixtures/tables/t3-garbled.txt') }), {}, file);
  assert.ok(file.messages.length > 0);
  for (const m of file.messages) assert.is(m.url, ruleUrl(m.ruleId!));
});

test.run();
