// Theme colours for the canvases, read from the --vscode-* variables VS Code sets on <body>
// (light, dark and high-contrast themes alike); re-read whenever the theme changes.

import { parseColor, type RGB } from './colors';

export function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

export function rgbVar(name: string, fallback: RGB): RGB {
  return parseColor(cssVar(name, '')) ?? fallback;
}

export const css = (c: RGB): string => `rgb(${c.map(Math.round).join(',')})`;

/** The class colours of the decision boundary: orange and blue first, as TensorFlow Playground. */
export function classColors(): RGB[] {
  return [
    rgbVar('--vscode-charts-orange', [209, 134, 22]),
    rgbVar('--vscode-charts-blue', [55, 148, 255]),
    rgbVar('--vscode-charts-green', [137, 209, 133]),
    rgbVar('--vscode-charts-purple', [183, 128, 226]),
    rgbVar('--vscode-charts-red', [241, 76, 76]),
    rgbVar('--vscode-charts-yellow', [204, 167, 0]),
  ];
}

/** Calls `onChange` after VS Code switches theme (it rewrites <body>'s class and variables). */
export function onThemeChange(onChange: () => void): void {
  new MutationObserver(onChange).observe(document.body, { attributes: true, attributeFilter: ['class', 'style'] });
}

/**
 * The sequential scale of values in [0, 1] (the gates Γ, attention weights α): the editor background
 * at 0, theme blue at ½, the editor's text colour at 1, so the scale runs from the page to its ink
 * through a colour in light, dark and high-contrast themes alike, and a weight near 1 stands out.
 */
export function sequentialColors(): RGB[] {
  return [
    rgbVar('--vscode-editor-background', [30, 30, 30]),
    rgbVar('--vscode-charts-blue', [55, 148, 255]),
    rgbVar('--vscode-editor-foreground', [204, 204, 204]),
  ];
}

/** The heat maps' diverging scale: theme orange for negative values, the editor background at 0, theme blue for positive ones. */
export function divergingColors(): { neg: RGB; zero: RGB; pos: RGB } {
  return {
    neg: rgbVar('--vscode-charts-orange', [209, 134, 22]),
    zero: rgbVar('--vscode-editor-background', [30, 30, 30]),
    pos: rgbVar('--vscode-charts-blue', [55, 148, 255]),
  };
}
