// The comparison's table: one row per run with a swatch of its chart colour, its name with its
// settings under it, where it is and its figures (tableRows), then the runs' errors and warnings.
// Text only through textContent. Hooks for UI tests: tr[data-name], tr[data-state].

import { runNotes, tableRows, type CompareState } from './reducer';

/**
 * The head: accuracy over its train and test columns. With the settings under each run's name, the
 * state under its iteration and headers that may wrap, the table fits a side column of about 450 px
 * (the default beside an editor) without hiding the accuracies and seconds.
 */
function head(table: HTMLTableElement): void {
  const thead = table.createTHead();
  const top = thead.insertRow();
  const bottom = thead.insertRow();
  const th = (row: HTMLTableRowElement, text: string, span: { rowSpan?: number; colSpan?: number } = { rowSpan: 2 }) =>
    row.appendChild(Object.assign(document.createElement('th'), { textContent: text, ...span }));
  for (const text of ['run', 'iteration', 'cost J']) th(top, text);
  th(top, 'accuracy', { colSpan: 2 }).className = 'group';
  th(top, 'seconds');
  th(bottom, 'train', {});
  th(bottom, 'test', {});
}

/** A cell with `text`, and `under` on a line of its own in smaller type. */
function twoLines(row: HTMLTableRowElement, text: string, under: string, className: string): HTMLTableCellElement {
  const cell = row.insertCell();
  cell.className = className;
  cell.append(text, Object.assign(document.createElement('div'), { className: 'under', textContent: under }));
  return cell;
}

export function renderTable(s: CompareState, table: HTMLTableElement, notes: HTMLElement): void {
  if (!table.tHead?.rows.length) head(table);
  const body = table.tBodies[0] ?? table.createTBody();
  body.replaceChildren(
    ...tableRows(s).map(([name, settings, state, iteration, ...figures], i) => {
      const row = document.createElement('tr');
      row.dataset.run = String(i);
      row.dataset.name = name;
      row.dataset.state = s.runs[i].view.state ?? 'idle';
      twoLines(row, name, settings, 'run').prepend(Object.assign(document.createElement('span'), { className: `swatch run-${i % 6}` }));
      twoLines(row, iteration, state, 'iteration');
      for (const text of figures) row.insertCell().textContent = text;
      return row;
    }),
  );
  notes.replaceChildren(
    ...runNotes(s).map(({ kind, text }) => {
      const p = document.createElement('p');
      p.className = kind;
      p.textContent = text;
      return p;
    }),
  );
}
