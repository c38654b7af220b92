// Where NN Studio's panels open: training, comparison and gradients panels share one editor group.
// Each opening "beside" the active editor would add a column whenever that editor sits in the
// panels' own group (Quick Open puts files into the active group), until four narrow columns were
// left. The first panel opens beside the editor; every later one joins the group that holds any.
// The diagram is the exception: it follows the editor's cursor, so it never covers that editor.

import * as vscode from 'vscode';

/** The webview types of NN Studio's panels share this prefix (package.json's nnStudio.*). */
const VIEW_TYPE_PREFIX = 'nnStudio.';

/** The column of the group that already holds an NN Studio panel, else the one beside the editor. */
export function panelColumn(): vscode.ViewColumn {
  const ours = (tab: vscode.Tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.includes(VIEW_TYPE_PREFIX);
  return vscode.window.tabGroups.all.find((group) => group.tabs.some(ours))?.viewColumn ?? vscode.ViewColumn.Beside;
}

/**
 * For a panel that follows the active editor: panelColumn(), unless that is the editor's own column
 * (the file was opened into the panels' group), where the panel would hide the text it follows;
 * then the column beside the editor.
 */
export function besideEditorColumn(): vscode.ViewColumn {
  const column = panelColumn();
  return column === vscode.window.activeTextEditor?.viewColumn ? vscode.ViewColumn.Beside : column;
}
