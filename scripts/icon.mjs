// Renders the Marketplace icon (extension/icons/icon.png, 128×128) from the SVG below with the
// machine's Chromium, so the PNG can be remade after a change: node scripts/icon.mjs
import { join } from 'node:path';
import { ROOT } from './vscode/ensure.mjs';
import { launchBrowser } from './vscode/browser.mjs';

// The course's planar network, 2 → 4 → 1, on a dark tile, with the (4, 2) of W[1] beneath it.
const input = [[30, 44], [30, 76]];
const hidden = [[64, 24], [64, 48], [64, 72], [64, 96]].map(([x, y]) => [x, y - 4]);
const output = [[98, 60]];
const edges = [...input.flatMap((a) => hidden.map((b) => [a, b])), ...hidden.flatMap((a) => output.map((b) => [a, b]))];
const line = ([[x1, y1], [x2, y2]]) => `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}"/>`;
const dots = (points, r, fill) => points.map(([x, y]) => `<circle cx="${x}" cy="${y}" r="${r}" fill="${fill}"/>`).join('');
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128">
  <defs><linearGradient id="bg" x1="0" y1="0" x2="0" y2="1">
    <stop offset="0" stop-color="#25324a"/><stop offset="1" stop-color="#141b27"/></linearGradient></defs>
  <rect width="128" height="128" rx="24" fill="url(#bg)"/>
  <g stroke="#8fa3bf" stroke-width="2" stroke-opacity="0.75">${edges.map(line).join('')}</g>
  ${dots(input, 8, '#f39c12')}${dots(hidden, 7, '#3fa9f5')}${dots(output, 9, '#2ecc71')}
  <text x="64" y="118" text-anchor="middle" font-family="DejaVu Sans Mono, monospace" font-size="15"
    font-weight="bold" fill="#e8eef7">(4, 2)</text>
</svg>`;

const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  const out = join(ROOT, 'extension', 'icons', 'icon.png');
  await page.locator('svg').screenshot({ path: out, omitBackground: true });
  console.log(`icon: wrote ${out}`);
} finally {
  await browser.close();
}
