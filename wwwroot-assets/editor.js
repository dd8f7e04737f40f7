// The document editor's browser side: CodeMirror 6 holds the text, so the circuit never carries the document per
// keystroke. A save sends what changed since the version the text is based on (CodeMirror's ChangeSet, composed
// transaction by transaction), and a followed version arrives the same way, as changes applied in place; the whole
// text goes up or comes down, as a stream, only where it must (a large change, a merge, a kept draft). Unsaved work is kept in IndexedDB on every change (and in localStorage as the page goes away), so
// a dropped circuit, a dead server or a reload loses nothing; it is kept as the draft of one person (drafts.js),
// set by the server once it knows who edits. Loaded by CodeEditor.razor as an ES module.
import {
  Annotation, ChangeSet, Compartment, Decoration, EditorState, EditorView, HighlightStyle, StateEffect, StateField, Transaction,
  WidgetType, bracketMatching, defaultKeymap, drawSelection, highlightActiveLine, highlightSelectionMatches, highlightSpecialChars,
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
// A save was rebased by the server: the value is what was typed since its snapshot, mapped onto the saved text, which
// is now the base (the server's text of the version saved, so what changed since it is known exactly).
const rebasedOnto = StateEffect.define();
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
      } else if (effect.is(rebasedOnto)) {
        base = effect.value;
        snapshot = null;
      }
    }
    return base === value.base && snapshot === value.snapshot ? value : { base, snapshot };
  },
});
// ---- Inline conflicts: where an autosave and someone else's version changed the same words. The server kept theirs
// in the text (the region) and handed mine back; both stay visible until the person decides, in place. Positions
// are mapped through every transaction, so typing elsewhere (or others' changes arriving) keeps them on their words.
// Each: { id, from, to, base, mine, theirs, author }.
const conflictsAdded = StateEffect.define();
const conflictResolved = StateEffect.define(); // the id
// The person's caret is at the end of these conflicts (the ids): they were typing that word when the conflict came.
const conflictTyping = StateEffect.define();
// Letters typed on (or erased) at the end of such a conflict: { id, text } appended to mine, or { id, erase: true }.
const conflictMineTyped = StateEffect.define();
let conflictIds = 0;
const conflictField = StateField.define({
  create: () => [],
  update(conflicts, transaction) {
    let next = conflicts;
    if (transaction.docChanged && conflicts.length > 0) {
      next = conflicts.map((c) => {
        // Text typed right at an edge is not part of the region (theirs): it stays outside it.
        const from = transaction.changes.mapPos(c.from, 1);
        const to = Math.max(from, transaction.changes.mapPos(c.to, -1));
        return from === c.from && to === c.to ? c : { ...c, from, to };
      });
    }
    if (transaction.selection && next.some((c) => c.typing)) {
      // The caret moved away from where the person was typing: what they type now goes into the text as usual.
      const head = transaction.selection.main;
      next = next.map((c) => (c.typing && !(head.empty && head.head === c.to) ? { ...c, typing: false } : c));
    }
    for (const effect of transaction.effects) {
      if (effect.is(conflictsAdded)) next = [...next, ...effect.value].sort((a, b) => a.from - b.from);
      else if (effect.is(conflictResolved)) next = next.filter((c) => c.id !== effect.value);
      else if (effect.is(conflictTyping)) next = next.map((c) => (effect.value.includes(c.id) ? { ...c, typing: true } : c));
      else if (effect.is(conflictMineTyped)) {
        next = next.map((c) => (c.id !== effect.value.id ? c
          : { ...c, mine: effect.value.erase ? [...c.mine].slice(0, -1).join('') : c.mine + effect.value.text }));
      }
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field, (conflicts) => Decoration.set(conflicts.flatMap((c) => [
    ...(c.to > c.from ? [Decoration.mark({ class: 'cm-ce-conflict', attributes: { 'data-testid': 'conflict-region' } }).range(c.from, c.to)] : []),
    Decoration.widget({ widget: new ConflictWidget(c), side: 1 }).range(c.to),
  ]), true)),
});

// A conflict arrives about a second after the keystroke, often in the middle of the word being typed ("Tuesda"): the
// letters typed on right there continue mine (the box's "You wrote"), not theirs in the text, until the caret moves.
const typingIntoConflict = EditorState.transactionFilter.of((transaction) => {
  if (!transaction.docChanged || !(transaction.isUserEvent('input.type') || transaction.isUserEvent('delete.backward'))) return transaction;
  const conflict = transaction.startState.field(conflictField).find((c) => c.typing);
  const head = transaction.startState.selection.main;
  if (!conflict || !head.empty || head.head !== conflict.to) return transaction;
  let text = null;
  let erase = false;
  let other = false;
  transaction.changes.iterChanges((fromA, toA, _fromB, _toB, inserted) => {
    if (fromA === conflict.to && toA === fromA && inserted.length > 0) text = (text ?? '') + inserted.toString();
    else if (toA === conflict.to && fromA < toA && inserted.length === 0) erase = true;
    else other = true;
  });
  if (other || (text === null) === !erase || (erase && conflict.mine === '')) return transaction;
  return { effects: conflictMineTyped.of(erase ? { id: conflict.id, erase: true } : { id: conflict.id, text }), selection: head };
});

/** Beside a conflict's region: who wrote what, and the four ways out. */
class ConflictWidget extends WidgetType {
  constructor(conflict) {
    super();
    this.conflict = conflict;
  }

  eq(other) {
    const a = this.conflict;
    const b = other.conflict;
    return a.id === b.id && a.mine === b.mine && a.theirs === b.theirs && a.author === b.author;
  }

  toDOM(view) {
    const c = this.conflict;
    const box = document.createElement('span');
    box.className = 'cm-ce-conflict-widget';
    box.setAttribute('data-testid', 'inline-conflict');
    box.setAttribute('role', 'group');
    box.setAttribute('aria-label', 'Conflict to resolve');
    box.contentEditable = 'false';
    const line = (label, text, testid) => {
      const row = document.createElement('span');
      row.className = 'cm-ce-conflict-side';
      row.setAttribute('data-testid', testid);
      const who = document.createElement('strong');
      who.textContent = label;
      const what = document.createElement('q');
      what.textContent = text;
      row.append(who, ' ', what);
      return row;
    };
    box.append(line(`${c.author || 'Someone'} wrote:`, c.theirs, 'conflict-theirs-text'), line('You wrote:', c.mine, 'conflict-mine-text'));
    const buttons = document.createElement('span');
    buttons.className = 'cm-ce-conflict-buttons';
    for (const [choice, label] of [['mine', 'Keep mine'], ['theirs', 'Keep theirs'], ['both', 'Keep both'], ['edit', 'Edit']]) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = label;
      button.setAttribute('data-testid', `conflict-${choice}`);
      // The editor must not take the click as a caret move first.
      button.addEventListener('mousedown', (event) => event.preventDefault());
      button.addEventListener('click', (event) => {
        event.preventDefault();
        resolveConflict(view, c.id, choice);
      });
      buttons.append(button);
    }
    box.append(buttons);
    return box;
  }

  ignoreEvent() {
    return true;
  }
}

