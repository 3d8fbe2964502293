import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError, configToOptions } from '../src/config.js';
import { parseConfig } from '../src/config-schema.js';

test('a valid config → rule settings, agency type, deadlines handed to meta/late', () => {
  const config = parseConfig({ rules: { 't3/balance': 'warning', 'meta/late': 'off' }, agencyType: 'department', deadlines: { department: '01-31', government: '03-31' } });
  const options = configToOptions(config);
  assert.equal(options.rules, { 't3/balance': 'warning', 'meta/late': 'off' });
  assert.is(options.agencyType, 'department');
  assert.equal(options.settings['meta/late'], { deadlines: { department: '01-31', government: '03-31' } });
});

test('bad configs → ConfigError naming the file and each problem', () => {
  const cases: [unknown, RegExp][] = [
    [{ rules: { 't3/balance': 'fatal' } }, /rules\["t3\/balance"\]/],
    [{ rules: { balance: 'error' } }, /rules\.balance/],
    [{ deadlines: { department: '13-01' } }, /MM-DD/],
    [{ agencyType: 'city' }, /agencyType/],
    [{ rulez: {} }, /Unrecognized key: "rulez"/],
    [[], /expected object/],
  ];
  for (const [data, pattern] of cases) {
    try {
      parseConfig(data, 'my.config.json');
      assert.unreachable(JSON.stringify(data));
    } catch (error) {
      assert.instance(error, ConfigError);
      assert.match((error as Error).message, /^配置文件无效 \(invalid config\): my\.config\.json\n/);
      assert.match((error as Error).message, pattern);
    }
  }
});

test.run();
