// The document editor's browser side: CodeMirror 6 holds the text, so the circuit never carries the document per
// keystroke. A save sends what changed since the version the text is based on (CodeMirror's ChangeSet, composed
// transaction by transaction), and a followed version arrives the same way, as changes applied in place; the whole
// text goes up or comes down, as a stream, only where it must (a large change, a merge, a kept draft). Unsaved work is kept in IndexedDB on every change (and in localStorage as the page goes away), so
// a dropped circuit, a dead server or a reload loses nothing; it is kept as the draft of one person (drafts.js),
// set by the server once it knows who edits. Loaded by CodeEditor.razor as an ES module.
import {
  Annotation, ChangeSet, Compartment, EditorState, EditorView, HighlightStyle, StateEffect, StateField, Transaction,
  bracketMatching, defaultKeymap, drawSelection, highlightActiveLine, highlightSelectionMatches, highlightSpecialChars,
  history, historyKeymap, indentWithTab, keymap, lineNumbers, markdown, searchKeymap, syntaxHighlighting, tags,
} from './vendor/codemirror.js';
import { clearDraft, keepLocally, keeps, markUnsaved, readDraft, writeDraft } from './drafts.js';
// Carets (issue 19): the others' carets, and this one's reported to the server.
import { remoteCarets, reportCaret, showCarets } from './carets.js';

// Markdown highlighting in the theme's own colours (MudBlazor's CSS variables), so that it reads in light and in
// dark mode alike: CodeMirror's default style is made for a white page (its dark blue links vanish on dark).
const markdownHighlight = HighlightStyle.define([
  { tag: tags.heading, fontWeight: 'bold' },
  { tag: tags.strong, fontWeight: 'bold' },
  { tag: tags.emphasis, fontStyle: 'italic' },
  { tag: tags.strikethrough, textDecoration: 'line-through' },
  { tag: [tags.link, tags.url], color: 'var(--mud-palette-primary)', textDecoration: 'underline' },
  { tag: tags.monospace, color: 'var(--mud-palette-secondary)' },
  { tag: tags.quote, color: 'var(--mud-palette-text-secondary)', fontStyle: 'italic' },
  { tag: [tags.processingInstruction, tags.meta, tags.contentSeparator, tags.labelName], color: 'var(--mud-palette-text-secondary)' },
]);

// Changes that come from the server (a followed version, a merge result) are not the user's typing.
const fromServer = Annotation.define();
// What a person did in the editor (CodeMirror's user events): only that shows as "typing…" to the others.
const typedByUser = (transaction) => ['input', 'delete', 'undo', 'redo', 'move'].some((event) => transaction.isUserEvent(event));
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const typingEvery = 1500;
// Above this many characters the Markdown highlighting is off: its background parse of the whole document would
// take the main thread for a long time after every keystroke (CodeMirror parses in slices of up to 100 ms).
// Measured (bench/editor.sh): with highlighting, p95 keystroke-to-paint was 112 ms at 1 MB and 606 ms at 5 MB;
// without, 23 ms and 26 ms; at 290 KB with it, 32 ms.
const highlightUpTo = 300_000;

// ---- What changed since the base: kept as @codemirror/collab keeps its unconfirmed changes, one ChangeSet composed
// from every transaction that changes the text, in the state itself (so nothing else can forget a transaction).
// `base`: the changes from the base version's text to the text now, or null when that is not known (a kept draft, a
// merge result, a base text with "\r": CodeMirror keeps only "\n", so its positions would not be the server's).
// `snapshot`: the changes since the last snapshot was taken, which become `base` when that snapshot is saved.
const baseIs = StateEffect.define(); // true: the text now is the base version's, as the server has it; false: unknown
const snapshotTaken = StateEffect.define();
const snapshotSaved = StateEffect.define();
const sinceBase = StateField.define({
  create: (state) => ({ base: ChangeSet.empty(state.doc.length), snapshot: null }),
  update(value, transaction) {
    let { base, snapshot } = value;
    if (transaction.docChanged) {
      base = base && base.compose(transaction.changes);
      snapshot = snapshot && snapshot.compose(transaction.changes);
    }
    for (const effect of transaction.effects) {
      if (effect.is(baseIs)) {
        base = effect.value ? ChangeSet.empty(transaction.newDoc.length) : null;
        snapshot = null;
      } else if (effect.is(snapshotTaken)) {
        snapshot = ChangeSet.empty(transaction.newDoc.length);
      } else if (effect.is(snapshotSaved)) {
        base = snapshot;
        snapshot = null;
      }
    }
    return base === value.base && snapshot === value.snapshot ? value : { base, snapshot };
  },
});
// The largest change sent as changes: the bytes of the circuit message that carries it (the circuit takes messages of
// up to 64 KB; JSON inside JSON is escaped again). Anything larger (a big paste) goes up as text, compressed.
const changesUpTo = 48 * 1024;
// What the server's text must be for changes to apply to it as they do here.
const asCodeMirrorKeepsIt = (text) => !text.includes('\r');