/** "Both": theirs then mine, with a separator where the two would run together. */
function both(theirs, mine) {
  if (theirs === '' || mine === '' || /\s$/.test(theirs) || /^\s/.test(mine)) return theirs + mine;
  return theirs + (theirs.includes('\n') ? '\n' : ' ') + mine;
}

/** A person's choice: an ordinary user change (typed, kept in the undo history, autosaved like any other). */
function resolveConflict(view, id, choice) {
  const conflict = view.state.field(conflictField).find((c) => c.id === id);
  if (!conflict || view.state.readOnly) return;
  const { from, to } = conflict;
  const insert = choice === 'mine' ? conflict.mine : choice === 'both' || choice === 'edit' ? both(conflict.theirs, conflict.mine) : null;
  const spec = { effects: conflictResolved.of(id), userEvent: 'input.conflict', scrollIntoView: true };
  if (insert !== null && insert !== view.state.sliceDoc(from, to)) spec.changes = { from, to, insert };
  // "Edit": both texts in the region, selected, to be rewritten by hand.
  if (choice === 'edit') spec.selection = { anchor: from, head: from + insert.length };
  view.dispatch(spec);
  if (choice === 'edit') view.focus();
}

/** The conflicts as kept in a draft and reported: plain objects, no ids. */
const keptConflicts = (conflicts) => conflicts.map(({ from, to, base, mine, theirs, author }) => ({ from, to, base, mine, theirs, author }));

