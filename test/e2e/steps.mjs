// The user's path through NN Studio, one step per check. Each step opens what it needs, so a
// failure in one leaves the next ones meaningful. `shot()` saves the step's screenshot (its id).
import { frameWith, hoverLine, openFile, runCommand, until, visible } from './workbench.mjs';

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
    id: 'train',
    name: '"NN: Train Network" plots the cost and the run ends',
    async run({ page, shot, flower }) {
      await openFile(page, flower);
      await runCommand(page, 'NN: Train Network');
      const view = await frameWith(page, '#cost-chart', 'the training panel with #cost-chart');
      await until('the cost chart to receive points', async () =>
        Number(await view.getAttribute('#cost-chart', 'data-points')) > 0, 30_000);
      const state = await until('the run to end (#summary data-state done, stopped or failed)', async () => {
        const s = await view.getAttribute('#summary', 'data-state');
        return ['done', 'stopped', 'failed'].includes(s) ? s : undefined;
      }, 180_000);
      const summary = await view.innerText('#summary');
      console.log(`    ${summary}`);
      if (state !== 'done') throw new Error(`the run ended as "${state}": ${await view.innerText('#error')}`);
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
];
