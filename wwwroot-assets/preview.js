// The live preview's browser side: watches the editor's text and tells the server (PreviewPane) when it changed,
// with its length only; the server then asks for the text itself as a request body (upload) and renders it.
// It reads the editor's CodeMirror view from the page instead of hooking into editor.js: a text (`state.doc`) is
// immutable, so "did it change?" is one comparison, whoever changed it (typing, a followed version, a rebase).
// Loaded by PreviewPane.razor as an ES module.
import { EditorView } from './vendor/codemirror.js';

const checkEvery = 150; // ms: cheap (an identity check), and fine enough for the waits below
const quietFor = 350; // ms without a change before the preview follows (a debounce, so not every keystroke renders)...
const atMostEvery = 1000; // ...but no longer than this after a change while typing goes on
const compressAbove = 256 * 1024;

let current = null;
let watches = 0;

/** Starts watching for the pane `dotNet`; answers its number, which `unwatch` takes. */
export function watch(dotNet) {
  current?.stop();
  current = new PreviewWatch(dotNet, ++watches);
  return current.id;
}

/** Stops watch `id`, unless a newer one (a pane closed and opened again quickly) has taken its place already. */
export function unwatch(id) {
  if (current?.id !== id) return;
  current.stop();
  current = null;
}

/** Sends the editor's text now to `url` (an upload token of the server's); answers the HTTP status (413: too large). */
export async function upload(url) {
  const view = editorView();
  const text = new Blob([view ? view.state.doc.toString() : '']);
  const compress = text.size > compressAbove && typeof CompressionStream === 'function';
  const body = compress ? await new Response(text.stream().pipeThrough(new CompressionStream('gzip'))).blob() : text;
  const headers = { 'Content-Type': 'text/plain; charset=utf-8' };
  if (compress) headers['Content-Encoding'] = 'gzip';
  const response = await fetch(url, { method: 'PUT', body, headers, credentials: 'same-origin' });
  return response.status;
}

function editorView() {
  const dom = document.querySelector('[data-testid=editor] .cm-editor');
  return dom ? EditorView.findFromDOM(dom) : null;
}

class PreviewWatch {
  constructor(dotNet, id) {
    this.dotNet = dotNet;
    this.id = id;
    this.seen = null; // the text last looked at
    this.told = false; // the server has been told at least once
    this.pendingSince = 0; // when the first change not yet told was seen (0: none)
    this.changedAt = 0;
    this.telling = false;
    this.ratio = -1; // where the preview was last scrolled to (see follow)
    this.room = -1;
    this.timer = setInterval(() => this.check(), checkEvery);
    this.check();
  }

  check() {
    const view = editorView();
    if (!view) return;
    this.follow(view);
    const doc = view.state.doc;
    const now = performance.now();
    if (doc !== this.seen) {
      this.seen = doc;
      this.changedAt = now;
      if (!this.pendingSince) this.pendingSince = now;
    }
    if (!this.pendingSince || this.telling) return;
    // The first time at once (the preview just opened); then after a pause, or at least every `atMostEvery`.
    if (this.told && now - this.changedAt < quietFor && now - this.pendingSince < atMostEvery) return;
    this.pendingSince = 0;
    this.told = true;
    this.telling = true;
    this.dotNet.invokeMethodAsync('TextChanged', doc.length)
      .catch(() => { if (!this.pendingSince) this.pendingSince = performance.now(); }) // offline: told again on the next check
      .finally(() => { this.telling = false; });
  }

  /**
   * Keeps the part of the preview that matches where the person works in view: while the editor has the focus, the
   * preview is scrolled to the caret's place in the text (by its line, in proportion), so typing at the end of a long
   * text shows its rendering. Left alone otherwise, so the preview can be read and scrolled by itself.
   */
  follow(view) {
    const preview = document.querySelector('[data-testid=preview]');
    if (!preview || !view.hasFocus) return;
    const doc = view.state.doc;
    const line = doc.lineAt(view.state.selection.main.head).number;
    const ratio = doc.lines > 1 ? (line - 1) / (doc.lines - 1) : 0;
    const room = preview.scrollHeight - preview.clientHeight;
    if (room <= 0 || (ratio === this.ratio && room === this.room)) return;
    this.ratio = ratio;
    this.room = room;
    preview.scrollTop = Math.round(ratio * room);
  }

  stop() {
    clearInterval(this.timer);
  }
}