// ---- Draft storage (drafts.js): per person and document, in IndexedDB with a localStorage copy at page hide.

// Text goes up gzip-compressed: prose shrinks several times, and on a slow link (or this browser's own upload
// path, measured at ~12 MB/s on loopback) that is most of the time of a large save.
const compressAbove = 64 * 1024;

async function upload(url, text) {
  const compress = text.size > compressAbove && typeof CompressionStream === 'function';
  const body = compress ? await new Response(text.stream().pipeThrough(new CompressionStream('gzip'))).blob() : text;
  const headers = { 'Content-Type': 'text/plain; charset=utf-8' };
  if (compress) headers['Content-Encoding'] = 'gzip';
  const response = await fetch(url, { method: 'PUT', body, headers, credentials: 'same-origin' });
  // A refusal for saving too fast is told apart (see UploadRefusal.cs), so the person reads "wait N s", not "failed".
  if (response.status === 429) throw new Error(`collabedit-rate-limited retry-after=${response.headers.get('Retry-After') ?? 1}`);
  if (!response.ok) throw new Error(`The server did not take the text (${response.status}).`);
}

async function readText(streamReference) {
  return decoder.decode(await streamReference.arrayBuffer());
}

export function mount(host, titleInput, dotNet, documentId) {
  return new DocumentEditor(host, titleInput, dotNet, documentId);
}

class DocumentEditor {
  constructor(host, titleInput, dotNet, documentId) {
    this.titleInput = titleInput;
    this.dotNet = dotNet;
    this.documentId = documentId;
    this.owner = null; // whose draft this is: nothing is kept or read until the server says (useDraftsOf)
    this.generation = 0; // bumped by every local change
    this.cleanGeneration = 0; // the generation the server has acknowledged
    this.baseVersion = 0;
    this.baseTitle = '';
    this.reportedDirty = false;
    this.lastTyping = 0;
    this.snapshot = null;
    this.stored = null;
    this.writing = false;
    this.writeAgain = false;
    this.editable = new Compartment();
    this.language = new Compartment();
    this.view = new EditorView({
      parent: host,
      state: EditorState.create({
        doc: '',
        extensions: [
          lineNumbers(), highlightSpecialChars(), history(), drawSelection(), highlightActiveLine(), bracketMatching(),
          highlightSelectionMatches(), this.language.of([]), sinceBase,
          EditorView.lineWrapping,
          keymap.of([...defaultKeymap, ...historyKeymap, ...searchKeymap, indentWithTab]),
          EditorView.contentAttributes.of({ 'aria-label': 'Document text', 'data-testid': 'editor-content', tabindex: '0' }),
          this.editable.of([]),
          // Carets (issue 19): the others' shown, this one's reported (throttled, only when it moved).
          remoteCarets(), reportCaret((anchor, head) => this.dotNet.invokeMethodAsync('CaretMoved', anchor, head).catch(() => {})),
          EditorView.updateListener.of((update) => {
            if (update.docChanged && !update.transactions.some((t) => t.annotation(fromServer))) this.changed(update.transactions.some(typedByUser));
          }),
        ],
      }),
    });
    this.onTitleInput = () => this.changed(true);
    this.onBeforeUnload = (event) => {
      if (!this.isDirty()) return;
      this.keepLocally();
      if (window.collabeditReloading) return; // our own reload after the server restarted: the draft is kept
      if (this.owner !== null && !keeps(this.owner)) return; // signing out: the person already chose to drop it
      event.preventDefault();
      event.returnValue = '';
    };
    this.onPageHide = () => this.keepLocally();
    titleInput.addEventListener('input', this.onTitleInput);
    window.addEventListener('beforeunload', this.onBeforeUnload);
    window.addEventListener('pagehide', this.onPageHide);
    // Tests and the reconnect banner look here; never the source of truth for the server.
    host.editor = this;
  }

