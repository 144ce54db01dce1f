// Prints bench/run's one table from the result files in RESULTS_FOLDER: every figure, its ratio to the
// baseline measured in the same run, and the target it is held to (met or missed). After `bench/run recording`
// or `bench/run events` only the HTTP runs are there, and only their rows are printed.
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

const recordingOnly = !fs.existsSync(path.join(folder, 'jmh.json'));
const jmh = recordingOnly ? {} : Object.fromEntries(JSON.parse(read('jmh.json')).map((result) => [
  result.benchmark.replace(/.*\./, ''), median(result.primaryMetric.rawData.flat())]));
const zen = recordingOnly ? {} : JSON.parse(read('zen.json'));
const reload = recordingOnly ? {} : Object.fromEntries(read('reload.txt').trim().split('\n').map((line) => {
  const [name, coldMs, warmMs, rules] = line.split(' ');
  return [name, { coldMs: Number(coldMs), warmMs: Number(warmMs), rules: Number(rules) }];
}));
const http = keyValues('http.env');
const optional = (name) => (fs.existsSync(path.join(folder, name)) ? keyValues(name) : null);
const recordingOff = optional('http-recording-off.env');
// Decision events on, to a broker on this machine (bench/http/kafka.sh): against http.env, where they are off.
const events = optional('http-events.env');
// Deals in from Kafka (bench/http/ingress.sh), run after the events' HTTP run on the same broker.
const ingress = optional('ingress.env');
// Recording on the embedded store of earlier versions (H2), the A/B behind the choice of SQLite.
const recordingH2 = optional('http-recording-h2.env');
const startup = recordingOnly ? {} : keyValues('startup.env');
const base = !recordingOnly && fs.existsSync(path.join(folder, 'base.env')) ? {
  revision: read('base.env').trim().replace('base.revision=', ''),
  // The baseline is measured before and after this tree's run: the mean of the two evens out drift.
  drools: ['jmh-base-1.json', 'jmh-base-2.json'].map((name) => median(JSON.parse(read(name))[0].primaryMetric.rawData.flat()))
    .reduce((sum, value) => sum + value / 2, 0),
  http: keyValues('http-base.env'),
} : null;

const number = (value, digits = 0) => value.toLocaleString('en-US', { maximumFractionDigits: digits });
const ratio = (value, of) => `${(value / of).toFixed(2)}x`;
const target = (met, text) => `${text}: ${met ? 'met' : 'MISSED'}`;
const ms = (micros) => `${number(micros / 1000, 2)} ms`;

const floor = jmh.plainJava;
const drools = jmh.dealAdvisorDrools;
const slowestPeer = Math.max(jmh.easyRulesMvel, zen.evaluationsPerSecond);
const batch = http['batch.dealsPerSecond'];
const p99Limit = 2 * http['http.constant.p99us'];
const dropped = (result) => (Number(result['records.dropped'] || 0) > 0
  ? `; ${number(Number(result['records.dropped']))} records dropped (buffer full), which flatters it` : '');
const rss = (result) => `${number(result['http.rssKb'] / 1024)} MB (${number(result['http.peakRssKb'] / 1024)} MB)`;
// What a record costs each embedded store in-process (bench/jmh StoreCost), two alternating runs.
const storeCost = ['store-cost-1.env', 'store-cost-2.env'].filter((name) => fs.existsSync(path.join(folder, name)))
  .map(keyValues);
const costOf = (store, key) => storeCost.map((run) => run[`store.${store}.${key}`]);
const micros = (values) => values.map((value) => value.toFixed(1)).join(', ');
const mean = (values) => values.reduce((sum, value) => sum + value, 0) / values.length;
const kilobytes = (values) => values.map((value) => number(value / 1024, 1)).join(', ');
const storeRow = (store, label) => [label, `${micros(costOf(store, 'processCpuMicros'))}; ${micros(costOf(store, 'threadCpuMicros'))};`
  + ` ${kilobytes(costOf(store, 'bytesWritten'))} KB`,
  ratio(mean(costOf(store, 'processCpuMicros')), mean(costOf('h2', 'processCpuMicros'))) + ' (process CPU, mean)', ''];
