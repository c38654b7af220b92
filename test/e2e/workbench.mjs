// What a person does in the VS Code workbench, as Playwright calls on code-server's page. Every
// wait has a time-out and says in words what it was waiting for, so a broken step fails, not hangs.

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Waits until `check()` returns a truthy value (polled), or fails naming `what`. */
export async function until(what, check, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
      last = undefined;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${last ? ` (${last.message.split('\n')[0]})` : ''}`);
    }
    await sleep(200);
  }
}

/** Waits for a visible element, with a readable error. */
export async function visible(page, selector, what, timeoutMs = 20_000) {
  try {
    const el = page.locator(selector).first();
    await el.waitFor({ state: 'visible', timeout: timeoutMs });
    return el;
  } catch {
    throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what} (${selector})`);
  }
}

export async function waitForWorkbench(page) {
  await visible(page, '.monaco-workbench .explorer-folders-view .monaco-list-row', 'the workbench with the Explorer', 60_000);
}

/**
 * Opens a quick input with `key`, fills `value` into its input once that has the focus, waits for
 * `row` (a selector), when given, in its list, then presses Enter. The value is filled, never typed
 * at the keyboard: a key that a closing widget swallowed (a quick-fix menu, a hover), or a webview
 * taking the focus back into one of its fields, would otherwise send it to the editor or the panel
 * (seen on CI: "resiFile: Revert Filedual" in resnet.nn; and Quick Open left showing recent files,
 * after the panel's example field, focused again as the panel became the active editor, took the
 * focus). So the key again until the input has the focus.
 */
async function quickInput(page, key, value, row, what) {
  const input = page.locator('.quick-input-widget input');
  await until(what, async () => {
    // Asked of the page, not of the locator, which would wait for a widget not created yet.
    if (!(await page.evaluate(() => document.activeElement?.matches('.quick-input-widget input') ?? false))) {
      await page.keyboard.press(key);
      await input.waitFor({ state: 'visible', timeout: 3_000 }).catch(() => {});
      return false;
    }
    if ((await input.inputValue()) !== value) await input.fill(value);
    return !row || page.locator(row).first().isVisible();
  });
  // On the input itself: a webview taking the focus back meanwhile must not get the Enter.
  await input.press('Enter');
}

/** Opens a workspace file by its relative path through Quick Open (Ctrl+P), as a user would. */
export async function openFile(page, relativePath) {
  const name = relativePath.split('/').pop();
  // The list fills in twice (recently opened, then the file search): Enter goes to the row that has
  // the focus, so wait until that is the file's.
  await quickInput(page, 'Control+P', relativePath, `.quick-input-list .monaco-list-row.focused[aria-label*="${name}"]`, `${relativePath} in Quick Open, selected`);
  // Quick Open reopens a file already open where it is, and from a focused panel (Problems, Output)
  // it leaves the focus there. A palette opened then evaluates `when` clauses in whatever has the
  // focus (no editorLangId: "No matching commands" for NN: Train Network), so, as a user would,
  // click the file's tab, then wait for its editor to have the focus.
  const tab = page.locator(`.tab.active[aria-label*="${name}"]`);
  await visible(page, `.tab.active[aria-label*="${name}"]`, `the editor tab of ${relativePath}`);
  const inActive = page.locator(`.editor-group-container.active .tab.active[aria-label*="${name}"]`);
  await ((await inActive.count()) ? inActive : tab).first().click();
  await visible(page, '.editor-group-container.active .editor-instance .monaco-editor.focused .view-lines', `the text of ${relativePath}, focused`);
}

/** Puts the cursor at the start of `line` (counting from 1) with Go to Line (Ctrl+G), as a user would. */
export async function goToLine(page, line) {
  await quickInput(page, 'Control+G', `:${line}`, undefined, `Go to Line ${line}`);
  await visible(page, `.editor-group-container.active .monaco-editor.focused`, `the editor focused at line ${line}`);
}

/**
 * Answers code-server's save dialog (a path in a quick input, accepted with its OK button) with
 * `path`. The dialog puts its default path (ending in `defaultEnd`) in after it shows, replacing a
 * path typed before: that is waited for first.
 */
export async function saveAs(page, what, defaultEnd, path) {
  const input = await visible(page, '.quick-input-widget input', what);
  await until(`${what} to show its default path`, async () => (await input.inputValue()).endsWith(defaultEnd));
  await until(`${what} to show ${path}`, async () => (await input.inputValue()) === path || void (await input.fill(path)));
  await (await visible(page, '.quick-input-widget .monaco-button:has-text("OK")', `the OK button of ${what}`)).click();
}

