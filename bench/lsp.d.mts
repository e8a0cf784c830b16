// Types for the part of bench/lsp.mjs that TypeScript (bench/keystroke.mts) uses.
export interface EditTarget {
  kind: 'timeline row' | 'list item' | 'action item' | 'paragraph' | 'heading';
  line: number;
  character: number;
}
export function editTargets(text: string, count: number, rand: () => number): EditTarget[];
