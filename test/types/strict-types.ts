// Compiled by test/types.test.ts with `tsc --noEmit -p test/types`: each @ts-expect-error line must be an
// error (a typo that compiles fails the test), and the lines without it must compile.
import { audit, type AuditOptions, type Finding, type FactKey, type Report, type RuleId, type Severity } from '../../src/index.js';

declare const report: Report;

// Fact keys: known keys compile, misspelt ones do not.
export const total = report.facts['t3.new_received.total'];
export const inForce = report.facts['t2.normative_docs.in_force'];
export const review = report.facts['t4.review.upheld'];
// @ts-expect-error misspelt row (recieved)
export const typo = report.facts['t3.new_recieved.total'];
// @ts-expect-error a table 四 column that does not exist
export const badCol = report.facts['t4.review.won'];
// @ts-expect-error a table 二 row with another row's column
export const badT2 = report.facts['t2.fees.in_force'];
export const key: FactKey = 't3.results.withheld.state_secret.natural_person';

// Rule ids and severities.
export const id: RuleId = 't3/balance';
// @ts-expect-error unknown rule id
export const badId: RuleId = 'table/mising';
export const severity: Severity = 'warning';
// @ts-expect-error 'warn' is not a severity
export const badSeverity: Severity = 'warn';
export const checkId = (f: Finding): boolean => f.ruleId === 'section/order';
// @ts-expect-error comparing with an id that does not exist
export const checkBadId = (f: Finding): boolean => f.ruleId === 'section/ordr';

// Options.
export const good: AuditOptions = { rules: { 'table/missing': 'off', 'section/order': 'warning' } };
// @ts-expect-error unknown rule id in the options
export const badRule: AuditOptions = { rules: { 'table/mising': 'off' } };
// @ts-expect-error unknown severity in the options
export const badLevel: AuditOptions = { rules: { 'section/order': 'warn' } };
export const run = (): Promise<Report> => audit('text', good);