/** Runs a command from the palette (F1) by its title, e.g. "NN: Train Network". */
export async function runCommand(page, title) {
  await quickInput(page, 'F1', `>${title}`, `.quick-input-list .monaco-list-row[aria-label*="${title}"]`, `"${title}" in the command palette`);
}

/**
 * Hovers the first editor line containing `text` (on its token `word`, by default the text's first
 * word) and returns the hover's text.
 */
export async function hoverLine(page, text, expect, timeoutMs = 20_000, word = text.split(' ')[0]) {
  const line = await visible(page, `.editor-instance .view-line:has-text("${text}"):visible`, `an editor line with "${text}"`);
  const token = line.locator('span span', { hasText: word }).first();
  const hover = page.locator('.monaco-hover:not(.hidden) .hover-contents');
  let seen = '';
  return until(`a hover over "${text}" showing ${expect}`, async () => {
    // Measured each time: CodeLens and inlay hints arrive late and move the lines.
    const box = (await token.count()) ? await wordBox(token, word) : await line.boundingBox();
    if (!box) throw new Error(`the line with "${text}" is not on screen`);
    // Close any hover (one shown for a neighbouring line before CodeLens moved the lines covers
    // this one) and step away to the line numbers, so the hover is asked for again; then two small
    // moves, since Monaco starts its hover timer on movement over a word.
    await page.keyboard.press('Escape');
    await page.mouse.move(box.x - 40, box.y + box.height / 2);
    await page.mouse.move(box.x + 6, box.y + box.height / 2);
    await page.mouse.move(box.x + 9, box.y + box.height / 2);
    // Monaco shows the hover after its delay; a try that gets none moves the mouse again.
    await hover.first().waitFor({ state: 'visible', timeout: 2_000 }).catch(() => {});
    const contents = await hover.allInnerTexts();
    const found = contents.join('\n');
    if (found) seen = found;
    return found.includes(expect) ? found : undefined;
  }, timeoutMs).catch((err) => {
    throw new Error(`${err.message}; the last hover seen: ${seen.replace(/\s+/g, ' ').slice(0, 300) || 'none'}`);
  });
}

/** Where `word` itself is drawn inside the token `span` (a token may begin with the line's indentation). */
function wordBox(span, word) {
  return span.evaluate((el, w) => {
    const text = el.firstChild;
    const at = text.textContent.indexOf(w);
    const range = document.createRange();
    range.setStart(text, at);
    range.setEnd(text, at + w.length);
    const { x, y, width, height } = range.getBoundingClientRect();
    return { x, y, width, height };
  }, word);
}

/** The frame (inside the webview's nested iframes) that holds `selector`. */
export function frameWith(page, selector, what, timeoutMs = 30_000) {
  return until(what, async () => {
    for (const frame of page.frames()) {
      if (await frame.$(selector).catch(() => null)) return frame;
    }
    return undefined;
  }, timeoutMs);
}

/** The frame of the training panel whose title names `network` (other panels stay alive, hidden). */
export function panelFrame(page, network, timeoutMs = 30_000) {
  return until(`the training panel of ${network}`, async () => {
    for (const frame of page.frames()) {
      const title = await frame.$eval('#title', (el) => el.textContent).catch(() => null);
      if (title?.startsWith(`${network} `)) return frame;
    }
    return undefined;
  }, timeoutMs);
}

/** Runs started in the training panel of `network` (its #summary data-run), 0 when it has no panel. */
async function runsIn(page, network) {
  for (const frame of page.frames()) {
    const run = await frame.$eval('#title', (el, name) => (el.textContent.startsWith(`${name} `) ? document.getElementById('summary').dataset.run : null), network).catch(() => null);
    if (run) return Number(run);
  }
  return 0;
}

/**
 * "NN: Train Network" on the network of the active editor, and the frame of its panel once the run
 * the command started is there: a panel already open shows the run before it (maybe done) until
 * the new one reports.
 */
export async function trainNew(page, network) {
  const before = await runsIn(page, network);
  await runCommand(page, 'NN: Train Network');
  const view = await panelFrame(page, network);
  await until(`a new run of ${network} in its panel (#summary data-run above ${before})`, async () => Number(await view.getAttribute('#summary', 'data-run')) > before);
  return view;
}

