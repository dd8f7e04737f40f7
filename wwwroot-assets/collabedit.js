// CollabEdit's browser side outside the editor: the display name (a cookie) and keyboard shortcuts (the editor is editor.js).
// Loaded by the Blazor components as an ES module through JS interop.

const nameCookie = 'collabedit-name';

export function getDisplayName() {
  const match = document.cookie.match(new RegExp(`(?:^|; )${nameCookie}=([^;]*)`));
  return match ? decodeURIComponent(match[1]) : null;
}

export function setDisplayName(name) {
  document.cookie = `${nameCookie}=${encodeURIComponent(name)}; max-age=31536000; path=/; samesite=lax`;
}

// Ctrl+S / Cmd+S saves; in the merge dialog Alt+N / Alt+P move between conflicts and Escape cancels. Returns a handle whose
// dispose() removes the listener, called when the component goes away.
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
