// Times GoRules Zen on the deals that ExportDeals wrote, after checking that Zen gives deal-advisor's answer
// (advice, referTo, revisitOn) on every one of them. One deal at a time, awaited: one thread, like JMH.
// Usage: node bench.js DEALS_JSON [ROUNDS]   Prints one JSON line: evaluations/s (median round), p50, p99 (µs).
'use strict';
const fs = require('fs');
const path = require('path');
const { ZenEngine } = require('@gorules/zen-engine');

const [dealsFile, roundsArg] = process.argv.slice(2);
const rounds = Number(roundsArg || 5);
const cases = JSON.parse(fs.readFileSync(dealsFile, 'utf8'));
const engine = new ZenEngine();
const decision = engine.createDecision(fs.readFileSync(path.join(__dirname, 'deal-advice.json')));

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

async function checkSameAnswers() {
  const differences = [];
  for (const { deal, expected } of cases) {
    const { result } = await decision.evaluate(deal);
    const answer = { advice: result.advice, referTo: result.referTo ?? null, revisitOn: result.revisitOn ?? null };
    if (answer.advice !== expected.advice || answer.referTo !== expected.referTo || answer.revisitOn !== expected.revisitOn) {
      differences.push(`${deal.id}: deal-advisor ${JSON.stringify(expected)}, Zen ${JSON.stringify(answer)}`);
    }
  }
  if (differences.length > 0) {
    console.error(`${differences.length} of ${cases.length} deals are decided differently by Zen; first ones:\n  `
      + differences.slice(0, 10).join('\n  '));
    process.exit(1);
  }
}

async function timedRound() {
  const micros = new Float64Array(cases.length);
  const start = process.hrtime.bigint();
  for (let i = 0; i < cases.length; i++) {
    const before = process.hrtime.bigint();
    await decision.evaluate(cases[i].deal);
    micros[i] = Number(process.hrtime.bigint() - before) / 1000;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  micros.sort();
  return { perSecond: cases.length / seconds, p50: percentile(micros, 0.5), p99: percentile(micros, 0.99) };
}

(async () => {
  await checkSameAnswers(); // also the warm-up
  const results = [];
  for (let round = 0; round < rounds; round++) {
    results.push(await timedRound());
  }
  console.log(JSON.stringify({
    deals: cases.length,
    rounds,
    evaluationsPerSecond: Math.round(median(results.map((r) => r.perSecond))),
    p50Micros: Number(median(results.map((r) => r.p50)).toFixed(1)),
    p99Micros: Number(median(results.map((r) => r.p99)).toFixed(1)),
    roundsPerSecond: results.map((r) => Math.round(r.perSecond)),
  }));
})();