  isDirty() {
    return this.generation !== this.cleanGeneration || this.titleInput.value !== this.baseTitle;
  }

  text() {
    return this.view.state.doc.toString();
  }

  // ---- Called from .NET

  /** Shows a version from the server as the clean base. */
  async load(streamReference, version, title) {
    const text = await readText(streamReference);
    this.setText(text, asCodeMirrorKeepsIt(text));
    this.baseVersion = version;
    this.baseTitle = title;
    this.titleInput.value = title;
    this.cleanGeneration = this.generation;
    this.report();
  }

  /** Whose drafts to keep and look for (an account, or a given name in open mode). A draft being typed moves with it. */
  async useDraftsOf(owner) {
    const previous = this.owner;
    if (owner === previous) return;
    this.owner = owner;
    if (previous !== null) {
      markUnsaved(previous, this.documentId, false);
      await clearDraft(previous, this.documentId);
    }
    if (this.isDirty()) {
      markUnsaved(owner, this.documentId, true);
      this.storeDraft();
    }
  }

  /** What this person kept of an earlier visit, if it differs from what was loaded: {baseVersion, title, byteCount, savedAt}. */
  async storedDraft() {
    const draft = await readDraft(this.owner, this.documentId);
    if (!draft) return null;
    if (draft.text === this.text() && draft.title === this.baseTitle && draft.baseVersion === this.baseVersion) {
      await this.forgetDraft();
      return null;
    }
    this.stored = draft;
    return { baseVersion: draft.baseVersion, title: draft.title ?? '', byteCount: encoder.encode(draft.text).length, savedAt: draft.savedAt };
  }

  /**
   * Puts the kept draft in the editor as unsaved changes on `baseVersion` (titled `baseTitle`): the version the
   * draft was written on when it still needs merging, so that what is kept from now on still says so.
   */
  applyStoredDraft(baseVersion, baseTitle) {
    if (!this.stored) return false;
    this.setText(this.stored.text, false);
    this.baseVersion = baseVersion;
    this.baseTitle = baseTitle;
    this.titleInput.value = this.stored.title || baseTitle;
    this.stored = null;
    this.changed();
    return true;
  }

  /** Sends the kept draft's text to the server (for a merge onto a newer version). */
  uploadStoredDraft(url) {
    return upload(url, new Blob([this.stored?.text ?? '']));
  }

  /**
   * Captures what is in the editor now and, if it is within `maxBytes`, sends its text to the server at `url` in
   * the same step (a plain request body: megabytes move far faster than through the circuit).
   */
  async takeSnapshot(url, maxBytes, preferChanges = false) {
    const generation = this.generation;
    const title = this.titleInput.value;
    const doc = this.view.state.doc; // immutable: the snapshot's text, whatever is typed next
    const changes = preferChanges ? this.changesSinceBase() : null;
    this.view.dispatch({ effects: snapshotTaken.of(null) });
    if (changes !== null) {
      this.snapshot = { generation, doc, text: null };
      return { generation, title, byteCount: -1, uploaded: false, changes, baseVersion: this.baseVersion };
    }
    const text = new Blob([doc.toString()]); // UTF-8, encoded natively
    this.snapshot = { generation, doc, text };
    const uploaded = text.size <= maxBytes;
    if (uploaded) await upload(url, text);
    return { generation, title, byteCount: text.size, uploaded };
  }

