// CollabEdit's browser side outside the editor: the display name (a cookie), light or dark, the time zone, and
// keyboard shortcuts (the editor is editor.js).
// Loaded by the Blazor components as an ES module through JS interop.
import * as drafts from './drafts.js';

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

/**
 * Signs in with a cookie: only an HTTP response can set it, so the browser posts the form to the accounts API
 * itself, then loads the page it came for (a new circuit, which knows who is signed in).
 * Returns null on success (the page is leaving), else the HTTP status.
 */
export async function signIn(email, password, returnUrl) {
    const response = await fetch("/api/auth/login?useCookies=true", {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ email, password }),
    });
    if (response.ok) {
        location.assign(returnUrl);
        return null;
    }
    return response.status;
}

/** How many documents the signed-in person has unsaved drafts of in this browser (what signing out removes). */
export function countDrafts(owner) {
    return drafts.countDrafts(owner);
}

/** Someone is signed in: drafts other accounts left here without signing out are removed (drafts.js). */
export function forgetOtherAccountsDrafts(owner) {
    return drafts.forgetOtherAccountsDrafts(owner);
}

/**
 * Ends the cookie sign-in and goes to the sign-in page. First the person's drafts leave this browser (and no open
 * editor, in this tab or another, keeps them again): the next person to sign in here must find no trace of them.
 */
export async function signOut(owner) {
    try {
        if (owner) await drafts.forgetDraftsOf(owner);
    } finally {
        // The sign-out itself happens whatever the purge met: a person who asked to sign out is signed out.
        await fetch("/api/auth/logout", { method: "POST", credentials: "same-origin" });
    }
    location.assign("/account/signin");
}

/**
 * Changes the signed-in account's display name through the accounts API, which also renews the sign-in cookie
 * so that the name shows at once; then reloads. Returns null on success, else the reason in plain words.
 */
export async function saveAccountName(displayName) {
    const response = await fetch("/api/auth/me", {
        method: "PUT",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ displayName }),
    });
    if (response.ok) {
        location.reload();
        return null;
    }
    try {
        const problem = await response.json();
        return Object.values(problem.errors ?? {}).flat().join(" ") || problem.detail || `The name was not saved (HTTP ${response.status}).`;
    } catch {
        return `The name was not saved (HTTP ${response.status}).`;
    }
}
