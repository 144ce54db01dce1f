// Prints bench/run's one table from the result files in RESULTS_FOLDER: every figure, its ratio to the
// baseline measured in the same run, and the target it is held to (met or missed).
// Usage: node bench/table.js RESULTS_FOLDER
'use strict';
const fs = require('fs');
const path = require('path');
const os = require('os');

const folder = process.argv[2];
const read = (name) => fs.readFileSync(path.join(folder, name), 'utf8');
const keyValues = (name) => Object.fromEntries(read(name).trim().split('\n').map((line) => {
  const at = line.indexOf('=');
  return [line.slice(0, at), Number(line.slice(at + 1))];
}));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];

const jmh = Object.fromEntries(JSON.parse(read('jmh.json')).map((result) => [
  result.benchmark.replace(/.*\./, ''), median(result.primaryMetric.rawData.flat())]));
const zen = JSON.parse(read('zen.json'));
const reload = Object.fromEntries(read('reload.txt').trim().split('\n').map((line) => {
  const [name, coldMs, warmMs, rules] = line.split(' ');
  return [name, { coldMs: Number(coldMs), warmMs: Number(warmMs), rules: Number(rules) }];
}));
const http = keyValues('http.env');
const recordingOff = keyValues('http-recording-off.env');
const startup = keyValues('startup.env');

const number = (value, digits = 0) => value.toLocaleString('en-US', { maximumFractionDigits: digits });
const ratio = (value, base) => `${(value / base).toFixed(2)}x`;
const target = (met, text) => `${text}: ${met ? 'met' : 'MISSED'}`;

const floor = jmh.plainJava;
const drools = jmh.dealAdvisorDrools;
const rows = [
  ['In-process, 1 thread, 10,000 deals (JMH; Zen in Node)', '', '', ''],
  ['plain Java, hand-written (baseline)', `${number(floor)} eval/s`, '1.00x', ''],
  ['deal-advisor, shipped rules (Drools)', `${number(drools)} eval/s`, ratio(drools, floor),
    target(drools >= 150000, '>= 150,000 eval/s') + '; ' + target(drools > zen.evaluationsPerSecond, 'faster than Zen')],
  ['Easy Rules, Java rules', `${number(jmh.easyRules)} eval/s`, ratio(jmh.easyRules, floor), ''],
  ['Easy Rules, MVEL rules from YAML', `${number(jmh.easyRulesMvel)} eval/s`, ratio(jmh.easyRulesMvel, floor),
    target(drools > jmh.easyRulesMvel, 'deal-advisor faster')],
  ['GoRules Zen (Node, awaited one by one)', `${number(zen.evaluationsPerSecond)} eval/s, p50 ${zen.p50Micros} us, p99 ${zen.p99Micros} us`,
    ratio(zen.evaluationsPerSecond, floor), ''],
  ['deal-advisor / Zen', ratio(drools, zen.evaluationsPerSecond), '', ''],
  [`HTTP, wrk 32 connections, -Xmx128m, ${http['http.rounds']} rounds of ${http['http.seconds']} s each`, '', '', ''],
  ['POST /bench/constant (baseline)', `${number(http['http.constant.rps'])} req/s, p50 ${number(http['http.constant.p50us'] / 1000, 2)} ms, p99 ${number(http['http.constant.p99us'] / 1000, 2)} ms`, '1.00x', ''],
  ['POST /v1/qualifications', `${number(http['http.qualify.rps'])} req/s, p50 ${number(http['http.qualify.p50us'] / 1000, 2)} ms, p99 ${number(http['http.qualify.p99us'] / 1000, 2)} ms`,
    `${http['http.ratio'].toFixed(2)}x (median of the rounds' ratios)`,
    target(http['http.ratio'] >= 0.9, '>= 0.90x constant') + '; '
    + target(http['http.qualify.p99us'] <= 10000, 'p99 <= 10 ms')],
  ['POST /v1/qualifications, decision records off (run of its own)', `${number(recordingOff['http.qualify.rps'])} req/s`,
    `${recordingOff['http.ratio'].toFixed(2)}x of its constant`, ''],
  ['recording on vs off (each run\'s ratio to its constant)', ratio(http['http.ratio'], recordingOff['http.ratio']), '',
    target(http['http.ratio'] >= 0.9 * recordingOff['http.ratio'], '>= 0.90x')],
  ['RSS after the HTTP run (peak)', `${number(http['http.rssKb'] / 1024)} MB (${number(http['http.peakRssKb'] / 1024)} MB)`, '',
    target(http['http.rssKb'] / 1024 <= 300, '<= 300 MB')],
  ['POST /v1/qualifications/batch, 1,000 deals (median of 5)', `${number(http['batch.dealsPerSecond'])} deals/s`,
    `${ratio(http['batch.dealsPerSecond'], drools)} of in-process`, target(http['batch.dealsPerSecond'] >= 60000, '>= 60,000 deals/s')],
  ['Start and reload', '', '', ''],
  ['exec of java -jar to first 200 (median of 3)', `${number(startup['startup.firstAnswerMs'])} ms`, '',
    target(startup['startup.firstAnswerMs'] <= 2500, '<= 2,500 ms')],
  [`reload, shipped rules (${reload.shipped.rules} rules; warm median, cold first)`, `${reload.shipped.warmMs} ms (cold ${reload.shipped.coldMs} ms)`, '1.00x',
    target(reload.shipped.warmMs <= 300, '<= 300 ms')],
  [`reload, shipped + 1,000 generated (${reload['shipped+1000'].rules} rules)`, `${reload['shipped+1000'].warmMs} ms (cold ${reload['shipped+1000'].coldMs} ms)`,
    ratio(reload['shipped+1000'].warmMs, reload.shipped.warmMs), ''],
];

const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => row[column].length)));
const line = (row) => '| ' + row.map((cell, column) => cell.padEnd(widths[column])).join(' | ') + ' |';
console.log(`deal-advisor benchmarks, ${new Date().toISOString().slice(0, 16)}Z, ${os.cpus().length} cores`
  + ` (${os.cpus()[0].model.trim()}), load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}:`
  + ' a shared machine, so compare ratios within this run');
console.log(line(['figure', 'value (median)', 'vs baseline', 'target']));
console.log(line(widths.map((width) => '-'.repeat(width))));
rows.forEach((row) => console.log(line(row)));
