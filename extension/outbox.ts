// Messages for a panel's page, held until the page says it is ready: one posted before its script
// listens would be lost. Shared by the training and the comparison panels.

import type * as vscode from 'vscode';

export class PageOutbox<M> {
  private ready = false;
  private queue: M[] = [];

  constructor(private readonly webview: vscode.Webview) {}

  /** The page is listening: send what waited, and every message from now on at once. */
  open(): void {
    this.ready = true;
    for (const m of this.queue.splice(0)) void this.webview.postMessage(m);
  }

  post(message: M): void {
    if (this.ready) void this.webview.postMessage(message);
    else this.queue.push(message);
  }
}
