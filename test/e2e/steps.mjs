// The user's path through NN Studio, one step per check. Each step opens what it needs, so a
// failure in one leaves the next ones meaningful. `shot()` saves the step's screenshot (its id).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { atWidths, comparedRuns, diagramSeen, frameWith, goToLine, hoverLine, nextFrames, openFile, panelsAlone, pauseIfRunning, quickFixItem, resetSlow, revertEdits, runCommand, runEnded, runState, saveAs, scrollHoverTo, trainNew, until, visible } from './workbench.mjs';

/** The line (counting from 1) of examples/FILE whose text, trimmed, is `text`. */
function exampleLine(file, text) {
  const lines = readFileSync(new URL(`../../examples/${file}`, import.meta.url), 'utf8').split('\n');
  const i = lines.findIndex((l) => l.trim() === text);
  if (i < 0) throw new Error(`examples/${file} has no line "${text}"`);
  return i + 1;
}

/**
 * The hover over `word` on the line of examples/FILE reading `line` (the editor line showing `at`,
 * for a line whose inlay hints split it), once it shows `expect`: its text, backticks dropped.
 */
async function exampleHover(page, file, { line, at = line, expect, word }) {
  await openFile(page, file);
  await goToLine(page, exampleLine(file, line));
  return (await hoverLine(page, at, expect, 20_000, word)).replace(/`/g, '');
}

/** A sequence layer's hover: its lines, white space folded, and the m (training examples) it names. */
function sequenceHover(text) {
  const m = Number(/m = ([\d,]+) training examples/.exec(text)?.[1].replace(/,/g, ''));
  if (!(m > 0)) throw new Error(`the hover does not say m: ${text}`);
  return { m, lines: text.split('\n').map((l) => l.replace(/\s+/g, ' ').trim()) };
}

/** Throws naming each of `want` that no line of the hover holds. */
function hoverHolds(lines, want) {
  const missing = want.filter((w) => !lines.some((l) => l.includes(w)));
  if (missing.length) throw new Error(`the hover lacks ${missing.map((w) => `"${w}"`).join(', ')}: ${lines.join(' | ')}`);
}

/** The picture of a hover scrolled to its row showing `text`; the hover closed after. */
async function hoverShot(page, shot, text) {
  await scrollHoverTo(page, text);
  await shot();
  await page.keyboard.press('Escape');
}

/** The colour scale of each map through time, in order: `diverging -M…M` or `sequential 0…1`. */
function mapScales(view) {
  return view.$$eval('#time-maps figure.time-map .color-scale', (els) => els.map((e) => `${e.dataset.scale} ${e.dataset.min}…${e.dataset.max}`));
}

/** The picture of the panel in `view` scrolled to `selector`, the mouse off the tab, whose tooltip would cover the panel. */
async function panelShot(page, view, shot, selector) {
  await view.$eval(selector, (el) => el.scrollIntoView({ block: 'start' }));
  await page.mouse.move(24, 500);
  await shot();
}

/** Waits for the run of `network` in `view` to end, throwing with the panel's error unless it ended done. */
async function runDone(view, network, timeoutMs) {
  const state = await runEnded(view, network, timeoutMs);
  if (state !== 'done') throw new Error(`the run ended as "${state}": ${await view.innerText('#error')}`);
}

/** A new line after line `after` of the open editor holding `text`, inserted as one input, as a paste is. */
async function insertLineAfter(page, after, text) {
  await goToLine(page, after);
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.insertText(text);
}

/** `name` as on disk again after a step's edits, the Problems panel hidden again. */
async function undoEdits(page, name) {
  await revertEdits(page, name);
  if (await page.locator('.markers-panel').isVisible()) await page.keyboard.press('Control+J');
}

export const steps = [
  {
    id: 'diagnostics',
    name: 'a broken file shows a red squiggle, an error count and its problem',
    async run({ page, shot }) {
      await openFile(page, 'broken/broken.nn');
      await visible(page, '.editor-instance .squiggly-error', 'a red squiggle in broken.nn');
      const problems = page.locator('[id="status.problems"]');
      // Its aria-label reads "Errors: 1" (with ", Warnings: N" when there are some).
      const label = await until('the Problems count in the status bar to show an error', async () => {
        const text = await problems.getAttribute('aria-label');
        return Number(/Errors?: (\d+)/i.exec(text ?? '')?.[1]) > 0 ? text : undefined;
      });
      console.log(`    status bar: ${label}`);
      // The Problems panel (Ctrl+Shift+M) names the shape the annotation should have.
      await page.keyboard.press('Control+Shift+M');
      const entry = await visible(page, '.markers-panel .monaco-list-row:has-text("(1, 4)")', 'a Problems entry naming (1, 4)');
      console.log(`    problem: ${(await entry.innerText()).replace(/\s+/g, ' ')}`);
      await shot();
      await page.keyboard.press('Control+Shift+M');
    },
  },
  {
    id: 'toast',
    name: 'training a file with errors shows a toast, and its Show Problems button opens the Problems panel',
    async run({ page, shot }) {
      await openFile(page, 'broken/broken.nn');
      await runCommand(page, 'NN: Train Network');
      // A toast in the window's corner, as users see it, not a silent entry in the bell's list.
      const toast = await visible(page, '.notifications-toasts .notification-toast:has-text("has errors: fix them")', 'the toast "Network `broken` has errors: fix them before training."');
      console.log(`    toast: ${(await toast.innerText()).replace(/\s+/g, ' ')}`);
      await visible(page, '.notifications-toasts .notification-fade-in-done', 'the toast to have faded in');
      await shot();
      await toast.getByRole('button', { name: 'Show Problems' }).click();
      await visible(page, '.markers-panel .monaco-list-row:has-text("(1, 4)")', 'the Problems panel that Show Problems opens');
      await page.keyboard.press('Control+Shift+M');
    },
  },
  {
    id: 'hover',
    name: 'hovering a dense line shows its shapes',
    async run({ page, shot, flower }) {
      await openFile(page, flower);
      // Layer 2 of the planar network: W[2] is (n[2], n[1]) = (1, 4).
      const text = await hoverLine(page, 'dense 1', '(1, 4)');
      console.log(`    hover: ${text.split('\n').filter(Boolean).slice(0, 3).join(' | ')}`);
      await shot();
    },
  },
  {
    id: 'block-hover',
    name: 'hovering a block use shows its expansion with every layer\'s l and shapes; the diagram draws the ResNet with its skip connections',
    async run({ page, shot }) {
      // `identity(16)` after the convolutional block (layers 3–5): layers 6 and 7 on (m, 6, 6, 16).
      // The cursor on its line brings it into view (with the Problems panel open it sits below the fold).
      const text = await exampleHover(page, 'resnet.nn', { line: 'identity(16)', expect: 'layer 7', word: 'identity' });
      console.log(`    hover: ${text.split('\n').filter(Boolean).slice(0, 3).join(' | ')}`);
      for (const want of ['identity(16) expands to', 'layer 6', 'layer 7', '(m, 6, 6, 16)']) {
        if (!text.includes(want)) throw new Error(`the hover lacks "${want}": ${text}`);
      }
      await shot();
      // The diagram with the cursor on the use: its frame marked, each identity skip drawn as such.
      await page.keyboard.press('Escape');
      await goToLine(page, exampleLine('resnet.nn', 'identity(16)'));
      await runCommand(page, 'NN: Show Network Diagram');
      const view = await frameWith(page, 'svg.diagram g.frame.current', 'the diagram with the block under the cursor marked');
      const frames = await view.$$eval('svg.diagram g.frame', (gs) => gs.map((g) => `${g.dataset.kind}${g.classList.contains('current') ? '*' : ''}`).join(' '));
      console.log(`    frames: ${frames}`);
      if ((frames.match(/residual/g) ?? []).length !== 2 || !frames.includes('block*')) throw new Error(`expected two residual frames and the block under the cursor marked: ${frames}`);
      const seen = await diagramSeen(view);
      if (seen.covered.length || seen.spill.length) throw new Error(`covered: ${seen.covered.join(' | ')}, spilling: ${seen.spill.join(' | ')}`);
      await shot('diagram-resnet');
      // The steps after this one start, as the first ones did, from a window without panels.
      await runCommand(page, 'View: Close All Editors');
    },
  },
  {
    id: 'residual-fix',
    name: 'a residual whose body and shortcut disagree names both shapes, and its quick fix inserts the projection shortcut',
    async run({ page, shot }) {
      await openFile(page, 'resnet.nn');
      // A new residual after identity(16) (6×6×16) whose body halves n_H, n_W and doubles n_C.
      // Inserted as one input, as a paste is: typed key by key, a completion list that opens on the
      // way may take a key (a busy machine once lost `pad: 1`).
      const typed = 'residual relu { conv2d 32 relu f: 3 stride: 2 pad: 1  norm: batch }';
      await insertLineAfter(page, exampleLine('resnet.nn', 'identity(16)'), typed);
      await visible(page, '.editor-instance .view-line:has-text("conv2d 32 relu f: 3 stride: 2 pad: 1")', 'the new residual in the editor');
      // Its text as typed (an inlay hint of the line that was there may stand inside it until the server has checked it again).
      await until('the new residual as typed', async () =>
        (await page.locator('.editor-instance .view-line:has-text("conv2d 32 relu f: 3")').innerText()).replace(/\s+/g, ' ').includes(typed.replace('  ', ' ')));
      try {
        await visible(page, '.editor-instance .squiggly-error', 'a red squiggle under the new residual');
        const problem = await hoverLine(page, 'residual relu { conv2d 32', 'the body of this residual gives');
        console.log(`    problem: ${problem.split('\n').find((l) => l.includes('residual gives'))}`);
        if (!problem.includes('(m, 3, 3, 32)') || !problem.includes('(m, 6, 6, 16)')) throw new Error(`the problem should name both shapes: ${problem}`);
        // The Problems panel says it too (the README's picture shows both); a click on `residual`
        // gives the editor the focus again, with the cursor where the quick fix is offered.
        await page.keyboard.press('Escape');
        await page.keyboard.press('Control+Shift+M');
        await visible(page, '.markers-panel .monaco-list-row:has-text("(m, 3, 3, 32)")', 'the problem in the Problems panel');
        await page.locator('.editor-instance .view-line:has-text("residual relu { conv2d 32") span span', { hasText: 'residual' }).first().click();
        const item = await quickFixItem(page, 'Add `shortcut { conv2d 32 linear f: 1 stride: 2 norm: batch }`');
        await shot();
        await item.click();
        await visible(page, '.editor-instance .view-line:has-text("shortcut { conv2d 32 linear f: 1 stride: 2 norm: batch }")', 'the shortcut in the residual');
        await until('the squiggle to go', async () => (await page.locator('.editor-instance .squiggly-error').count()) === 0);
        const line = await page.locator('.editor-instance .view-line:has-text("residual relu { conv2d 32")').innerText();
        console.log(`    fixed: ${line.replace(/\s+/g, ' ').trim()}`);
      } finally {
        await undoEdits(page, 'resnet.nn');
      }
    },
  },
  {
    id: 'shapes-output',
    name: '"NN: Show Shapes" prints to an output channel whose name no other channel has',
    async run({ page, flower }) {
      await openFile(page, flower);
      await runCommand(page, 'NN: Show Shapes');
      await visible(page, '.panel .view-line:has-text("total params")', 'the shapes table in the Output view');
      const names = await page.locator('select[aria-label="Switch Output"]').first().evaluate((s) => [...s.options].map((o) => o.text));
      const ours = names.filter((n) => n.startsWith('NN'));
      console.log(`    NN Studio's output channels: ${ours.join(', ')}`);
      if (ours.length < 2 || new Set(ours).size !== ours.length) throw new Error(`the language server's and the shapes' channels should have names of their own: ${ours.join(', ')}`);
      await page.keyboard.press('Control+J'); // hides the panel again
    },
  },
  {
    id: 'train',
    name: '"NN: Train Network" plots the cost and the run ends',
    async run({ page, shot, flower }) {
      await openFile(page, flower);
      const view = await trainNew(page, 'planar');
      await until('the cost chart to receive points', async () =>
        Number(await view.getAttribute('#cost-chart', 'data-points')) > 0, 30_000);
      await runDone(view, flower, 180_000);
      console.log(`    ${await view.innerText('#summary')}`);
      // The course reaches about 90% on this data set with this network.
      const accuracy = Number(await view.getAttribute('#summary', 'data-train-accuracy'));
      if (!(accuracy >= 0.85)) throw new Error(`train accuracy ended at ${accuracy}, expected about 0.9`);
      const shapes = await view.$$eval('#layers tr[data-layer]', (rows) => rows.map((r) => {
        const l = r.dataset.layer;
        return `W${l}=${r.dataset.shapeW} b${l}=${r.dataset.shapeB} dZ${l}=${r.dataset.shapeDz}`;
      }).join(' '));
      const expected = 'W1=4,2 b1=4,1 dZ1=4,m W2=1,4 b2=1,1 dZ2=1,m';
      if (shapes !== expected) throw new Error(`per-layer panel shows ${shapes}, expected ${expected}`);
      console.log(`    layers: ${shapes}, ${await view.getAttribute('#cost-chart', 'data-points')} cost points`);
      await shot();
    },
  },
  {
    id: 'save-weights',
    name: '"Save weights" and "Export…" in the training panel: the worker thread writes the weights, then the script with them, where the save dialogs say',
    async run({ page, flower }) {
      await openFile(page, flower);
      const view = await trainNew(page, 'planar');
      await runDone(view, flower, 180_000);
      const dir = mkdtempSync(join(tmpdir(), 'nn-e2e-weights-'));
      try {
        const target = join(dir, 'planar.weights.json');
        await view.click('#save-weights');
        await saveAs(page, 'the save dialog', 'planar.weights.json', target);
        const toast = await visible(page, '.notifications-toasts .notification-toast:has-text("Saved W and b")', 'the toast "Saved W and b of `planar` at iteration …"', 30_000);
        console.log(`    toast: ${(await toast.innerText()).replace(/\s+/g, ' ')}`);
        if (!existsSync(target)) throw new Error(`no file at ${target}`);
        const keys = Object.keys(JSON.parse(readFileSync(target, 'utf8')));
        console.log(`    ${target}: ${keys.join(', ')}`);
        if (keys.join() !== 'W1,b1,W2,b2') throw new Error(`the weights file holds ${keys.join(', ')}, expected W1, b1, W2, b2`);

        // Export…: the format's quick pick, the save dialog, then the export job writes the script with these weights
        const script = join(dir, 'net.py'); // its weights file, net.weights.json, is not the one saved above
        await view.click('#export-network');
        await (await visible(page, '.quick-input-list .monaco-list-row[aria-label*="PyTorch script"]', 'the export formats')).click();
        await saveAs(page, 'the export\'s save dialog', '.py', script);
        const exported = await visible(page, '.notifications-toasts .notification-toast:has-text("Exported network")', 'the toast "Exported network ‘planar’ …"', 30_000);
        console.log(`    toast: ${(await exported.innerText()).replace(/\s+/g, ' ')}`);
        const written = ['net.py', 'net.data.csv', 'net.weights.json'].filter((f) => existsSync(join(dir, f)));
        if (written.length !== 3) throw new Error(`the export wrote ${written.join(', ')}, expected the script, its data and its weights`);
        if (!readFileSync(script, 'utf8').includes('net.weights.json')) throw new Error('the script does not start from the panel\'s weights');
        // the run had ended: both files hold the weights of its last iteration, to the bit
        if (readFileSync(join(dir, 'net.weights.json'), 'utf8') !== readFileSync(target, 'utf8')) throw new Error('the exported weights differ from the saved ones');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
  {
    id: 'slow-motion',
    name: 'in slow motion (100 iterations a second) the boundary of planar is seen forming; Reset leaves the panel ready, Stop disabled',
    async run({ page, shot, flower }) {
      await openFile(page, flower);
      const view = await trainNew(page, 'planar');
      await resetSlow(view, 100);
      const ready = { summary: await view.innerText('#summary'), stop: await view.getAttribute('#stop', 'aria-disabled'), pause: await view.getAttribute('#pause', 'aria-disabled') };
      console.log(`    after Reset: ${ready.summary} (Stop aria-disabled ${ready.stop})`);
      if (!ready.summary.startsWith('Ready') || ready.stop !== 'true' || ready.pause !== 'true') throw new Error(`after Reset the panel says "${ready.summary}" with Stop aria-disabled=${ready.stop}, Pause ${ready.pause}`);
      await view.click('#train');
      // 10,000 iterations at 100 a second: a run of 100 s, redrawn ten times a second.
      const frames = new Set();
      await until('the boundary drawn at five iterations of one running run', async () => {
        const [state, iteration] = [await runState(view), await view.getAttribute('#boundary', 'data-iteration')];
        if (state === 'running' && Number(iteration) > 0) frames.add(Number(iteration));
        return frames.size >= 5;
      }, 60_000);
      await view.click('#pause');
      await until('the slow run to pause', async () => (await runState(view)) === 'paused');
      const iteration = Number(await view.getAttribute('#summary', 'data-iteration'));
      console.log(`    boundary drawn at iterations ${[...frames].join(', ')}; paused at ${iteration}`);
      if (!(iteration < 10000)) throw new Error(`the slow run reached iteration ${iteration}`);
      await view.$eval('#boundary', (el) => el.scrollIntoView({ block: 'end' }));
      await shot();
      await view.click('#stop');
      await until('the slow run to stop', async () => (await runState(view)) === 'stopped');
    },
  },
  {
    id: 'boundary',
    name: 'the decision boundary of exam.nn: axes named by the CSV header, test examples marked, a legend',
    async run({ page, shot }) {
      await openFile(page, 'exam.nn');
      const view = await trainNew(page, 'exam');
      await until('the run of exam to end as done', async () => (await view.getAttribute('#summary', 'data-state')) === 'done', 120_000);
      const b = await view.$eval('#boundary', (el) => ({ ...el.dataset }));
      console.log(`    axes: ${b.xLabel} [${b.xTicks}] × ${b.yLabel} [${b.yTicks}]; ${b.trainPoints} train and ${b.testPoints} test points`);
      if (b.xLabel !== 'hours_studied' || b.yLabel !== 'hours_slept') throw new Error(`axes named ${b.xLabel} and ${b.yLabel}, expected exam.csv's header`);
      if (b.xTicks.split(' ').length < 2 || b.yTicks.split(' ').length < 2) throw new Error(`too few ticks: x [${b.xTicks}], y [${b.yTicks}]`);
      // exam.nn holds out `test 0.25` of exam.csv's examples.
      if (!(Number(b.testPoints) > 0 && Number(b.trainPoints) > 2 * Number(b.testPoints))) throw new Error(`${b.trainPoints} train and ${b.testPoints} test points`);
      const legend = (await view.innerText('#boundary-legend')).replace(/\s+/g, ' ');
      console.log(`    legend: ${legend}`);
      for (const want of ['passed = 0', 'passed = 1', 'train', 'test']) {
        if (!legend.includes(want)) throw new Error(`the legend "${legend}" lacks "${want}"`);
      }
      // One colour source for a class's points and its legend swatch, even in a theme whose chart
      // orange has an alpha channel (Solarized Light's looked pale in the legend, dark on the
      // points): VS Code sets such a value on the webview's <body>, as done here.
      const themeOrange = await view.evaluate(() => document.body.style.getPropertyValue('--vscode-charts-orange'));
      const colors = await until('the boundary and legend redrawn in a translucent orange', async () => {
        await view.evaluate(() => document.body.style.setProperty('--vscode-charts-orange', '#cb4b1666'));
        return view.evaluate(() => {
          const points = document.getElementById('boundary').dataset.classColors?.split(' ') ?? [];
          const swatches = [...document.querySelectorAll('#boundary-legend .swatch')].map((el) => getComputedStyle(el).backgroundColor.replace(/\s/g, ''));
          return points[0] === 'rgb(203,75,22)' && swatches.length ? { points, swatches } : undefined;
        });
      });
      console.log(`    points ${colors.points.slice(0, 2).join(' ')}, swatches ${colors.swatches.join(' ')}`);
      colors.swatches.forEach((swatch, k) => {
        if (swatch !== colors.points[k]) throw new Error(`class ${k}: its swatch is ${swatch}, its points ${colors.points[k]}`);
      });
      await view.evaluate((orange) => document.body.style.setProperty('--vscode-charts-orange', orange), themeOrange);
      await view.$eval('#boundary', (el) => el.scrollIntoView());
      await shot();
    },
  },
  {
    id: 'compare',
    name: '"NN: Compare Runs" on optimizers.nn overlays gd, momentum and Adam, and Adam ends lowest',
    async run({ page, shot }) {
      await openFile(page, 'optimizers.nn');
      await runCommand(page, 'NN: Compare Runs');
      // Three networks: a quick pick offers them, all ticked; accept it.
      await visible(page, '.quick-input-widget .monaco-list-row:has-text("adam")', 'the quick pick of the networks to compare');
      await page.keyboard.press('Enter');
      const view = await frameWith(page, '#compare-cost', 'the comparison panel with #compare-cost');
      const rows = await comparedRuns(view, 3, 180_000);
      // Column 3 (after run and iteration) is the final cost J: the lesson is that Adam's is the lowest.
      const cost = Object.fromEntries(rows.map((r) => [r.name, Number(r.cells[2])]));
      if (!(cost.adam < cost.momentum && cost.adam < cost.gd)) throw new Error(`final costs ${JSON.stringify(cost)}: Adam should end lowest`);
      // The panel opened beside the editor, at the side column's default width: the table fits it,
      // its last columns (test accuracy, seconds) on screen without scrolling sideways.
      const fit = await view.evaluate(() => {
        const page = document.documentElement;
        const heads = [...document.querySelectorAll('#runs th')];
        return { width: page.clientWidth, scroll: page.scrollWidth, cut: heads.filter((th) => th.getBoundingClientRect().right > page.clientWidth + 0.5).map((th) => th.textContent) };
      });
      console.log(`    panel ${fit.width} px wide, its page ${fit.scroll} px`);
      if (fit.scroll > fit.width || fit.cut.length) throw new Error(`the runs table does not fit ${fit.width} px (page ${fit.scroll} px): ${fit.cut.join(', ') || 'it scrolls'} cut off`);
      await shot();
      // The table itself, for a person to look at (not a README picture).
      await view.$eval('#runs', (el) => el.scrollIntoView({ block: 'end' }));
      await shot('compare-table', { docs: false });
    },
  },
  {
    id: 'digits',
    name: 'LeNet-5 on the digits: filters, feature maps and the test images with predictions, mistakes marked',
    async run({ page, shot }) {
      await openFile(page, 'digits/digits.nn');
      const view = await trainNew(page, 'digits');
      // After about 300 of its 1,500 iterations the network gets over 90% of the test digits right.
      const images = await until('300 iterations, then filters, maps and predicted images drawn', () => view.evaluate(() => {
        const iteration = Number(document.getElementById('conv')?.dataset.iteration);
        const predicted = document.querySelectorAll('#images figure[data-predicted]:not([data-predicted=""])').length;
        const filters = document.querySelectorAll('#filters canvas[data-tiles]').length;
        const maps = document.querySelectorAll('#maps canvas[data-tiles]').length;
        return iteration >= 300 && predicted > 0 ? { iteration, predicted, filters, maps, mistakes: document.querySelectorAll('#images figure.mistake').length } : undefined;
      }), 600_000);
      await pauseIfRunning(view);
      console.log(`    iteration ${images.iteration}: ${images.filters} filter sheets, ${images.maps} map sheets, ${images.predicted} images, ${images.mistakes} marked wrong`);
      if (images.filters !== 2 || images.maps !== 5) throw new Error(`expected W[1], W[3] and the maps of A[0] to A[4], got ${images.filters} and ${images.maps}`);
      const shapes = await view.$$eval('#layers tr[data-layer]', (rows) => rows.map((r) => `${r.dataset.kind}:${r.dataset.shapeA}`).join(' '));
      const expected = 'conv2d:m,24,24,6 max_pool:m,12,12,6 conv2d:m,8,8,16 max_pool:m,4,4,16 flatten:256,m dense:120,m dense:84,m dense:10,m';
      if (shapes !== expected) throw new Error(`the layer table shows ${shapes}, expected ${expected}`);
      await view.$eval('#images-box', (el) => el.scrollIntoView());
      await shot();
    },
  },
  {
    id: 'batchnorm',
    name: 'ResNet in the panel: the layer table nests its blocks, and each batch-norm layer plots γ, β and the running μ, σ² as they train',
    async run({ page, shot }) {
      await openFile(page, 'resnet.nn');
      const view = await trainNew(page, 'resnet');
      // Each group's row before its layers, every row as deep as it is nested (nn shapes' tree).
      const rows = await view.$$eval('#layers tbody tr:not(.norm-stats)', (trs) => trs.map((r) => `${r.dataset.depth}:${r.dataset.group ?? r.dataset.layer}`).join(' '));
      const nested = '0:1 0:2 0:block 1:residual 2:3 2:4 2:shortcut 3:5 0:block 1:residual 2:6 2:7 0:8 0:9 0:10';
      console.log(`    rows (depth:group or l): ${rows}`);
      if (rows !== nested) throw new Error(`the layer table is ${rows}, expected ${nested}`);
      // Every conv with norm: batch (the shortcut's, l = 5, too) gets its plots, each moving off its start.
      const norms = await until('γ, β, running μ and σ² of the six batch-norm layers after 20 iterations', () => view.evaluate(() => {
        const of = [...document.querySelectorAll('#layers tr.norm-stats')];
        const plot = (tr, q) => tr.querySelector(`canvas.norm-plot[data-quantity=${q}]`)?.dataset.values?.split(',').map(Number) ?? [];
        const iteration = Number(document.getElementById('summary').dataset.iteration);
        const moved = of.every((tr) => plot(tr, 'mean').some((v) => v !== 0) && plot(tr, 'gamma').some((v) => v !== 1));
        return iteration >= 20 && of.length === 6 && moved ? of.map((tr) => {
          // the row right under its layer's row
          const layer = tr.previousElementSibling?.dataset.layer;
          return `${tr.dataset.normOf}${layer === tr.dataset.normOf ? '' : '(misplaced)'}: ${['gamma', 'beta', 'mean', 'variance'].map((q) => plot(tr, q).length).join('/')} · ${tr.querySelector('figcaption').textContent}`;
        }) : undefined;
      }), 300_000);
      await pauseIfRunning(view);
      for (const line of norms) console.log(`    ${line}`);
      const want = ['1', '3', '4', '5', '6', '7'];
      const got = norms.map((line) => line.split(':')[0]);
      if (got.join() !== want.join()) throw new Error(`plots under layers ${got.join(', ')}, expected ${want.join(', ')}`);
      for (const line of norms) {
        const units = line.startsWith('1:') ? 8 : 16;
        if (!line.includes(`: ${units}/${units}/${units}/${units} ·`)) throw new Error(`expected ${units} channels in each of γ, β, μ, σ²: ${line}`);
      }
      await panelShot(page, view, shot, '#layers tr[data-layer="1"]');
    },
  },
  {
    id: 'panel-350',
    name: 'the panel fits 900, 520 and 350 px: no horizontal overflow, norms whole, a (3, 100) W readable',
    async run({ page, shot }) {
      await openFile(page, 'spiral.nn');
      const view = await trainNew(page, 'spiral');
      await resetSlow(view, 10);
      await view.click('#train');
      await until('norms and heat maps of both layers of spiral', () => view.$$eval('#layers tr[data-layer]', (rows) =>
        rows.length === 2 && rows.every((r) => r.dataset.normW && r.querySelector('canvas[data-cells]'))), 60_000);
      // spiral trains for a second or two at full speed: in slow motion its run is still going
      // when Stop is clicked, on any machine.
      await view.click('#stop');
      await until('the run of spiral to stop', async () => (await runState(view)) === 'stopped');
      // The buttons of a stopped run say they are disabled, to screen readers as to the mouse.
      const disabled = await view.$$eval('.controls vscode-button', (buttons) => buttons.map((b) => `${b.id}:${b.hasAttribute('disabled')}/${b.getAttribute('aria-disabled')}`).join(' '));
      console.log(`    disabled/aria-disabled: ${disabled}`);
      for (const id of ['pause', 'stop']) {
        if (!disabled.includes(`${id}:true/true`)) throw new Error(`#${id} of a stopped run is not disabled with aria-disabled="true": ${disabled}`);
      }
      if (!disabled.includes('train:false/false')) throw new Error(`#train of a stopped run should be enabled: ${disabled}`);
      await panelsAlone(page, 'spiral.nn');
      await page.mouse.move(24, 500); // off the tab, whose tooltip would cover the panel's title
      await atWidths(page, view, [900, 520, 350], async (width) => {
        const m = await view.evaluate(() => {
          const page = document.documentElement;
          const table = document.getElementById('layers');
          const clipped = [...table.querySelectorAll('td, .shape')].filter((el) => el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().right > page.clientWidth + 0.5);
          return {
            width: page.clientWidth,
            pageScroll: page.scrollWidth,
            tableScroll: table.scrollWidth,
            tableClient: table.clientWidth,
            tableRight: Math.ceil(table.getBoundingClientRect().right),
            clipped: clipped.map((el) => el.textContent).slice(0, 3),
            norms: [...table.querySelectorAll('.norm')].map((el) => el.textContent),
            heat: [...table.querySelectorAll('canvas.heat-map')].map((c) => `${c.dataset.cells} as ${Math.round(c.getBoundingClientRect().width)}×${Math.round(c.getBoundingClientRect().height)}`),
          };
      });
      console.log(`    ${width} px: page ${m.pageScroll}/${m.width}, table ${m.tableScroll}/${m.tableClient} ending at ${m.tableRight}; norms ${m.norms.join(' ')}; heat maps ${m.heat.join(', ')}`);
      if (m.pageScroll > m.width) throw new Error(`at ${width} px the panel scrolls sideways (${m.pageScroll} > ${m.width})`);
      if (m.tableScroll > m.tableClient || m.tableRight > m.width) throw new Error(`at ${width} px the layer table overflows (${m.tableScroll} > ${m.tableClient}, right edge ${m.tableRight})`);
      if (m.clipped.length) throw new Error(`at ${width} px cells are cut: ${m.clipped.join(' | ')}`);
      // W[2] of spiral is (3, 100), pooled to 3 × 64 cells: its 3 rows stay at least 10 px high.
      const height = Number(/×(\d+)$/.exec(m.heat[1])?.[1]);
      if (!(height >= 30)) throw new Error(`at ${width} px the (3, 100) W is a ${height} px strip`);
      // The Diagram section: X, the two layers and ŷ, with three shapes, nothing covered.
      const d = await diagramSeen(view);
      if (d.items !== 7 || d.covered.length || d.spill.length) throw new Error(`at ${width} px the diagram shows ${d.items} boxes and labels (expected 7), covered: ${d.covered.join(' | ')}, spilling: ${d.spill.join(' | ')}`);
      await view.evaluate(() => window.scrollTo(0, 0));
      await shot(`panel-${width}`);
      });
    },
  },
  {
    id: 'diagram',
    name: '"NN: Show Network Diagram" draws LeNet-5 with its shapes, follows the cursor, and fits 900, 520 and 350 px with nothing covered',
    async run({ page, shot }) {
      await openFile(page, 'digits/digits.nn');
      // The cursor on layer 3 (line 10, `conv2d 16 relu f: 5`): Go to Line, as a user would.
      await goToLine(page, 10);
      await runCommand(page, 'NN: Show Network Diagram');
      let view = await frameWith(page, 'svg.diagram g.box.current', 'the diagram with the layer under the cursor marked');
      const marked = await view.$eval('svg.diagram g.box.current', (g) => `${g.dataset.id}: ${g.querySelector('.title').textContent}`);
      console.log(`    marked: ${marked}`);
      if (marked !== 'l3: conv2d 16 relu') throw new Error(`the diagram marks ${marked}, expected layer 3`);
      const arrows = await view.$$eval('svg.diagram polyline.arrow[data-to^="l"]', (lines) => lines.map((a) => a.dataset.shape).join(' '));
      if (arrows !== 'm,28,28,1 m,24,24,6 m,12,12,6 m,8,8,16 m,4,4,16 256,m 120,m 84,m') throw new Error(`the arrows carry ${arrows}`);
      // The diagram opens beside the file it follows, not over it, even with the file opened into
      // the panels' own group (Quick Open after panel-350 left only that group).
      await visible(page, '.editor-instance .view-line:has-text("conv2d 16 relu")', 'digits.nn beside its diagram');
      const tabs = await page.$$eval('.editor-group-container', (groups) => groups.map((g) => g.querySelector('.tab.active')?.getAttribute('aria-label') ?? ''));
      console.log(`    active tabs of the editor groups: ${tabs.join(' | ')}`);
      if (!tabs.some((t) => t.startsWith('Diagram ')) || !tabs.some((t) => t.includes('digits.nn'))) throw new Error(`the diagram and digits.nn should both show: ${tabs.join(' | ')}`);
      // The README's picture: the file beside its diagram, the layer under the cursor marked.
      await shot();
      await panelsAlone(page, 'digits.nn');
      await page.click('.tab[aria-label^="Diagram "]');
      // A hidden diagram keeps no page: the one shown now may be new.
      view = await frameWith(page, 'svg.diagram g.box.current', 'the diagram shown again');
      await page.mouse.move(24, 500);
      await atWidths(page, view, [900, 520, 350], async (width) => {
        const m = await diagramSeen(view);
        console.log(`    ${width} px: page ${m.scroll}/${m.width}, diagram ${m.svg} px wide, ${m.items} boxes and labels, ${m.covered.length} covered, ${m.spill.length} spilling`);
        if (m.scroll > m.width) throw new Error(`at ${width} px the diagram's page scrolls sideways (${m.scroll} > ${m.width})`);
        if (m.covered.length) throw new Error(`at ${width} px covered: ${m.covered.slice(0, 3).join(' | ')}`);
        if (m.spill.length) throw new Error(`at ${width} px text leaves its box: ${m.spill.slice(0, 3).join(' | ')}`);
        await view.evaluate(() => window.scrollTo(0, 0));
        await shot(`diagram-${width}`, { docs: false });
      });
    },
  },
  {
    id: 'lstm-hover',
    name: 'hovering the lstm line of dinos.nn shows its four gates (W, b, equation each), a⟨t⟩ and c⟨t⟩, with the batch-first layout beside',
    async run({ page, shot }) {
      const { m, lines } = sequenceHover(await exampleHover(page, 'dinos/dinos.nn', { line: 'lstm 64', expect: 'a⟨t⟩ = Γo⊙tanh(c⟨t⟩)', word: 'lstm' }));
      // n_x = V = 27 characters, n_a = 64 units, T_x = 25 steps: each gate's W is (n_a, n_a + n_x) = (64, 91).
      const want = [
        'lstm · 64 units · 4 gates',
        ...['f', 'i', 'c', 'o'].flatMap((g) => [`W${g}[1], dW${g}[1] (n_a, n_a + n_x) = (64, 91)`, `b${g}[1], db${g}[1] (n_a, 1) = (64, 1)`]),
        'Γf = σ(Wf·concat + bf) (forget gate)',
        'Γi = σ(Wi·concat + bi) (update gate)',
        'c̃⟨t⟩ = tanh(Wc·concat + bc)',
        'Γo = σ(Wo·concat + bo) (output gate)',
        'c⟨t⟩ = Γf⊙c⟨t−1⟩ + Γi⊙c̃⟨t⟩',
        'a⟨t⟩ = Γo⊙tanh(c⟨t⟩)',
        `a⟨t⟩[1], c⟨t⟩[1] (n_a, m) = (64, ${m}) · PyTorch (${m}, 64)`,
        `A[1], dA[1] (n_a, m, T_x) = (64, ${m}, 25) · PyTorch (${m}, 25, 64)`,
      ];
      hoverHolds(lines, want);
      console.log(`    hover: ${want.slice(-2).join(' | ')}`);
      // The picture: a⟨t⟩, c⟨t⟩ and the gates' equations, below the matrices in the hover.
      await hoverShot(page, shot, 'c⟨t⟩[1]');
    },
  },
  {
    id: 'heads-fix',
    name: 'self_attention heads: 3 after dinos.nn\'s lstm 64 is NN330 on its line naming the divisors of d = 64, and the quick fix to heads: 4 clears it',
    async run({ page, shot }) {
      await openFile(page, 'dinos/dinos.nn');
      // A new line after `lstm 64`, whose sequence of d = 64 features 3 heads cannot split.
      const at = exampleLine('dinos/dinos.nn', 'lstm 64') + 1;
      const viewport = page.viewportSize();
      let sideBar = false; // closed by this step, opened again at its end
      await insertLineAfter(page, at - 1, 'self_attention heads: 3');
      const line = '.editor-instance .view-line:has-text("self_attention heads:")';
      await visible(page, `${line}:has-text("heads: 3")`, 'the new self_attention line in the editor');
      try {
        await visible(page, '.editor-instance .squiggly-error', 'a red squiggle under heads: 3');
        // The Problems panel names the divisors, on the new line.
        await page.keyboard.press('Control+Shift+M');
        const problem = await visible(page, '.markers-panel .monaco-list-row:has-text("1, 2, 4, 8, 16, 32 or 64")', 'NN330 naming the divisors of 64 in the Problems panel');
        const said = (await problem.innerText()).replace(/\s+/g, ' ');
        console.log(`    problem: ${said}`);
        for (const want of ['NN330', '3 heads do not divide the d = 64 features', `Ln ${at}`]) {
          if (!said.includes(want)) throw new Error(`the problem lacks "${want}": ${said}`);
        }
        // Back in the editor with the cursor at the end of `heads: 3`, where its fixes are offered.
        await page.locator(`${line} span span`, { hasText: 'self_attention' }).first().click();
        await page.keyboard.press('End');
        const fix = 'Use `heads: 4` (d_k = 16)';
        await quickFixItem(page, fix);
        await visible(page, '.action-widget .monaco-list-row:has-text("Use `heads: 2` (d_k = 32)")', 'the second nearest divisor offered too');
        // For the picture, the Problems panel as wide as the message with its divisors (the side bar
        // closed, the window 1600 px wide), the fixes' menu open again over the editor.
        await page.keyboard.press('Escape');
        sideBar = await page.locator('.part.sidebar').isVisible();
        if (sideBar) await runCommand(page, 'View: Close Primary Side Bar');
        await page.setViewportSize({ ...viewport, width: 1600 });
        await until('the whole message in the Problems panel', () => problem.evaluate((row) =>
          [...row.querySelectorAll('.marker-message-details, .monaco-highlighted-label, span')].some((el) => el.textContent.includes('or 64') && el.scrollWidth <= el.clientWidth + 1)));
        await page.locator(`${line} span span`, { hasText: 'self_attention' }).first().click();
        await page.keyboard.press('End');
        const item = await quickFixItem(page, fix);
        await shot();
        await item.click();
        await visible(page, `${line}:has-text("heads: 4")`, 'heads: 4 in the editor');
        await until('the squiggle to go', async () => (await page.locator('.editor-instance .squiggly-error').count()) === 0);
        await until('NN330 to leave the Problems panel', async () => (await page.locator('.markers-panel .monaco-list-row:has-text("NN330")').count()) === 0);
        console.log(`    fixed: ${(await page.locator(line).first().innerText()).replace(/\s+/g, ' ').trim()}`);
      } finally {
        await page.setViewportSize(viewport);
        await undoEdits(page, 'dinos.nn');
        if (sideBar) await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
      }
    },
  },
  {
    id: 'adding-compare',
    name: '"NN: Compare Runs" on sequences/adding.nn: both cost curves drawn, the lstm ends far below the rnn and below a tenth of 1/24',
    async run({ page, shot }) {
      await openFile(page, 'sequences/adding.nn');
      // Two networks: no quick pick, both start at once.
      await runCommand(page, 'NN: Compare Runs');
      const view = await frameWith(page, '#runs tr[data-name="lstm"]', 'the comparison panel of rnn and lstm');
      await until('both cost curves in the chart', async () => (await view.getAttribute('#compare-cost', 'data-lines')) === '2', 120_000);
      // 1,500 iterations each: about 10 and 20 s on an idle machine, several times that on a busy one.
      const rows = await comparedRuns(view, 2, 600_000);
      // Column 3 is the final cost J (of the last mini-batch). Always predicting E[y] = 1 costs
      // ½·Var(y) = 1/12 ≈ 0.083, remembering only the last 25 steps (the second number) 1/24 ≈ 0.042:
      // the lstm goes far below both, carrying the first number across up to 50 steps. The rnn's
      // last cost swings between them with the bits of its run (0.082 under `nn train` on Node 20,
      // 0.023 here on code-server's Node 24, whose `**` in Adam rounds differently): the lesson is the ratio.
      const cost = Object.fromEntries(rows.map((r) => [r.name, Number(r.cells[2])]));
      if (!(cost.lstm < cost.rnn / 10)) throw new Error(`the lstm ended at J = ${cost.lstm}, expected well below the rnn's ${cost.rnn}`);
      if (!(cost.lstm < 1 / 240)) throw new Error(`the lstm ended at J = ${cost.lstm}, expected below a tenth of 1/24`);
      // The picture: the panel's editor group maximized (charts side by side, the table under them)
      // and the cost on a log scale, where a factor of ten is a visible gap. A group alone in the
      // window (after the steps that leave panels alone) is as wide already: nothing to maximize.
      await page.click('.tab[aria-label^="Compare adding.nn"]');
      const maximize = (await page.locator('.editor-group-container').count()) > 1;
      if (maximize) await runCommand(page, 'View: Toggle Maximize Editor Group');
      try {
        await until('the comparison in the maximized group', async () => (await view.evaluate(() => document.documentElement.clientWidth)) > 800);
        await view.click('#log-scale');
        await until('the log scale ticked', () => view.$eval('#log-scale', (box) => box.checked));
        await nextFrames(view);
        await page.mouse.move(24, 500); // off the tab, whose tooltip would cover the panel
        await shot();
      } finally {
        if (maximize) await runCommand(page, 'View: Toggle Maximize Editor Group');
      }
    },
  },
  {
    id: 'samples',
    name: 'dinos.nn trains in the panel and samples names at every logged iteration, each entry with its seed, newest first, changing as it learns; readable at 350 px',
    async run({ page, shot }) {
      await openFile(page, 'dinos/dinos.nn');
      const view = await trainNew(page, 'dinos');
      await page.mouse.move(24, 500); // off the tab, whose tooltip would cover the picture
      // Entries as the panel shows them: newest first, each with its iteration, seed, lines and command.
      const entries = () => view.$$eval('#samples .entry', (els) => els.map((e) => ({
        iteration: Number(e.dataset.iteration),
        seed: Number(e.dataset.seed),
        lines: [...e.querySelectorAll('.line')].map((l) => l.textContent),
        command: e.querySelector('.command')?.textContent ?? '',
      })));
      const first = await until('the lines of iteration 0 with their seed', async () => (await entries()).find((e) => e.iteration === 0), 120_000);
      console.log(`    iteration 0, seed ${first.seed}: ${first.lines.join(' | ')}`);
      // dinos.nn logs every 100 iterations: by 300 the lines look like names.
      const all = await until('the lines of iteration 300', async () => {
        const list = await entries();
        return list[0]?.iteration >= 300 ? list : undefined;
      }, 600_000);
      await pauseIfRunning(view);
      for (const e of all) console.log(`    iteration ${e.iteration}, seed ${e.seed}: ${e.lines.join(' | ')}`);
      const iterations = all.map((e) => e.iteration);
      if (iterations.join() !== [...iterations].sort((a, b) => b - a).join() || iterations.some((i) => i % 100 !== 0)) throw new Error(`entries at iterations ${iterations.join(', ')}: expected the logged ones (every 100), newest first`);
      for (const e of all) {
        // dinos.nn has seed 1: the lines of iteration i are drawn on seed 1 + i (docs/sequences.md)
        if (e.seed !== 1 + e.iteration) throw new Error(`iteration ${e.iteration} shows seed ${e.seed}, expected ${1 + e.iteration}`);
        if (!e.lines.length || e.lines.length > 3) throw new Error(`iteration ${e.iteration} shows ${e.lines.length} lines`);
        if (!e.command.includes(`--seed ${e.seed} `) || !e.command.startsWith('nn sample dinos/dinos.nn --network dinos')) throw new Error(`iteration ${e.iteration}'s command: ${e.command}`);
      }
      if (all[0].lines.join() === first.lines.join()) throw new Error('the lines of iteration 300 are those of iteration 0');
      // The picture: the cost falling above the samples it goes with.
      await view.$eval('#samples-box', (el) => el.scrollIntoView({ block: 'end' }));
      await shot();
      await panelsAlone(page, 'dinos.nn');
      await atWidths(page, view, [350], async (width) => {
        const m = await view.evaluate(() => ({
          width: document.documentElement.clientWidth,
          scroll: document.documentElement.scrollWidth,
          cut: [...document.querySelectorAll('#samples .line, #samples .command')].filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5).map((el) => el.textContent),
        }));
        console.log(`    ${width} px: page ${m.scroll}/${m.width}, ${m.cut.length} sample lines cut`);
        if (m.scroll > m.width || m.cut.length) throw new Error(`at ${width} px the Samples section overflows: ${m.cut.slice(0, 3).join(' | ')}`);
        await view.$eval('#samples-box', (el) => el.scrollIntoView({ block: 'start' }));
        await shot(`samples-${width}`, { docs: false });
      });
    },
  },
  {
    id: 'sample-command',
    name: '"NN: Sample…" with the weights saved at the end of a 300-iteration run and the seed the panel shows prints the panel\'s lines again',
    async run({ page }) {
      await openFile(page, 'dinos/dinos.nn');
      const view = await trainNew(page, 'dinos');
      // 300 iterations: the run ends on a logged iteration, whose lines come from the weights Save weights writes.
      await view.evaluate(() => {
        const field = document.getElementById('iterations');
        field.value = '300';
        field.dispatchEvent(new Event('change'));
      });
      await runDone(view, 'dinos', 600_000);
      const entry = await view.$eval('#samples .entry', (e) => ({ iteration: Number(e.dataset.iteration), seed: e.dataset.seed, lines: [...e.querySelectorAll('.line')].map((l) => l.textContent) }));
      console.log(`    the panel at iteration ${entry.iteration}, seed ${entry.seed}: ${entry.lines.join(' | ')}`);
      if (entry.iteration !== 300) throw new Error(`the newest entry is of iteration ${entry.iteration}, expected 300`);
      const dir = mkdtempSync(join(tmpdir(), 'nn-e2e-sample-'));
      try {
        const weights = join(dir, 'dinos-300.json');
        await view.click('#save-weights');
        await saveAs(page, 'the save dialog', '.json', weights);
        await visible(page, '.notifications-toasts .notification-toast:has-text("Saved W and b")', 'the toast "Saved W and b of `dinos` at iteration 300"', 30_000);
        await openFile(page, 'dinos/dinos.nn');
        await runCommand(page, 'NN: Sample');
        const input = await visible(page, '.quick-input-widget input', 'the open dialog of the weights file');
        await until(`the open dialog to show ${weights}`, async () => (await input.inputValue()) === weights || void (await input.fill(weights)));
        await page.keyboard.press('Enter');
        await visible(page, '.quick-input-widget:has-text("seed")', 'the seed\'s input box');
        const seed = await visible(page, '.quick-input-widget input', 'the seed\'s input');
        await until(`the seed's box to show ${entry.seed}`, async () => (await seed.inputValue()) === entry.seed || void (await seed.fill(entry.seed)));
        await page.keyboard.press('Enter');
        const printed = await until('the samples in the NN Studio Samples output channel', async () => {
          const lines = await page.$$eval('.panel .view-line', (els) => els.map((el) => el.textContent.replace(/\u00a0/g, ' ')));
          const at = lines.findIndex((l) => l.startsWith('$ nn sample'));
          return at >= 0 && lines.length > at + entry.lines.length ? lines.slice(at) : undefined;
        }, 60_000);
        console.log(`    ${printed.slice(0, 1 + entry.lines.length).join(' | ')}`);
        if (!printed[0].includes(`--seed ${entry.seed}`)) throw new Error(`the channel's command: ${printed[0]}`);
        if (printed.slice(1, 1 + entry.lines.length).join('|') !== entry.lines.join('|')) throw new Error(`NN: Sample printed ${printed.slice(1).join(' | ')}, the panel showed ${entry.lines.join(' | ')}`);
        // read, the channel is put away, as a user would: it would cover half of the later steps' pictures
        await runCommand(page, 'View: Hide Panel');
        await until('the panel with the output channel hidden', async () => !(await page.locator('.part.panel').isVisible()));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
  {
    id: 'attention-hover',
    name: 'hovering the causal self_attention of sequences/reverse.nn shows per head Q_j, K_j, V_j (d_k, T), S_j and α_j (T, T) with the mask, and the batch-first (m, h, T, d_k) and (m, h, T, T) beside',
    async run({ page, shot }) {
      // The §15 encoder layer of the network `causal` on reverse(m: 2000, steps: 10, vocab: 10):
      // d = 32 features from the embedding, 4 heads of d_k = 8, T = 10 steps; self_attention is
      // layer 3. (dates.nn has its self_attention inside `block encoder`, whose lines show no hover.)
      const { m, lines } = sequenceHover(await exampleHover(page, 'sequences/reverse.nn',
        { line: 'residual linear { self_attention heads: 4 causal }', at: 'self_attention heads: 4 causal', expect: 'α_j', word: 'self_attention' }));
      const want = [
        'Layer 3 of causal · self_attention · 4 heads of d_k = 8 · causal',
        'WQ[3], WK[3], WV[3], WO[3] (d, d) = (32, 32)',
        `Q_j[3], K_j[3], V_j[3] (d_k, T) per example = (8, 10) · PyTorch (${m}, 4, 10, 8)`,
        `S_j[3], α_j[3] (T, T) per example = (10, 10) · PyTorch (${m}, 4, 10, 10)`,
        `O_j[3] (d_k, T) per example = (8, 10) · PyTorch (${m}, 4, 10, 8)`,
        'S_j = Q_jᵀ·K_j / √d_k, S_j[t, t′] = −∞ for t′ > t (causal)',
        'α_j = softmax of each row of S_j',
        'O_j = V_j·α_jᵀ',
        'batch-first (PyTorch): Q_j, K_j, V_j, O_j (m, h, T, d_k) = (m, 4, 10, 8); α (m, h, T, T) = (m, 4, 10, 10)',
      ];
      hoverHolds(lines, want);
      console.log(`    hover: ${want[3]} | ${want.at(-1)}`);
      // The picture: the heads' shapes beside PyTorch's and the equations, below W and b in the hover.
      await hoverShot(page, shot, 'Q_j[3]');
    },
  },
  {
    id: 'time-lstm',
    name: 'training the character model: a⟨t⟩, c⟨t⟩ and the gates Γf, Γi, Γo of one name over its characters, redrawn as it learns; another example on request; it fits 900 and 350 px',
    async run({ page, shot }) {
      // about 8 iterations a second here: by 150 the gates have moved well off their start
      const { view, first, later } = await trainedSnapshots(page, 'dinos/dinos.nn', 'dinos', 150, 120_000);
      console.log(`    iteration ${first.iteration} → ${later.iteration}: ${later.maps.map((m) => `${m.name} ${m.cells}`).join(', ')}; steps labelled ${later.maps[0].x.join('')}`);
      if (later.maps.map((m) => `${m.layer}:${m.name}:${m.cells}`).join(' ') !== '1:a⟨t⟩:64x25 1:c⟨t⟩:64x25 1:Γf:64x25 1:Γi:64x25 1:Γo:64x25') throw new Error('expected a⟨t⟩, c⟨t⟩, Γf, Γi, Γo of lstm 64 over 25 steps');
      if (!later.maps[0].x.every((label) => /^([a-z]|⏎)$/.test(label))) throw new Error(`the steps should be labelled by the example's characters: ${later.maps[0].x.join(' ')}`);
      // a⟨t⟩, c⟨t⟩ signed on the diverging scale; the gates, in [0, 1], on the sequential one from 0 to 1
      const scales = await mapScales(view);
      if (!/^diverging /.test(scales[0]) || !/^diverging /.test(scales[1]) || scales.slice(2).join() !== Array(3).fill('sequential 0…1').join()) throw new Error(`expected a⟨t⟩, c⟨t⟩ diverging and Γf, Γi, Γo sequential from 0 to 1: ${scales.join(', ')}`);
      await panelShot(page, view, shot, '#time');
      // The example field counts from 1; a paused run answers at once with example 3's maps.
      await view.fill('#time-example', '3');
      await view.press('#time-example', 'Enter');
      await until('the maps of example 3', async () => (await view.getAttribute('#time', 'data-example')) === '2');
      await timeMapsFit(page, view, 'dinos.nn');
    },
  },
  {
    id: 'time-attention',
    name: 'a self-attention network learning to reverse tokens: α of each head over (query, key) with the tokens on both axes, redrawn as it learns; it fits 900 and 350 px',
    async run({ page, shot }) {
      // The fixture goes into the workspace (examples/) for the length of the step.
      const file = new URL('../../examples/e2e-attention.nn', import.meta.url);
      writeFileSync(file, readFileSync(new URL('./fixtures/attention.nn', import.meta.url)));
      try {
        await openFile(page, 'e2e-attention.nn');
        const view = await trainNew(page, 'reversal');
        await resetSlow(view, 100); // 600 iterations in about 6 s: two snapshots apart for sure
        await view.click('#train');
        const first = await until('α of both heads drawn', () => timeMapsSeen(view), 60_000);
        await runEnded(view, 'reversal', 300_000);
        const last = await timeMapsSeen(view);
        console.log(`    iteration ${first.iteration} → ${last.iteration}: ${last.maps.map((m) => `α head ${m.head} ${m.cells}, keys ${m.x.join(' ')}, queries ${m.y.join(' ')}`).join('; ')}`);
        if (last.maps.map((m) => `${m.layer}:${m.name}:${m.head}:${m.cells}`).join(' ') !== '3:α:1:8x8 3:α:2:8x8') throw new Error('expected α of heads 1 and 2 of layer 3, 8 × 8 each');
        if (!(last.iteration > first.iteration) || last.maps.every((m, i) => m.pixels === first.maps[i].pixels)) throw new Error('α did not change while the network learned');
        for (const m of last.maps) if (m.x.length !== 8 || m.y.join() !== m.x.join() || !m.x.every((t) => /^[0-5]$/.test(t))) throw new Error(`both axes should carry the 8 token ids: ${m.x} / ${m.y}`);
        const scales = await mapScales(view);
        if (scales.join() !== 'sequential 0…1,sequential 0…1') throw new Error(`α lies in [0, 1]: expected the sequential scale from 0 to 1, got ${scales.join(', ')}`);
        await panelShot(page, view, shot, '#time');
        await timeMapsFit(page, view, 'e2e-attention.nn');
      } finally {
        rmSync(file, { force: true });
      }
    },
  },
  {
    id: 'dates-attention',
    name: 'examples/dates.nn training: α of the 4 heads of both encoder blocks over a date\'s 30 characters, redrawn as it learns; a date easy to read shown',
    async run({ page, shot }) {
      // It logs every 100 iterations: the snapshot of iteration 300 or later, then a pause (never the
      // whole 3,000). At 100, α is still near 1/30 everywhere, pale on its scale from 0 to 1.
      const { view, first, later } = await trainedSnapshots(page, 'dates.nn', 'dates', 300, 180_000);
      const heads = later.maps.map((m) => `${m.layer}:${m.name}:${m.head}:${m.cells}`).join(' ');
      console.log(`    iteration ${first.iteration} → ${later.iteration}: ${heads}`);
      if (heads !== [3, 8].flatMap((l) => [1, 2, 3, 4].map((h) => `${l}:α:${h}:30x30`)).join(' ')) throw new Error('expected α of heads 1–4 of both encoder blocks (layers 3 and 8), 30 × 30 each');
      // The panel alone, as wide as the window: the maps grow until every one of the 30 steps has
      // its label, `<pad>` written letter under letter under the map (webview/timeAxes.ts).
      await panelsAlone(page, 'dates.nn');
      // the panel redraws its maps at its new width (a resize): wait for that, then look at them
      const alone = await until('the maps redrawn in the panel alone, all 30 steps labelled', async () => {
        const now = await timeMapsSeen(view);
        return now?.maps.every((m) => m.x.length === 30) ? now : undefined;
      });
      const char = /^([0-9a-z,./␣]|<pad>)$/;
      for (const m of alone.maps) {
        if (m.x.length !== 30 || m.y.join() !== m.x.join() || !m.x.every((t) => char.test(t))) throw new Error(`both axes should carry the characters of all 30 steps: ${m.x} / ${m.y}`);
        if (m.x[0] === '<pad>' || m.x.at(-1) !== '<pad>') throw new Error(`a date first, its padding shown as <pad> last: ${m.x}`);
      }
      const scales = await mapScales(view);
      if (scales.length !== 8 || scales.some((k) => k !== 'sequential 0…1')) throw new Error(`α lies in [0, 1]: expected 8 sequential scales from 0 to 1, got ${scales.join(', ')}`);
      // Test example 12 of dates(m: 1000) on seed 1 is "29 may 1978" (the generator's draws are pinned
      // by its unit tests): its 11 characters, then 19 steps of padding. The field counts from 1.
      await view.fill('#time-example', '12');
      await view.press('#time-example', 'Enter');
      await until('the maps of example 12', async () => (await view.getAttribute('#time', 'data-example')) === '11');
      const shown = await timeMapsSeen(view);
      const date = [...'29 may 1978'].map((c) => (c === ' ' ? '␣' : c));
      const want = [...date, ...Array(30 - date.length).fill('<pad>')].join(' ');
      for (const m of shown.maps) if (m.x.join(' ') !== want || m.y.join(' ') !== want) throw new Error(`example 12 should be labelled ${want}: ${m.x.join(' ')} / ${m.y.join(' ')}`);
      console.log(`    example 12 "29 may 1978" of the test set at iteration ${shown.iteration}: all 30 steps labelled ${want}`);
      await panelShot(page, view, shot, '#time');
      // its text editor closed by panelsAlone: the panel's own tab is where timeMapsFit starts
      await timeMapsFit(page, view, 'Train dates');
    },
  },
  {
    id: 'seq-table',
    name: 'the layer table of an rnn through time: Wax, Waa, ba by name and A[1] = a⟨50⟩, no W[1] or Z[1] it does not have',
    async run({ page, shot }) {
      await openFile(page, 'sequences/adding.nn');
      await goToLine(page, exampleLine('sequences/adding.nn', 'rnn 32 tanh  return: last')); // in the rnn network: no pick between the two
      const view = await trainNew(page, 'rnn');
      const row = await until('the rnn row of the layer table', () => view.evaluate(() => {
        const r = document.querySelector('#layers tr[data-layer="1"]');
        return r?.dataset.shapeWax ? { wax: r.dataset.shapeWax, waa: r.dataset.shapeWaa, ba: r.dataset.shapeBa, w: r.dataset.shapeW, z: r.dataset.shapeZ, steps: r.dataset.steps, text: r.querySelector('.shapes').textContent } : undefined;
      }), 60_000);
      await pauseIfRunning(view);
      console.log(`    row 1: ${row.text}`);
      if (row.wax !== '32,2' || row.waa !== '32,32' || row.ba !== '32,1' || row.steps !== '50') throw new Error(`expected Wax 32,2, Waa 32,32, ba 32,1 over 50 steps: ${JSON.stringify(row)}`);
      if (row.w !== undefined || row.z !== undefined) throw new Error(`the rnn row shows a W[1] or Z[1]: ${JSON.stringify(row)}`);
      if (!row.text.includes('A[1] = a[1]⟨50⟩ (32, m)')) throw new Error(`expected A[1] = a[1]⟨50⟩ (32, m): ${row.text}`);
      await view.$eval('#layers', (el) => el.scrollIntoView({ block: 'start' }));
      await shot();
    },
  },
];

/**
 * The maps through time as the panel shows them (webview/timeMaps.ts), once drawn: the iteration,
 * and per map its layer, name, head, cells, pixels (as a data URL, to tell two draws apart) and
 * axis labels; undefined while there are none.
 */
function timeMapsSeen(view) {
  return view.evaluate(() => {
    const box = document.getElementById('time');
    const figures = [...document.querySelectorAll('#time-maps figure.time-map')];
    if (!box || box.hidden || !figures.length) return undefined;
    const labels = (fig, side) => [...fig.querySelectorAll(`.time-${side}-ticks span`)].map((s) => s.textContent);
    return {
      iteration: Number(box.dataset.iteration),
      maps: figures.map((fig) => {
        const canvas = fig.querySelector('canvas.time-canvas');
        return { layer: fig.dataset.layer, name: fig.dataset.name, head: fig.dataset.head, cells: canvas.dataset.cells, pixels: canvas.toDataURL(), x: labels(fig, 'x'), y: labels(fig, 'y') };
      }),
    };
  });
}

/**
 * The maps through time of the run in `view` as first drawn and as redrawn, changed, at iteration
 * `atLeast` or later (waiting up to `firstMs` for the first draw), then the run paused.
 */
async function twoSnapshots(view, network, atLeast, firstMs) {
  const first = await until(`the maps through time of ${network} drawn`, () => timeMapsSeen(view), firstMs);
  const later = await until(`the maps redrawn, changed, at iteration ${atLeast} or later`, async () => {
    const now = await timeMapsSeen(view);
    return now && now.iteration >= atLeast && now.maps.some((m, i) => m.pixels !== first.maps[i]?.pixels) ? now : undefined;
  }, 600_000);
  await pauseIfRunning(view);
  return { first, later };
}

/** Opens `file`, trains `network` in a new run and returns its panel with twoSnapshots' two maps. */
async function trainedSnapshots(page, file, network, atLeast, firstMs) {
  await openFile(page, file);
  const view = await trainNew(page, network);
  return { view, ...(await twoSnapshots(view, network, atLeast, firstMs)) };
}

/** The panel alone in the window at 900 and 350 px: no sideways scrolling, every map and its labels inside the page. */
async function timeMapsFit(page, view, file) {
  await panelsAlone(page, file);
  await atWidths(page, view, [900, 350], async (width) => {
    const m = await view.evaluate(() => {
      const page = document.documentElement;
      const out = [...document.querySelectorAll('#time-maps canvas.time-canvas, #time-maps .time-x-ticks span')].filter((el) => el.getBoundingClientRect().right > page.clientWidth + 0.5);
      const sizes = [...document.querySelectorAll('#time-maps canvas.time-canvas')].map((c) => `${Math.round(c.getBoundingClientRect().width)}×${Math.round(c.getBoundingClientRect().height)}`);
      return { width: page.clientWidth, scroll: page.scrollWidth, out: out.map((el) => el.textContent || el.dataset.cells), sizes };
    });
    console.log(`    ${width} px: page ${m.scroll}/${m.width}; maps drawn ${m.sizes.join(', ')}`);
    if (m.scroll > m.width) throw new Error(`at ${width} px the panel scrolls sideways (${m.scroll} > ${m.width})`);
    if (m.out.length) throw new Error(`at ${width} px outside the page: ${m.out.join(', ')}`);
  });
}
