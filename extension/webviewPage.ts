// The page every webview of the extension shows: one head (charset, Content-Security-Policy,
// viewport, title) around each view's own stylesheet and body. No `vscode` import, so the static
// "Check Gradients" page (and its unit test) can use it; each caller brings its own policy.

import { randomBytes } from 'node:crypto';

/** A fresh nonce for one page load: only elements carrying it may run or style the page. */
export const newNonce = (): string => randomBytes(16).toString('base64');

/** A whole HTML page; `head` holds the stylesheet (and anything else after the title). */
export function webviewPage(page: { csp: string; title: string; head: string; body: string }): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${page.csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${page.title}</title>
${page.head}
</head>
<body>
${page.body}
</body>
</html>`;
}