// The largest change sent as changes: the bytes of the circuit message that carries it (the circuit takes messages of
// up to 64 KB; JSON inside JSON is escaped again). Anything larger (a big paste) goes up as text, compressed.
const changesUpTo = 48 * 1024;
// What the server's text must be for changes to apply to it as they do here.
const asCodeMirrorKeepsIt = (text) => !text.includes('\r');

// ---- Autosave: a save about 500 ms after the last change, and at most 800 ms after the first unsaved one while
// typing goes on (so that the others see steady typing within a second: bench/live.sh measured p95 2.1 s with a 2 s
// ceiling); one save in flight at a time; a save that could not be made is tried again with back-off for as long
// as there is something to save. Switched off per document (remembered in localStorage), the editor saves only when asked.
const autosaveQuiet = 500;
const autosaveAtMost = 800;
const retryFirst = 1000;
const retryAtMost = 30_000;
// A save not answered within this is given up and tried again (a 5 MB rebase takes well under it).
const saveAnswerWithin = 60_000;
const autosaveKey = (documentId) => `collabedit-autosave:${documentId}`;

function autosaveRemembered(documentId) {
  try {
    return localStorage.getItem(autosaveKey(documentId)) !== 'off';
  } catch {
    return true;
  }
}

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
    this.saveSnapshot = null; // the snapshot of the save in flight: what the server's answer is about
    this.autosave = autosaveRemembered(documentId);
    this.autosaveTimer = null;
    this.firstUnsavedAt = 0;
    this.saving = false;
    this.saveAgain = false;
    this.retryDelay = 0;
    this.reportedConflicts = 0;
    this.unreachable = false; // the last autosave could not reach the server (the circuit is down)
    this.statusBefore = null; // the server's status line while this browser shows its own (offline)
    this.disposed = false;
    this.editable = new Compartment();
    this.language = new Compartment();
    this.view = new EditorView({
      parent: host,
      state: EditorState.create({
        doc: '',
        extensions: [
          lineNumbers(), highlightSpecialChars(), history(), drawSelection(), highlightActiveLine(), bracketMatching(),
          highlightSelectionMatches(), this.language.of([]), sinceBase, conflictField, typingIntoConflict,
          EditorView.lineWrapping,
          keymap.of([...defaultKeymap, ...historyKeymap, ...searchKeymap, indentWithTab]),
          EditorView.contentAttributes.of({ 'aria-label': 'Document text', 'data-testid': 'editor-content', tabindex: '0' }),
          this.editable.of([]),
          // Carets (issue 19): the others' shown, this one's reported (throttled, only when it moved).
          remoteCarets(), reportCaret((anchor, head) => this.dotNet.invokeMethodAsync('CaretMoved', anchor, head).catch(() => {})),
          EditorView.updateListener.of((update) => {
            if (update.docChanged && !update.transactions.some((t) => t.annotation(fromServer))) {
              this.changed(update.transactions.some(typedByUser));
            } else if (update.startState.field(conflictField) !== update.state.field(conflictField)) {
              // A conflict resolved without changing the text ("keep theirs"): the draft and the status must know.
              this.report();
              this.storeDraft();
            }
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
    // Back online: what waits is saved now, not at the end of the back-off.
    this.onOnline = () => {
      if (this.autosave && this.hasUnsavedText() && !document.body.classList.contains('ce-offline')) this.saveNow();
    };
    window.addEventListener('online', this.onOnline);
    // The connection banner marks the page (reconnect.js): while it is down, the status line is this browser's to tell.
    this.wasDown = document.body.classList.contains('ce-offline');
    this.connectionWatch = new MutationObserver(() => this.connectionChanged());
    this.connectionWatch.observe(document.body, { attributes: true, attributeFilter: ['class'] });
    // A render that reaches the status line while this browser tells it (a batch sent just before the drop, the
    // "saved N min ago" clock) would write "saved" over unsaved words: the line is checked again after every change.
    this.statusWatch = new MutationObserver(() => this.showOfflineStatus());
    this.statusWatch.observe(document.body, { childList: true, characterData: true, subtree: true });
    titleInput.addEventListener('input', this.onTitleInput);
    window.addEventListener('beforeunload', this.onBeforeUnload);
    window.addEventListener('pagehide', this.onPageHide);
    // Tests and the reconnect banner look here; never the source of truth for the server.
    host.editor = this;
  }

  /** Whether something is not on the server: text or title changes, or a conflict still to be decided (mine lives only here). */
  isDirty() {
    return this.hasUnsavedText() || this.conflicts().length > 0;
  }

  /** Whether the text or title differ from what the server acknowledged. */
  hasUnsavedText() {
    return this.generation !== this.cleanGeneration || this.titleInput.value !== this.baseTitle;
  }

  conflicts() {
    return this.view.state.field(conflictField);
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
      // Only conflicts were left open: they come back on the same text, nothing else to restore.
      if (Array.isArray(draft.conflicts) && draft.conflicts.length > 0) {
        this.restoreConflicts(draft.conflicts);
        return null;
      }
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
    if (Array.isArray(this.stored.conflicts)) this.restoreConflicts(this.stored.conflicts);
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
    // Only a save's snapshot starts counting what is typed after it (a preview's must not: the save's answer, a
    // rebase above all, is applied to what was typed since the save's own snapshot).
    if (preferChanges) this.view.dispatch({ effects: snapshotTaken.of(null) });
    if (changes !== null) {
      this.snapshot = { generation, doc, text: null, title };
      if (preferChanges) this.saveSnapshot = this.snapshot;
      return { generation, title, byteCount: -1, uploaded: false, changes, baseVersion: this.baseVersion };
    }
    const text = new Blob([doc.toString()]); // UTF-8, encoded natively
    this.snapshot = { generation, doc, text, title };
    if (preferChanges) this.saveSnapshot = this.snapshot;
    const uploaded = text.size <= maxBytes;
    if (uploaded) await upload(url, text);
    // The version this text is based on goes with it: the circuit must diff it against that version's text, never
    // against a base of its own that a follow or a save's answer may have moved meanwhile.
    return { generation, title, byteCount: text.size, uploaded, baseVersion: this.baseVersion };
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
    const latest = this.saveSnapshot && this.saveSnapshot.generation === generation && this.view.state.field(sinceBase).snapshot !== null;
    this.view.dispatch({ effects: latest ? snapshotSaved.of(null) : baseIs.of(false) });
    this.saveSnapshot = null;
    if (this.generation === generation) this.cleanGeneration = generation;
    this.report();
    this.storeDraft();
    return this.isDirty();
  }

  /**
   * The server saved the snapshot taken at `generation` rebased onto newer versions: `toSavedJson` (CodeMirror's JSON)
   * turns the snapshot's text into the saved version's. Applied as others' changes are, to what is typed now: their
   * changes are mapped over what was typed since the snapshot (which stays unsaved, now on the saved version), as
   * @codemirror/collab's receiveUpdates does; one remote transaction kept out of the undo history, so caret, selection,
   * scroll and undo stay the person's. `conflicts` ({from, to, base, mine, theirs} in the saved text) are mapped the
   * same way and shown in place. Returns whether unsaved work remains, or null when the save is not this editor's
   * latest (nothing applied: .NET falls back to the text).
   */
  applyRebase(generation, toSavedJson, version, title, conflicts, author) {
    const snapshot = this.saveSnapshot;
    const { snapshot: typed } = this.view.state.field(sinceBase);
    if (!snapshot || snapshot.generation !== generation || typed === null) return null;
    let toSaved;
    try {
      toSaved = ChangeSet.fromJSON(JSON.parse(toSavedJson));
    } catch {
      return null;
    }
    if (toSaved.length !== snapshot.doc.length) return null;
    const remote = toSaved.map(typed);
    const onSaved = typed.map(toSaved, true); // what was typed since the snapshot, on the saved text
    let pending = onSaved;
    // A conflict arrives about a second after the keystroke, often while the person is still typing that word: what
    // was typed at or inside the conflicting words since the snapshot belongs to mine ("Tuesd" + "ay"), not after theirs.
    const inverse = toSaved.invert(snapshot.doc);
    const now = this.view.state.doc;
    const fixes = [];
    const found = (conflicts ?? []).map((c) => {
      const from = inverse.mapPos(c.from, -1);
      const to = inverse.mapPos(c.to, 1);
      if (!typed.touchesRange(from, to)) return { c, mine: c.mine, fix: null };
      const fix = { from: onSaved.mapPos(c.from, -1), to: onSaved.mapPos(c.to, 1), insert: c.theirs };
      fixes.push(fix);
      return { c, mine: now.sliceString(typed.mapPos(from, -1), typed.mapPos(to, 1)), fix };
    });
    let changes = remote;
    let fixed = ChangeSet.empty(remote.newLength);
    if (fixes.length > 0) {
      fixes.sort((a, b) => a.from - b.from);
      fixed = ChangeSet.of(fixes.filter((f, i) => i === 0 || f.from >= fixes[i - 1].to), remote.newLength);
      changes = remote.compose(fixed);
      pending = pending.compose(fixed);
    }
    const added = found.map(({ c, mine, fix }) => {
      // Text typed right at an edge of a region nobody was typing in stays outside it.
      const from = fix ? fixed.mapPos(fix.from, -1) : fixed.mapPos(onSaved.mapPos(c.from, 1), 1);
      const to = fix ? fixed.mapPos(fix.to, 1) : fixed.mapPos(onSaved.mapPos(c.to, -1), -1);
      return { id: ++conflictIds, from, to: Math.max(from, to), base: c.base, mine, theirs: c.theirs, author };
    });
    this.highlightFor(changes.newLength);
    this.view.dispatch({
      changes,
      effects: [rebasedOnto.of(pending), ...(added.length > 0 ? [conflictsAdded.of(added)] : [])],
      annotations: [fromServer.of(true), Transaction.remote.of(true), Transaction.addToHistory.of(false)],
    });
    const caret = this.view.state.selection.main;
    const typing = added.filter((c) => caret.empty && caret.head === c.to).map((c) => c.id);
    if (typing.length > 0) this.view.dispatch({ effects: conflictTyping.of(typing) });
    this.saveSnapshot = null;
    this.baseVersion = version;
    // The title: the saved one shows unless the person changed it since the snapshot.
    if (this.titleInput.value === snapshot.title || this.titleInput.value === this.baseTitle) this.titleInput.value = title;
    this.baseTitle = title;
    if (this.generation === generation) this.cleanGeneration = generation;
    this.report();
    this.storeDraft();
    return this.hasUnsavedText();
  }

  /** Follows a newer version in place, only if nothing was typed: never replaces the user's text. */
  async follow(streamReference, version, title) {
    const text = await readText(streamReference);
    // Not an older version over a newer one (two follows overlapping after a slow call), nor over unsaved work.
    if (this.hasUnsavedText() || version <= this.baseVersion) return false;
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
    if (this.hasUnsavedText()) return false;
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
  async replace(streamReference, version, baseTitle, title, dirty, ifGeneration, conflicts = null, author = null) {
    const text = await readText(streamReference);
    if (ifGeneration >= 0 && this.generation !== ifGeneration) return false;
    this.setText(text, !dirty && asCodeMirrorKeepsIt(text));
    this.saveSnapshot = null;
    if (conflicts) this.restoreConflicts(conflicts.map((c) => ({ ...c, author })));
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

  /** Whether autosave is on for this document (remembered in this browser; on unless switched off). */
  autosaveOn() {
    return this.autosave;
  }

  /** Switches autosave on or off for this document, remembered in this browser; on with unsaved text saves now. */
  setAutosave(on) {
    this.autosave = on;
    try {
      localStorage.setItem(autosaveKey(this.documentId), on ? 'on' : 'off');
    } catch { /* storage disabled: on for this page only */ }
    clearTimeout(this.autosaveTimer);
    this.autosaveTimer = null;
    this.retryDelay = 0;
    if (on && this.hasUnsavedText()) this.saveNow();
  }

  /** Saves as soon as no other save is in flight (a newer version arrived while there is unsaved work, Ctrl+S, back online). */
  saveNow() {
    clearTimeout(this.autosaveTimer);
    this.autosaveTimer = null;
    if (this.saving) {
      this.saveAgain = true;
      return;
    }
    this.runAutosave();
  }

  async forgetDraft() {
    this.stored = null;
    if (this.owner !== null) await clearDraft(this.owner, this.documentId);
  }

  dispose() {
    this.disposed = true;
    clearTimeout(this.autosaveTimer);
    this.connectionWatch.disconnect();
    this.statusWatch.disconnect();
    window.removeEventListener('online', this.onOnline);
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
    this.scheduleAutosave();
    const now = Date.now();
    if (typed && now - this.lastTyping > typingEvery) {
      this.lastTyping = now;
      this.dotNet.invokeMethodAsync('Typing').catch(() => {});
    }
  }

  /**
   * Tells the server when "unsaved changes" starts or stops being true, and how many conflicts are open; works offline
   * (the call just fails, and is made again at the next change).
   */
  report() {
    if (this.owner !== null) markUnsaved(this.owner, this.documentId, this.isDirty());
    const conflicts = this.conflicts().length;
    if (conflicts !== this.reportedConflicts) {
      this.reportedConflicts = conflicts;
      this.dotNet.invokeMethodAsync('ConflictsChanged', conflicts).catch(() => { this.reportedConflicts = -1; });
    }
    const dirty = this.hasUnsavedText();
    this.showOfflineStatus();
    if (dirty === this.reportedDirty) return;
    this.reportedDirty = dirty;
    this.dotNet.invokeMethodAsync('DirtyChanged', dirty).catch(() => { this.reportedDirty = !dirty; });
  }

  /**
   * While the server cannot be reached, the server cannot update the status line either: with unsaved text, this
   * browser says so itself ("offline — kept in this browser") in the line's text node (Blazor's own node, so its next
   * render after the connection is back simply writes over it), and puts the server's words back when it is back.
   */
  showOfflineStatus() {
    const down = document.body.classList.contains('ce-offline') || this.unreachable;
    if (!down && this.statusBefore === null) return; // the usual case: nothing to show or put back
    const line = document.querySelector('[data-testid=status] .ce-status-text');
    const node = line && [...line.childNodes].find((n) => n.nodeType === Node.TEXT_NODE);
    if (!node) return;
    const offline = `v${this.baseVersion} · offline — kept in this browser`;
    if (down && this.hasUnsavedText()) {
      if (node.nodeValue !== offline) {
        this.statusBefore ??= node.nodeValue;
        node.nodeValue = offline;
      }
    } else if (this.statusBefore !== null) {
      if (node.nodeValue === offline) node.nodeValue = this.statusBefore;
      this.statusBefore = null;
    }
  }

  /** After a change: a save once typing pauses, or at most `autosaveAtMost` after the first unsaved change. */
  scheduleAutosave() {
    if (!this.autosave || this.disposed) return;
    const now = Date.now();
    if (this.firstUnsavedAt === 0) this.firstUnsavedAt = now;
    // While a retry waits with back-off, typing does not hurry it (the server or the network is not there).
    if (this.retryDelay > 0 && this.autosaveTimer !== null) return;
    clearTimeout(this.autosaveTimer);
    const delay = Math.max(0, Math.min(autosaveQuiet, this.firstUnsavedAt + autosaveAtMost - now));
    this.autosaveTimer = setTimeout(() => {
      this.autosaveTimer = null;
      this.saveNow();
    }, delay);
  }

  /**
   * One autosave through .NET (CodeEditor.AutoSave → DocumentEditor). It answers "done" (saved, nothing to save, or
   * refused for a reason that waits for the person, shown there), or "retry" (not saved now: busy, stale, failed).
   * A call that throws (the circuit is down) is a "retry" too. The text stays in the editor and the draft store all along.
   */
  async runAutosave() {
    if (this.disposed) return;
    this.saving = true;
    this.saveAgain = false;
    this.firstUnsavedAt = 0;
    let answer = 'retry';
    try {
      // Whether there is unsaved text goes with the call: a report made while the circuit was down never arrived.
      // The server cannot be reached (reconnect.js marks the page): no call into a dead connection; the connection's
      // return saves at once (connectionChanged).
      if (document.body.classList.contains('ce-offline')) throw new Error('offline');
      const dirty = this.hasUnsavedText();
      this.reportedDirty = dirty;
      // A call made as the connection drops may never be answered: the drop (or a long silence) gives it up.
      const abandoned = new Promise((_, reject) => {
        this.abandonSave = () => reject(new Error('connection lost'));
        setTimeout(() => reject(new Error('no answer')), saveAnswerWithin);
      });
      answer = await Promise.race([this.dotNet.invokeMethodAsync('AutoSave', dirty), abandoned]);
      this.unreachable = false;
    } catch {
      answer = 'retry';
      this.unreachable = true;
    } finally {
      this.saving = false;
      this.abandonSave = null;
    }
    this.showOfflineStatus();
    if (this.disposed) return;
    if (this.saveAgain && answer === 'retry' && !document.body.classList.contains('ce-offline')) {
      // Given up because the connection came back (connectionChanged asked again meanwhile): now, not after a back-off.
      this.saveNow();
      return;
    }
    if (answer === 'retry' && this.autosave && this.hasUnsavedText()) {
      // Unreachable: back-off (the connection's return saves at once anyway). Reached but not saved (busy with an
      // operation, possibly one stuck since before a disconnect and freed only by its call timeout): soon again, so
      // that autosave resumes within a second or two of being possible instead of at the end of a long back-off.
      this.retryDelay = this.unreachable
        ? Math.min(retryAtMost, this.retryDelay === 0 ? retryFirst : this.retryDelay * 2)
        : Math.min(2 * retryFirst, this.retryDelay === 0 ? retryFirst : this.retryDelay * 2);
      clearTimeout(this.autosaveTimer);
      this.autosaveTimer = setTimeout(() => {
        this.autosaveTimer = null;
        this.saveNow();
      }, this.retryDelay);
      return;
    }
    this.retryDelay = 0;
    // Asked again while this one ran (a newer version arrived, Ctrl+S): one more now. What was typed meanwhile has
    // its own timer already (scheduleAutosave).
    if (this.saveAgain) this.saveNow();
  }

  /**
   * The connection went down or came back (reconnect.js marks the page). Down: a save in flight will not be answered,
   * so it is given up (tried again later). Back: what the server was not told meanwhile is told again, and what
   * waits is saved now, not at the end of the back-off.
   */
  connectionChanged() {
    const down = document.body.classList.contains('ce-offline');
    if (down && !this.wasDown) this.abandonSave?.();
    if (!down && this.wasDown && !this.disposed) {
      // A call sent while the connection was down may wait for ever: given up, and made again now.
      this.abandonSave?.();
      this.reportedDirty = null;
      this.reportedConflicts = -1;
      this.report();
      this.retryDelay = 0;
      if (this.autosave && this.hasUnsavedText()) this.saveNow();
    }
    this.wasDown = down;
    this.showOfflineStatus();
  }

  /** Puts conflicts kept in a draft (or handed over by .NET) back on the text, where they still fit. */
  restoreConflicts(conflicts) {
    const length = this.view.state.doc.length;
    const fitting = conflicts
      .filter((c) => Number.isInteger(c.from) && Number.isInteger(c.to) && c.from >= 0 && c.from <= c.to && c.to <= length)
      .map((c) => ({ id: ++conflictIds, from: c.from, to: c.to, base: c.base ?? '', mine: c.mine ?? '', theirs: c.theirs ?? '', author: c.author ?? '' }));
    if (fitting.length === 0) return;
    this.view.dispatch({ effects: conflictsAdded.of(fitting) });
    this.report();
    this.storeDraft();
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
    return { baseVersion: this.baseVersion, title: this.titleInput.value, text: this.text(), savedAt: Date.now(), conflicts: keptConflicts(this.conflicts()) };
  }

  /** Synchronous, for the moment the page goes away: an IndexedDB write started now may not finish. */
  keepLocally() {
    if (this.isDirty() && this.owner !== null) keepLocally(this.owner, this.documentId, this.draft());
  }
}
