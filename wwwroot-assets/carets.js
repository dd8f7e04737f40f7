// Where the others are: their carets and selections in this editor, each in its person's colour with the name
// beside it, and the report of this editor's own caret to the server. The server sends the others' carets a few
// times a second (showCarets); between two of those, what is typed here (or arrives from the server) moves them
// as it moves the text, so a caret stays by the word it was at. Used by editor.js.
import { Decoration, EditorView, StateEffect, StateField, ViewPlugin, WidgetType } from './vendor/codemirror.js';

const setCarets = StateEffect.define();

// Colours come from the server's palette; anything else (a script's mistake) is drawn grey rather than put in a style.
const colourPattern = /^#[0-9a-f]{6}$/i;
const safeColour = (colour) => (colourPattern.test(colour ?? '') ? colour : '#9e9e9e');

/** Black or white, whichever reads better on the colour (WCAG relative luminance). */
function inkOn(colour) {
  const channel = (i) => {
    const c = parseInt(colour.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) ? '#000000' : '#ffffff';
}

class CaretWidget extends WidgetType {
  constructor(name, colour, below) {
    super();
    this.name = name;
    this.colour = colour;
    this.below = below;
  }

  eq(other) {
    return other.name === this.name && other.colour === this.colour && other.below === this.below;
  }

  toDOM() {
    const caret = document.createElement('span');
    caret.className = 'ce-remote-caret';
    caret.setAttribute('data-testid', 'remote-caret');
    caret.setAttribute('data-name', this.name);
    caret.setAttribute('aria-hidden', 'true');
    caret.style.setProperty('--ce-caret-colour', this.colour);
    // A word joiner gives the caret the line's height without taking any room.
    caret.append(document.createTextNode('\u2060'));
    const label = document.createElement('span');
    // On the first line there is no room above it: the name goes below the caret there.
    label.className = this.below ? 'ce-remote-caret-label ce-remote-caret-label-below' : 'ce-remote-caret-label';
    label.style.color = inkOn(this.colour);
    label.textContent = this.name;
    caret.append(label);
    return caret;
  }

  ignoreEvent() {
    return true;
  }
}

function decorationsOf(carets, doc) {
  const ranges = [];
  for (const caret of carets) {
    const from = Math.min(caret.anchor, caret.head);
    const to = Math.max(caret.anchor, caret.head);
    if (from < to) {
      ranges.push(Decoration.mark({
        class: 'ce-remote-selection',
        attributes: { style: `background-color: ${caret.colour}40` },
      }).range(from, to));
    }
    const below = doc.lineAt(caret.head).number === 1;
    ranges.push(Decoration.widget({ widget: new CaretWidget(caret.name, caret.colour, below), side: 1 }).range(caret.head));
  }
  return Decoration.set(ranges, true);
}

/** The carets as the server sends them ({id, name, colour, version, anchor, head}), clamped to this text. */
function fromServer(list, doc) {
  const clamp = (position) => Math.max(0, Math.min(Number.isFinite(position) ? position : 0, doc.length));
  return (Array.isArray(list) ? list : []).map((caret) => ({
    id: String(caret.id ?? ''),
    name: String(caret.name ?? ''),
    colour: safeColour(caret.colour),
    anchor: clamp(caret.anchor),
    head: clamp(caret.head),
  }));
}

const remoteCaretsField = StateField.define({
  create: () => ({ carets: [], decorations: Decoration.none }),
  update(value, transaction) {
    let { carets } = value;
    let changed = false;
    if (transaction.docChanged && carets.length > 0) {
      // Through the text's changes, as CodeMirror maps its own selection: text typed at a caret goes before it.
      carets = carets.map((caret) => ({
        ...caret,
        anchor: transaction.changes.mapPos(caret.anchor, 1),
        head: transaction.changes.mapPos(caret.head, 1),
      }));
      changed = true;
    }
    for (const effect of transaction.effects) {
      if (effect.is(setCarets)) {
        carets = fromServer(effect.value, transaction.newDoc);
        changed = true;
      }
    }
    return changed ? { carets, decorations: decorationsOf(carets, transaction.newDoc) } : value;
  },
  provide: (field) => EditorView.decorations.from(field, (value) => value.decorations),
});

const caretTheme = EditorView.baseTheme({
  '.ce-remote-caret': {
    position: 'relative',
    borderLeft: '2px solid var(--ce-caret-colour)',
    marginLeft: '-1px',
    marginRight: '-1px',
    pointerEvents: 'none',
  },
  '.ce-remote-caret-label': {
    position: 'absolute',
    left: '-2px',
    bottom: '100%',
    padding: '0 4px',
    borderRadius: '3px 3px 3px 0',
    backgroundColor: 'var(--ce-caret-colour)',
    fontFamily: 'system-ui, sans-serif',
    fontSize: '11px',
    fontWeight: '600',
    lineHeight: '15px',
    whiteSpace: 'nowrap',
    userSelect: 'none',
    zIndex: '10',
  },
  '.ce-remote-caret-label-below': {
    bottom: 'auto',
    top: '100%',
    borderRadius: '0 3px 3px 3px',
  },
});

/** The extension that shows the others' carets (set them with showCarets). */
export function remoteCarets() {
  return [remoteCaretsField, caretTheme];
}

/** Replaces the carets shown with `list` (an array, or its JSON) of {id, name, colour, version, anchor, head}. */
export function showCarets(view, list) {
  let carets = list;
  if (typeof carets === 'string') {
    try {
      carets = JSON.parse(carets);
    } catch {
      carets = [];
    }
  }
  view.dispatch({ effects: setCarets.of(carets) });
}

/** The carets shown now, as positions in this text (for tests). */
export function caretsShown(view) {
  return view.state.field(remoteCaretsField).carets.map(({ name, anchor, head }) => ({ name, anchor, head }));
}

/**
 * Reports this editor's caret and selection to `report(anchor, head)`: only when it moved, at most once per
 * `every` ms (the latest position wins), and not while the page is hidden (once shown again, where it is then).
 */
export function reportCaret(report, every = 250) {
  return ViewPlugin.define((view) => {
    // Where it starts is not a move: an editor whose caret never moved shows nowhere.
    let last = { anchor: view.state.selection.main.anchor, head: view.state.selection.main.head };
    let sentAt = -Infinity;
    let timer = null;
    const send = () => {
      timer = null;
      if (document.visibilityState === 'hidden') return;
      const { anchor, head } = view.state.selection.main;
      if (last.anchor === anchor && last.head === head) return;
      last = { anchor, head };
      sentAt = Date.now();
      report(anchor, head);
    };
    const schedule = () => {
      if (timer !== null) return;
      timer = setTimeout(send, Math.max(0, sentAt + every - Date.now()));
    };
    const onVisibility = () => {
      if (document.visibilityState === 'visible') schedule();
    };
    document.addEventListener('visibilitychange', onVisibility);
    return {
      update(update) {
        if (update.selectionSet || update.docChanged) schedule();
      },
      destroy() {
        if (timer !== null) clearTimeout(timer);
        document.removeEventListener('visibilitychange', onVisibility);
      },
    };
  });
}
