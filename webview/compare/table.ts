// The comparison's table: one row per run with a swatch of its chart colour, where it is and its
// figures (tableRows), then the runs' errors and warnings. Text only through textContent.

import { TABLE_HEAD, runNotes, tableRows, type CompareState } from './reducer';

export function renderTable(s: CompareState, table: HTMLTableElement, notes: HTMLElement): void {
  if (!table.tHead?.rows.length) {
    const head = table.createTHead().insertRow();
    for (const text of TABLE_HEAD) head.appendChild(document.createElement('th')).textContent = text;
  }
  const body = table.tBodies[0] ?? table.createTBody();
  body.replaceChildren(
    ...tableRows(s).map((cells, i) => {
      const row = document.createElement('tr');
      row.dataset.run = String(i);
      row.dataset.state = s.runs[i].view.state ?? 'idle';
      cells.forEach((text, k) => {
        const cell = row.insertCell();
        if (k === 0) cell.appendChild(document.createElement('span')).className = `swatch run-${i % 6}`;
        cell.appendChild(document.createTextNode(text));
      });
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