  uploadSnapshot(generation, url) {
    const snapshot = this.snapshot;
    if (snapshot && snapshot.generation === generation) return upload(url, snapshot.text ?? new Blob([snapshot.doc.toString()]));
    return upload(url, new Blob([this.text()]));
  }

  /** The changes since the base as CodeMirror's JSON, when they are known and small enough to send; else null. */
  changesSinceBase() {
    const { base } = this.view.state.field(sinceBase);
    if (base === null) return null;
    const json = JSON.stringify(base.toJSON());
    // Cheap bound first (a UTF-16 unit is at most 3 bytes of UTF-8, escaped at most twice), then the real size.
    if (json.length * 6 > changesUpTo && encoder.encode(JSON.stringify(json)).length > changesUpTo) return null;
    return json;
  }

  /** The server saved the snapshot taken at `generation` as `version`: clean unless the user typed since. */
  markSaved(generation, version, title) {
    this.baseVersion = version;
    this.baseTitle = title;
    // What was typed since the snapshot is now what changed since the base (unknown if that was another snapshot).
    const latest = this.snapshot && this.snapshot.generation === generation;
    this.view.dispatch({ effects: latest ? snapshotSaved.of(null) : baseIs.of(false) });
    if (this.generation === generation) this.cleanGeneration = generation;
    this.report();
    this.storeDraft();
    return this.isDirty();
  }

  /** Follows a newer version in place, only if nothing was typed: never replaces the user's text. */
  async follow(streamReference, version, title) {
    const text = await readText(streamReference);
    // Not an older version over a newer one (two follows overlapping after a slow call), nor over unsaved work.
    if (this.isDirty() || version <= this.baseVersion) return false;
    this.setText(text, asCodeMirrorKeepsIt(text));
    this.followed(version, title);
    return true;
  }

  /**
   * Follows a newer version by the changes from the version shown (`fromVersion`, CodeMirror's JSON), applied as one
   * remote transaction, kept out of the undo history: CodeMirror maps the caret, the selection and the scroll
   * position through them. Only if nothing was typed (false); null when this text is not that version's as it is.
   */
  followChanges(json, fromVersion, version, title) {
    if (this.isDirty()) return false;
    const { base } = this.view.state.field(sinceBase);
    let changes;
    try {
      changes = ChangeSet.fromJSON(JSON.parse(json));
    } catch {
      return null;
    }
    if (fromVersion !== this.baseVersion || base === null || !base.empty || changes.length !== this.view.state.doc.length) return null;
    this.highlightFor(changes.newLength);
    this.view.dispatch({
      changes, effects: baseIs.of(true), annotations: [fromServer.of(true), Transaction.remote.of(true), Transaction.addToHistory.of(false)],
    });
    this.followed(version, title);
    return true;
  }

  followed(version, title) {
    this.baseVersion = version;
    this.baseTitle = title;
    this.titleInput.value = title;
    this.cleanGeneration = this.generation;
  }

  /**
   * Replaces the text (a merge result, a restored revision, a discarded draft). `dirty`: whether it is unsaved.
   * `ifGeneration` (or -1): only if nothing was typed since that snapshot.
   */
  async replace(streamReference, version, baseTitle, title, dirty, ifGeneration) {
    const text = await readText(streamReference);
    if (ifGeneration >= 0 && this.generation !== ifGeneration) return false;
    this.setText(text, !dirty && asCodeMirrorKeepsIt(text));
    this.baseVersion = version;
    this.baseTitle = baseTitle;
    this.titleInput.value = title;
    if (dirty) {
      this.changed();
    } else {
      this.cleanGeneration = this.generation;
      this.report();
      this.storeDraft();
    }
    return true;
  }

  setReadOnly(readOnly) {
    this.view.dispatch({ effects: this.editable.reconfigure(readOnly ? [EditorState.readOnly.of(true), EditorView.editable.of(false)] : []) });
    this.titleInput.readOnly = readOnly;
    return this.generation;
  }


  /** Carets (issue 19): shows the others' carets ({id, name, colour, version, anchor, head}, or their JSON). */
  showCarets(json) {
    showCarets(this.view, json);
  }

