// CollabEdit's browser side outside the editor: the display name (a cookie), light or dark, the time zone, and
// keyboard shortcuts (the editor is editor.js).
// Loaded by the Blazor components as an ES module through JS interop.

const nameCookie = 'collabedit-name';

export function getDisplayName() {
  const match = document.cookie.match(new RegExp(`(?:^|; )${nameCookie}=([^;]*)`));
  return match ? decodeURIComponent(match[1]) : null;
}

const themeKey = 'collabedit-theme';

/** Everything BrowserPreferences reads, in one call. */
export function getPreferences() {
  let theme = null;
  try {
    theme = localStorage.getItem(themeKey);
  } catch { /* storage disabled */ }
  theme ??= window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  return { displayName: getDisplayName(), theme, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone ?? null };
}

export function setTheme(theme) {
  try {
    localStorage.setItem(themeKey, theme);
  } catch { /* storage disabled: the choice lasts for this page */ }
}

export function setDisplayName(name) {
  document.cookie = `${nameCookie}=${encodeURIComponent(name)}; max-age=31536000; path=/; samesite=lax`;
}

// Ctrl+S / Cmd+S saves (the merge dialog has its own keys). Returns a handle whose dispose() removes the
// listener, called when the component goes away.
export function registerShortcuts(dotNet) {
  const onKeyDown = (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault();
      dotNet.invokeMethodAsync('OnSaveShortcut');
    }
  };
  window.addEventListener('keydown', onKeyDown);
  return { dispose: () => window.removeEventListener('keydown', onKeyDown) };
}
