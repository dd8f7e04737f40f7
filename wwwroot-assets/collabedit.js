// CollabEdit's browser side: the display name (a cookie), unsaved drafts (localStorage) and keyboard shortcuts.
// Loaded by the Blazor components as an ES module through JS interop.

const nameCookie = 'collabedit-name';
const draftKey = (documentId) => `collabedit-draft:${documentId}`;

export function getDisplayName() {
  const match = document.cookie.match(new RegExp(`(?:^|; )${nameCookie}=([^;]*)`));
  return match ? decodeURIComponent(match[1]) : null;
}

export function setDisplayName(name) {
  document.cookie = `${nameCookie}=${encodeURIComponent(name)}; max-age=31536000; path=/; samesite=lax`;
}

// A draft is kept with the version it was based on, so that it can be merged if the document moved on.
export function saveDraft(documentId, baseVersion, title, text) {
  try {
    localStorage.setItem(draftKey(documentId), JSON.stringify({ baseVersion, title, text, savedAt: Date.now() }));
    return true;
  } catch {
    return false; // storage full or disabled: the page says the draft is not kept
  }
}

export function loadDraft(documentId) {
  const stored = localStorage.getItem(draftKey(documentId));
  if (!stored) return null;
  try {
    return JSON.parse(stored);
  } catch {
    return null;
  }
}

export function clearDraft(documentId) {
  localStorage.removeItem(draftKey(documentId));
}

// Ctrl+S / Cmd+S saves; in the merge dialog Alt+N / Alt+P move between conflicts and Escape cancels. Returns a handle whose
// dispose() removes the listener, called when the component goes away.
// The editor's caret (selection), kept across an in-place update to a newer version.
export function getCaret(id) {
  const element = document.getElementById(id);
  return element ? [element.selectionStart, element.selectionEnd] : null;
}

export function setCaret(id, start, end) {
  const element = document.getElementById(id);
  if (element) element.setSelectionRange(Math.min(start, element.value.length), Math.min(end, element.value.length));
}

export function registerShortcuts(dotNet) {
  const onKeyDown = (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault();
      dotNet.invokeMethodAsync('OnSaveShortcut');
    } else if (event.key === 'Escape' && document.querySelector('[data-testid=merge-dialog]')) {
      event.preventDefault();
      dotNet.invokeMethodAsync('OnEscape');
    } else if (event.altKey && (event.key.toLowerCase() === 'n' || event.key.toLowerCase() === 'p')) {
      event.preventDefault();
      dotNet.invokeMethodAsync('OnConflictShortcut', event.key.toLowerCase() === 'n' ? 1 : -1);
    }
  };
  window.addEventListener('keydown', onKeyDown);
  return { dispose: () => window.removeEventListener('keydown', onKeyDown) };
}
