// The parts of CodeMirror 6 the editor uses, bundled into one ES module (vendor/codemirror.js) by `npm run vendor`.
export { EditorView, keymap, drawSelection, highlightActiveLine, lineNumbers, highlightSpecialChars, placeholder, Decoration, WidgetType, ViewPlugin } from '@codemirror/view';
export { EditorState, Compartment, Transaction, Annotation, ChangeSet, ChangeDesc, StateField, StateEffect, MapMode, RangeSetBuilder, Text } from '@codemirror/state';
export { defaultKeymap, history, historyKeymap, indentWithTab, isolateHistory } from '@codemirror/commands';
export { rebaseUpdates } from '@codemirror/collab';
export { markdown } from '@codemirror/lang-markdown';
export { syntaxHighlighting, HighlightStyle, bracketMatching } from '@codemirror/language';
export { tags } from '@lezer/highlight';
export { searchKeymap, highlightSelectionMatches } from '@codemirror/search';