  async forgetDraft() {
    this.stored = null;
    if (this.owner !== null) await clearDraft(this.owner, this.documentId);
  }

  dispose() {
    this.titleInput.removeEventListener('input', this.onTitleInput);
    window.removeEventListener('beforeunload', this.onBeforeUnload);
    window.removeEventListener('pagehide', this.onPageHide);
    this.keepLocally();
    this.view.destroy();
  }

  // ---- Inside

  /** Replaces the whole text; `isBase`: it is the base version's text as the server has it (changes can follow). */
  setText(text, isBase) {
    this.highlightFor(text.length);
    const selection = this.view.state.selection.main;
    const anchor = Math.min(selection.anchor, text.length);
    const head = Math.min(selection.head, text.length);
    this.view.dispatch({
      changes: { from: 0, to: this.view.state.doc.length, insert: text },
      selection: { anchor, head },
      effects: baseIs.of(isBase),
      annotations: fromServer.of(true),
    });
  }

  highlightFor(length) {
    const highlight = length <= highlightUpTo;
    if (highlight !== this.highlighted) {
      this.highlighted = highlight;
      this.highlighting = null;
      if (!highlight) {
        // Off before a long text arrives, so that it is never parsed.
        this.view.dispatch({ effects: this.language.reconfigure([]) });
      } else {
        // On once the text is painted: the first parse of a long document (200 KB: a task of a quarter of a second
        // on a phone) then runs after the text shows, in CodeMirror's small background slices, instead of holding
        // the page's first paint of the document (Lighthouse: total blocking time).
        const request = (this.highlighting = {});
        requestAnimationFrame(() => setTimeout(() => {
          if (this.highlighting === request) {
            this.highlighting = null;
            this.view.dispatch({ effects: this.language.reconfigure([markdown(), syntaxHighlighting(markdownHighlight)]) });
          }
        }, 0));
      }
    }
  }

  /** `typed`: a person's keystroke, paste or undo; others (a restored revision, a merge, a kept draft) are not "typing…" to the others. */
  changed(typed = false) {
    this.generation++;
    this.storeDraft();
    this.report();
    const now = Date.now();
    if (typed && now - this.lastTyping > typingEvery) {
      this.lastTyping = now;
      this.dotNet.invokeMethodAsync('Typing').catch(() => {});
    }
  }

  /** Tells the server when "unsaved changes" starts or stops being true; works offline (the call just fails). */
  report() {
    const dirty = this.isDirty();
    if (this.owner !== null) markUnsaved(this.owner, this.documentId, dirty);
    if (dirty === this.reportedDirty) return;
    this.reportedDirty = dirty;
    this.dotNet.invokeMethodAsync('DirtyChanged', dirty).catch(() => { this.reportedDirty = !dirty; });
  }

  /**
   * Writes the draft after every change: at most one write in flight, and one more when changes came in meanwhile,
   * so the newest text is always written soon after the last keystroke without queueing a write per keystroke.
   */
  storeDraft() {
    if (this.writing) {
      this.writeAgain = true;
      return;
    }
    this.writing = true;
    setTimeout(() => this.writeDrafts(), 0);
  }

  async writeDrafts() {
    try {
      do {
        this.writeAgain = false;
        if (this.owner === null) break; // nobody known yet: useDraftsOf writes it when the owner is
        if (this.isDirty()) {
          await writeDraft(this.owner, this.documentId, this.draft());
        } else {
          await clearDraft(this.owner, this.documentId);
        }
      } while (this.writeAgain);
    } catch {
      // IndexedDB unavailable or full: the localStorage copy at page hide is the fallback.
    } finally {
      this.writing = false;
    }
  }

  draft() {
    return { baseVersion: this.baseVersion, title: this.titleInput.value, text: this.text(), savedAt: Date.now() };
  }

  /** Synchronous, for the moment the page goes away: an IndexedDB write started now may not finish. */
  keepLocally() {
    if (this.isDirty() && this.owner !== null) keepLocally(this.owner, this.documentId, this.draft());
  }
}