const storeRows = storeCost.length === 0 ? [] : [
  [`In-process, a record written to each embedded store grown to 100,000 records with a deal and client id each (then 20,000, 100 a transaction; ${storeCost.length} runs)`, '', '', ''],
  ['H2 (the store of earlier versions; baseline): CPU us a record, process; inserting thread; written a record',
    `${micros(costOf('h2', 'processCpuMicros'))}; ${micros(costOf('h2', 'threadCpuMicros'))}; ${kilobytes(costOf('h2', 'bytesWritten'))} KB`, '1.00x', ''],
  storeRow('sqlite', 'SQLite, WAL, synchronous=NORMAL, 32 KB pages (shipped): the same'),
  storeRow('sqlite-4k', 'SQLite as shipped, but its own 4 KB pages: the same'),
];
const httpRows = [
  ...storeRows,
  [`HTTP, wrk 32 connections, -Xmx128m, ${http['http.rounds']} rounds of ${http['http.seconds']} s each`, '', '', ''],
  ['POST /bench/constant (baseline)', `${number(http['http.constant.rps'])} req/s, p50 ${ms(http['http.constant.p50us'])}, p99 ${ms(http['http.constant.p99us'])}`, '1.00x', ''],
  ['POST /v1/qualifications, decision records on (SQLite)' + (events ? ', events off' : ''), `${number(http['http.qualify.rps'])} req/s, p50 ${ms(http['http.qualify.p50us'])}, p99 ${ms(http['http.qualify.p99us'])}`
    + dropped(http),
    `${http['http.ratio'].toFixed(2)}x (median of the rounds' ratios)`,
    target(http['http.ratio'] >= 0.8, '>= 0.80x constant') + '; '
    + target(http['http.qualify.p99us'] <= p99Limit, `p99 <= 2x constant's (${ms(p99Limit)})`)],
  ...(recordingH2 ? [['POST /v1/qualifications, decision records on H2 (run of its own)',
    `${number(recordingH2['http.qualify.rps'])} req/s, p99 ${ms(recordingH2['http.qualify.p99us'])}` + dropped(recordingH2),
    `${recordingH2['http.ratio'].toFixed(2)}x of its constant`, '']] : []),
  // Recording off is what the wire and the rules cost together: held close to the constant, which only reads the deal.
  ...(recordingOff ? [['POST /v1/qualifications, decision records off (run of its own)', `${number(recordingOff['http.qualify.rps'])} req/s, p99 ${ms(recordingOff['http.qualify.p99us'])}`,
    `${recordingOff['http.ratio'].toFixed(2)}x of its constant`,
    target(recordingOff['http.ratio'] >= 0.85, '>= 0.85x constant') + '; '
    + target(recordingOff['http.qualify.p99us'] <= 1.5 * recordingOff['http.constant.p99us'],
      `p99 <= 1.5x its constant's (${ms(1.5 * recordingOff['http.constant.p99us'])})`)],
  ['recording on vs off (each run\'s ratio to its constant)', ratio(http['http.ratio'], recordingOff['http.ratio']), '',
    target(http['http.ratio'] >= 0.9 * recordingOff['http.ratio'], '>= 0.90x')]] : []),
  ...(recordingH2 && recordingOff ? [['recording on H2 vs off (the same)', ratio(recordingH2['http.ratio'], recordingOff['http.ratio']), '',
    target(recordingH2['http.ratio'] >= 0.9 * recordingOff['http.ratio'], '>= 0.90x')]] : []),
  ...(events ? [['POST /v1/qualifications, decision events on (run of its own; broker on this machine)',
    `${number(events['http.qualify.rps'])} req/s, p99 ${ms(events['http.qualify.p99us'])}; ${number(events['events.published'])} events on the broker`
    + dropped(events), `${events['http.ratio'].toFixed(2)}x of its constant`, ''],
  ['events on vs off: qualifications/s (each run\'s ratio to its constant; raw req/s)',
    `${ratio(events['http.ratio'], http['http.ratio'])}; ${ratio(events['http.qualify.rps'], http['http.qualify.rps'])}`, '', '']] : []),
  ...(ingress ? [['Deals in from Kafka: one consumer, 3 partitions, each deal acknowledged once its record is committed',
    `${number(ingress['ingress.dealsPerSecond'])} deals/s (${number(ingress['ingress.deals'])} in ${ingress['ingress.seconds']} s)`, '', '']] : []),
  ['RSS after the HTTP run (peak), records on', rss(http), '', target(http['http.rssKb'] / 1024 <= 300, '<= 300 MB')],
  ...(recordingH2 ? [['RSS after the HTTP run (peak), records on H2', rss(recordingH2), '', '']] : []),
  ...(recordingOff ? [['RSS after the HTTP run (peak), records off', rss(recordingOff), '', '']] : []),
  ...(events ? [['RSS after the HTTP run (peak), events on', rss(events), '', '']] : []),
];
const rows = recordingOnly ? httpRows : [
  ['In-process, 1 thread, 10,000 deals (JMH; Zen in Node)', '', '', ''],
  ['plain Java, hand-written (baseline)', `${number(floor)} eval/s`, '1.00x', ''],
  ['deal-advisor, shipped rules (Drools)', `${number(drools)} eval/s`, ratio(drools, floor),
    (base ? target(drools >= 1.3 * base.drools, `>= 1.30x ${base.revision}`) + '; ' : '')
    + target(drools > slowestPeer, 'faster than Easy Rules MVEL and Zen') + '; '
    + target(drools >= 1.59 * jmh.easyRulesMvel, '>= 1.59x Easy Rules MVEL')],
  ...(base ? [[`deal-advisor at ${base.revision} (before; mean of a run before and after)`, `${number(base.drools)} eval/s`,
    ratio(base.drools, floor), `now ${ratio(drools, base.drools)} of it`]] : []),
  // Not a text-rules peer: the reference for what compiled code costs (docs/benchmarks.md says what separates them).
  ['Easy Rules, Java rules compiled in (compiled-code reference)', `${number(jmh.easyRules)} eval/s`, ratio(jmh.easyRules, floor),
    `deal-advisor ${ratio(drools, jmh.easyRules)} of it`],
  ['Easy Rules, MVEL rules read from YAML', `${number(jmh.easyRulesMvel)} eval/s`, ratio(jmh.easyRulesMvel, floor), ''],
  ['GoRules Zen (Node, awaited one by one)', `${number(zen.evaluationsPerSecond)} eval/s, p50 ${zen.p50Micros} us, p99 ${zen.p99Micros} us`,
    ratio(zen.evaluationsPerSecond, floor), ''],
  ['deal-advisor / Easy Rules MVEL; / Zen', `${ratio(drools, jmh.easyRulesMvel)}; ${ratio(drools, zen.evaluationsPerSecond)}`, '', ''],
  ...httpRows,
  ['POST /v1/qualifications/batch, 1,000 deals (median of 5)', `${number(batch)} deals/s`,
    `${ratio(batch, drools)} of in-process`, target(batch >= drools, '>= 1.00x in-process, 1 thread')],
  ...(base ? [
    [`Before: ${base.revision}'s jar, same HTTP run`, '', '', ''],
    ['POST /v1/qualifications vs its constant', `${number(base.http['http.qualify.rps'])} req/s, p99 ${ms(base.http['http.qualify.p99us'])}`,
      `${base.http['http.ratio'].toFixed(2)}x`, `now ${ratio(http['http.ratio'], base.http['http.ratio'])} of it`],
    ['RSS after the HTTP run', `${number(base.http['http.rssKb'] / 1024)} MB`, '', ''],
    ['batch of 1,000', `${number(base.http['batch.dealsPerSecond'])} deals/s`, `${ratio(base.http['batch.dealsPerSecond'], base.drools)} of its in-process`,
      `now ${ratio(batch, base.http['batch.dealsPerSecond'])} of it`],
  ] : []),
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
