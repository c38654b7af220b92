// The Check Gradients view's page: no script, a strict CSP, a row per W[l], b[l], and text escaped.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { GradCheckResult } from '../../../core/engine/gradcheck';
import { gradCheckHtml, progressHtml } from '../../../extension/gradcheck/html';

const result: GradCheckResult = {
  network: '<img src=x onerror=alert(1)>', epsilon: 1e-7, examples: 64, examplesAtKinks: 0, parameters: 17, checked: 17,
  sampled: false, atKinks: 0, cost: 0.69, difference: 0.31, verdict: 'bug',
  perParameter: [
    { name: 'W', l: 1, rows: 4, cols: 2, shape: [4, 2], checked: 8, atKinks: 0, difference: 0.4, vanishes: false, verdict: 'bug', worst: [{ name: 'W', l: 1, row: 2, col: 0, at: [2, 0], backprop: 0.5, numerical: 0.25 }] },
    { name: 'b', l: 1, rows: 4, cols: 1, shape: [4, 1], checked: 4, atKinks: 0, difference: 0.2, vanishes: false, verdict: 'bug', worst: [{ name: 'b', l: 1, row: 3, col: 0, at: [3, 0], backprop: 0.1, numerical: 0.2 }] },
    { name: 'W', l: 2, rows: 1, cols: 4, shape: [1, 4], checked: 4, atKinks: 0, difference: 2e-9, vanishes: false, verdict: 'fine', worst: [] },
    { name: 'b', l: 2, rows: 1, cols: 1, shape: [1, 1], checked: 1, atKinks: 0, difference: 3e-6, vanishes: false, verdict: 'closer', worst: [] },
  ],
  worst: [{ name: 'W', l: 1, row: 2, col: 0, at: [2, 0], backprop: 0.5, numerical: 0.25 }],
};

test('the view is static: no script, only its own inline style, user text escaped', () => {
  const html = gradCheckHtml(result, 'nets/<a>.nn');
  assert.doesNotMatch(html, /<script/i);
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
  assert.match(csp ?? '', /^default-src 'none'; style-src 'nonce-[A-Za-z0-9+/=]+'$/);
  assert.ok(!html.includes('<img'), 'the network name is text, not markup');
  assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
  assert.ok(html.includes('nets/&lt;a&gt;.nn'));
});

test('a row per W[l], b[l] with its difference and verdict, and the worst entries counted from 1', () => {
  const html = gradCheckHtml(result, 'x.nn');
  const rows = [...html.matchAll(/<tr data-theta="([^"]+)">.*?<td class="num">([^<]+)<\/td><td class="num">([^<]+)<\/td><td class="verdict (\w+)">/g)]
    .map((m) => [m[1], m[2], m[3], m[4]]);
  assert.deepEqual(rows, [
    ['W[1]', '8 of 8', '4.00e-1', 'bug'],
    ['b[1]', '4 of 4', '2.00e-1', 'bug'],
    ['W[2]', '4 of 4', '2.00e-9', 'fine'],
    ['b[2]', '1 of 1', '3.00e-6', 'closer'],
  ]);
  assert.match(html, /<table id="worst">[^]*?<th scope="row">W\[1\]\(3, 1\)<\/th>/);
  // A table per W[l], b[l] with its own worst entries.
  const sections = [...html.matchAll(/<section data-theta="([^"]+)">([^]*?)<\/section>/g)];
  assert.deepEqual(sections.map((m) => m[1]), ['W[1]', 'b[1]', 'W[2]', 'b[2]']);
  assert.match(sections[1][2], /<th scope="row">b\[1\]\(4, 1\)<\/th><td class="num">1\.000000e-1<\/td><td class="num">2\.000000e-1<\/td>/);
  assert.match(sections[2][2], /No entry could be compared/);
  assert.match(html, /id="verdict" class="bug"/);
});

test('a conv layer\'s W[l] and b[l] read as the course\'s 4-tuples, as in every other view', () => {
  const conv: GradCheckResult = {
    ...result,
    perParameter: [
      { name: 'W', l: 1, rows: 25, cols: 6, shape: [5, 5, 1, 6], checked: 150, atKinks: 0, difference: 1e-9, vanishes: false, verdict: 'fine', worst: [] },
      { name: 'b', l: 3, rows: 1, cols: 16, shape: [1, 1, 1, 16], checked: 16, atKinks: 0, difference: 1e-9, vanishes: false, verdict: 'fine', worst: [] },
    ],
  };
  const html = gradCheckHtml(conv, 'digits.nn');
  assert.match(html, /<tr data-theta="W\[1\]"><th scope="row">W\[1\]<\/th><td>\(5, 5, 1, 6\)<\/td>/);
  assert.match(html, /<h3>b\[3\] \(1, 1, 1, 16\):/);
  assert.doesNotMatch(html, /\(25, 6\)|\(1, 16\)/);
});

test('while a check runs the view says how far it is; cancelled, it says so', () => {
  const running = progressHtml('<b>', 'a.nn', { done: 1234, total: 20000 });
  assert.match(running, /id="progress" role="status" data-done="1234" data-total="20000">Checking… 1,234 of 20,000 entries compared\./);
  assert.ok(running.includes('&lt;b&gt;') && !running.includes('<b>'));
  assert.doesNotMatch(running, /<script/i);
  assert.match(progressHtml('n', 'a.nn', undefined, 'cancelled'), /data-ended="cancelled">Cancelled: no result\./);
});
