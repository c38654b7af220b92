// Long work the user watches and may cancel (a gradient check, the training before an ONNX export):
// the work reports how far it is and stops when its signal aborts; `inNotification` shows it in a
// VS Code notification with a percentage, a message and a Cancel button wired to that signal.

import * as vscode from 'vscode';

/** What long work gets: where to report progress (done of total), and the signal that cancels it. */
export interface Control {
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/**
 * Runs `work` in a cancellable notification titled `title`: `message(done, total)` describes its
 * progress ("1,234 of 20,000 entries"), `onProgress` hears it too. Cancel aborts the work's signal.
 */
export function inNotification<T>(title: string, message: (done: number, total: number) => string, work: (control: Control) => Promise<T>,
  onProgress?: (done: number, total: number) => void): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
    const abort = new AbortController();
    token.onCancellationRequested(() => abort.abort());
    let shown = 0; // percent reported so far: withProgress adds increments
    return work({
      signal: abort.signal,
      onProgress: (done, total) => {
        const percent = Math.floor((100 * done) / Math.max(1, total));
        progress.report({ message: message(done, total), increment: percent - shown });
        shown = percent;
        onProgress?.(done, total);
      },
    });
  });
}
