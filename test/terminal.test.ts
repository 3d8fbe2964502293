// The terminal as a user sees it (issue 11.2): the whole corpus ×3 with stylish and the progress bar
// on one tmux terminal, then the final screen and scrollback: every finding line whole (autowrap on,
// nothing drawn over it), no bar remnants, the summary last and the shell prompt after it.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const root = fileURLToPath(new URL('..', import.meta.url));
const corpus = join(root, '../shared/corpus');
const hasTmux = spawnSync('tmux', ['-V'], { encoding: 'utf8' }).status === 0;
const PROMPT = 'xxgk-test$ ';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('corpus ×3 in tmux: stylish findings whole, no bar left, summary last, prompt after it', async () => {
  if (!hasTmux) {
    console.log('  note: tmux is not installed (apt-get install tmux); the terminal test is skipped');
    return;
  }
  const tmp = await mkdtemp(join(tmpdir(), 'xxgk-tmux-'));
  const socket = `xxgk-${process.pid}`;
  const tmux = (...args: string[]) => spawnSync('tmux', ['-L', socket, '-f', join(tmp, 'tmux.conf'), ...args], { encoding: 'utf8' });
  try {
    const files = (await readdir(corpus)).filter((f) => /\.(txt|html|pdf|md)$/.test(f) && !/^readme\./i.test(f)).sort().map((f) => join(corpus, f));
    const list = join(tmp, 'list.txt');
    await writeFile(list, `${[...files, ...files, ...files].join('\n')}\n`);
    const total = files.length * 3;
    // What stylish should show: every finding of every readable report, and the cross-report ones.
    const json = spawnSync(process.execPath, ['--import', 'tsx', 'src/bin.ts', '--list', list, '--format', 'json'], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
    const data = JSON.parse(json.stdout) as { reports: { findings: { ruleId: string }[] }[]; crossFindings: unknown[] };
    const expected = data.reports.filter((r) => !r.findings.some((f) => f.ruleId === 'file/error')).reduce((n, r) => n + r.findings.length, 0) + data.crossFindings.length;

    await writeFile(join(tmp, 'tmux.conf'), 'set -g history-limit 100000\nset -g status off\n');
    await writeFile(join(tmp, 'bashrc'), `PS1='${PROMPT}'\n`);
    const started = tmux('new-session', '-d', '-s', 'run', '-x', '120', '-y', '30',
      `env -u NO_COLOR -u FORCE_COLOR TERM=xterm-256color bash --noprofile --rcfile ${join(tmp, 'bashrc')} -i`);
    assert.is(started.status, 0, started.stderr);
    const exitFile = join(tmp, 'exit');
    // The exit code goes to a file, so nothing is printed between the summary and the prompt.
    tmux('send-keys', '-t', 'run', `cd ${root} && node --import tsx src/bin.ts --list ${list} --jobs 2; echo $? > ${exitFile}`, 'Enter');
    let barSeen = false;
    let code = '';
    for (let waited = 0; waited < 300_000; waited += 250) {
      const screen = tmux('capture-pane', '-p', '-t', 'run').stdout;
      if (new RegExp(`\\[[█░]{20}\\] \\d+/${total} `).test(screen)) barSeen = true;
      code = (await readFile(exitFile, 'utf8').catch(() => '')).trim();
      if (code) break;
      await sleep(250);
    }
    assert.ok(code, 'the run ended within 5 minutes');
    await sleep(500); // the prompt
    const all = tmux('capture-pane', '-p', '-J', '-S', '-', '-t', 'run').stdout.replace(/\s+$/, '');
    const lines = all.split('\n').map((l) => l.replace(/\s+$/, ''));
    assert.is(code, String(json.status), 'the same exit code as the JSON run');
    assert.ok(barSeen, 'the progress bar was drawn during the run');
    assert.not.match(all, /[█░]|ETA \d/, 'no bar remnants anywhere in the scrollback');
    // Every finding line whole: place, severity, message, and the rule id at its end.
    const findings = lines.filter((l) => /^\s+\S.*? {2}(error|warning|info)( {2}|\s{3,})/.test(l));
    for (const line of findings) assert.match(line, /\s[a-z0-9-]+\/[a-z0-9-]+( \[待核\])?( \[[^\]]+\])*$/, `a whole finding line: ${line}`);
    assert.is(findings.length, expected, 'as many finding lines as the JSON has findings');
    // The summary last, then the prompt.
    const summary = lines.findIndex((l) => l.startsWith(`✖ ${total} 份报告，`));
    assert.ok(summary > 0, 'the summary is there');
    const after = lines.slice(summary + 1).filter((l) => l !== '');
    assert.equal(after, [PROMPT.trimEnd()], 'only the prompt after the summary');
    assert.is(lines.filter((l) => /份报告/.test(l)).length, 1, 'one summary');
  } finally {
    tmux('kill-server');
    await rm(tmp, { recursive: true, force: true });
  }
});

test.run();
