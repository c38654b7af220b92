// Enabling and disabling the panels' buttons. A disabled vscode-button only gets `pointer-events:
// none` and tabindex −1; screen readers (and Playwright) still took it for enabled, so
// aria-disabled says it too. Both panels (controls.ts, compare/main.ts) go through here.

export function setDisabled(button: HTMLElement & { disabled: boolean }, disabled: boolean): void {
  button.disabled = disabled;
  button.setAttribute('aria-disabled', String(disabled));
}