/**
 * Makes the webview in `frame` `width` CSS pixels wide: with its editor group maximized and the
 * side bar closed, the group's width follows the browser window's one for one, so the window is
 * resized until the page inside the webview measures `width`. Returns the width reached.
 */
export async function setWebviewWidth(page, frame, width) {
  const inner = () => frame.evaluate(() => document.documentElement.clientWidth);
  let viewport = page.viewportSize();
  for (let i = 0; i < 6; i++) {
    const now = await inner();
    if (now === width) return now;
    viewport = { ...viewport, width: viewport.width + width - now };
    await page.setViewportSize(viewport);
    await until(`the webview to follow the window to ${viewport.width} px`, async () => (await inner()) !== now || undefined, 5_000).catch(() => {});
  }
  return inner();
}

/** The training panel's run state as its summary says it (`idle` before the first run). */
export const runState = (view) => view.getAttribute('#summary', 'data-state');

/** Waits until the panel's run has ended (done, stopped or failed) and returns how it ended. */
export function runEnded(view, network, timeoutMs = 120_000) {
  return until(`the run of ${network} to end (#summary data-state done, stopped or failed)`, async () => {
    const s = await runState(view);
    return ['done', 'stopped', 'failed'].includes(s) ? s : undefined;
  }, timeoutMs);
}

/**
 * Pauses the panel's run if it is still going. Whether it is going is decided in the page, where
 * the run cannot end between the look and the click (a mouse click from here could land on a
 * button the end of the run just disabled), then waits for the state that follows.
 */
export async function pauseIfRunning(view) {
  await view.evaluate(() => {
    const pause = document.getElementById('pause');
    if (pause.getAttribute('aria-disabled') === 'false') pause.click();
  });
  return until('the run to pause or end', async () => {
    const s = await runState(view);
    return s === 'running' ? undefined : s;
  });
}

/** Waits for two animation frames in the webview: the panel redraws on the next one after a resize. */
export function nextFrames(view) {
  return view.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

/**
 * Readies the training panel for a slow-motion run that cannot end before a test acts on it: the
 * speed set to `speed` iterations a second, then Reset (enabled whether the run the command started
 * is still going or already over). Returns once the panel is ready at iteration 0; Train starts it.
 */
export async function resetSlow(view, speed) {
  await until('the run the command started to report', async () => (await runState(view)) !== 'idle');
  await view.selectOption('#speed', String(speed));
  await view.click('#reset');
  await until('the reset panel to be ready at iteration 0', async () =>
    (await runState(view)) === 'idle' && (await view.getAttribute('#summary', 'data-iteration')) === '0');
}

/**
 * Leaves NN Studio's panels alone in the window, in one column (no side bar, the diagram's column
 * joined with the others, every text editor closed by its tab's × button), so that the window sets
 * the panels' width. `file` names the editor tab to start from.
 */
export async function panelsAlone(page, file) {
  await page.click(`.tab[aria-label*="${file}"]`);
  // An earlier step may have closed the side bar; the palette offers the command only while it is open.
  if (await page.locator('.part.sidebar').isVisible()) await runCommand(page, 'View: Close Primary Side Bar');
  if ((await page.locator('.editor-group-container').count()) > 1) await runCommand(page, 'View: Join All Editor Groups');
  const editors = page.locator('.tab:not([aria-label^="Train "]):not([aria-label^="Diagram "])');
  for (let i = 0; i < 20 && (await editors.count()) > 0; i++) {
    await editors.first().hover();
    await editors.first().locator('.tab-actions .action-label').click();
  }
  await until("NN Studio's panels alone in the window", async () => (await page.locator('.editor-group-container').count()) === 1);
}

/**
 * Calls `check(width)` with the webview in `frame` at each of `widths` CSS pixels (in a window
 * 1400 px high, its size restored afterwards), once the page has laid itself out again.
 */
export async function atWidths(page, frame, widths, check) {
  const viewport = page.viewportSize();
  await page.setViewportSize({ ...viewport, height: 1400 });
  try {
    for (const width of widths) {
      const reached = await setWebviewWidth(page, frame, width);
      if (reached !== width) throw new Error(`the webview is ${reached} px wide, not ${width}`);
      await nextFrames(frame); // the panel lays itself out again on the next frame
      await check(width);
    }
  } finally {
    await page.setViewportSize(viewport);
  }
}

/**
 * What a network diagram in `view` shows: each box and shape label must be what the page shows at
 * its centre (nothing drawn over it) and each box's text must stay inside its box. Returns the
 * page's width and scroll width, the diagram's width, and what is covered or spills.
 */
export function diagramSeen(view) {
  return view.evaluate(() => {
    const page = document.documentElement;
    const items = [...document.querySelectorAll('svg.diagram g.box, svg.diagram g.shape-label')];
    const covered = [];
    for (const el of items) {
      el.scrollIntoView({ block: 'center', inline: 'center' });
      const r = el.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      if (!hit || !el.contains(hit)) covered.push(`${el.textContent} under ${hit?.tagName ?? 'nothing'}`);
    }
    const spill = [...document.querySelectorAll('svg.diagram g.box')].filter((g) => {
      const box = g.querySelector('rect').getBoundingClientRect();
      return [...g.querySelectorAll('text')].some((t) => {
        const b = t.getBoundingClientRect();
        return b.left < box.left - 0.5 || b.right > box.right + 0.5;
      });
    });
    const svg = document.querySelector('svg.diagram').getBoundingClientRect();
    return { width: page.clientWidth, scroll: page.scrollWidth, items: items.length, covered, spill: spill.map((g) => g.textContent), svg: Math.round(svg.width) };
  });
}

/**
 * Opens the quick fix menu (Ctrl+.) at the cursor until it offers `title`, and returns that item.
 * Pressed before the server has checked a new line, Ctrl+. shows no fix, so it is asked again.
 */
export async function quickFixItem(page, title) {
  const item = page.locator(`.action-widget .monaco-list-row:has-text("${title}")`).first();
  await until(`the quick fix "${title}"`, async () => {
    await page.keyboard.press('Control+.');
    await item.waitFor({ state: 'visible', timeout: 3_000 }).catch(() => {});
    if (await item.isVisible()) return true;
    await page.keyboard.press('Escape');
    return false;
  }, 30_000);
  return item;
}

/**
 * Takes the editor of `name` back to the file on disk (examples are edited, never saved: there is no
 * auto-save), so that no later step meets a "save changes?" dialog.
 */
export async function revertEdits(page, name) {
  await page.keyboard.press('Escape');
  const dirty = page.locator(`.tab.dirty[aria-label*="${name}"]`);
  for (let i = 0; i < 3 && (await dirty.count()) > 0; i++) {
    await dirty.first().click();
    await runCommand(page, 'File: Revert File');
    await until(`${name} to be as on disk`, async () => (await dirty.count()) === 0, 10_000).catch(() => {});
  }
  if (await dirty.count()) throw new Error(`${name} could not be reverted`);
}

/**
 * The rows of the comparison panel in `view` ({ name, state, cells }: cells as the table shows them)
 * once its `count` runs have ended; fails unless every one ended done with its cost line drawn.
 */
export async function comparedRuns(view, count, timeoutMs) {
  const rows = await until(`the ${count} runs to end`, async () => {
    const now = await view.$$eval('#runs tbody tr', (trs) => trs.map((r) => ({ name: r.dataset.name, state: r.dataset.state, cells: [...r.cells].map((c) => c.innerText.replace(/\s+/g, ' ')) })));
    return now.length === count && now.every((r) => ['done', 'stopped', 'failed'].includes(r.state)) ? now : undefined;
  }, timeoutMs);
  for (const r of rows) console.log(`    ${r.cells.join(' | ')}`);
  const failed = rows.filter((r) => r.state !== 'done');
  if (failed.length) throw new Error(`runs ended as ${failed.map((r) => `${r.name}: ${r.state}`).join(', ')}: ${await view.innerText('#notes')}`);
  const lines = await view.getAttribute('#compare-cost', 'data-lines');
  if (lines !== String(count)) throw new Error(`the cost chart draws ${lines} lines, expected ${count}`);
  return rows;
}

/**
 * Scrolls the shown hover with the mouse wheel, as a reader would, until its table row holding
 * `text` is at the hover's top (for a picture of what a long hover says below its first lines).
 */
export async function scrollHoverTo(page, text) {
  const hover = page.locator('.monaco-hover:not(.hidden)').first();
  const row = hover.locator(`tr:has-text("${text}")`).first();
  const box = await hover.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + 40);
  await until(`the hover scrolled to "${text}"`, async () => {
    // The hover scrolls 50 px a notch whatever the wheel's delta: a window as high is always reached.
    const by = (await row.boundingBox()).y - (await hover.boundingBox()).y;
    if (by >= -8 && by < 42) return true;
    await page.mouse.wheel(0, Math.sign(by) * 20);
    return false;
  });
}
