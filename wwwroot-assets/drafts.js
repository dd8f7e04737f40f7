// Unsaved drafts kept in this browser, each belonging to one person: an account ("account:<user id>") or, in open
// mode, the name given ("name:<name>"). A draft is found only under its owner and document, so it is never offered
// to another person on the same browser, and a person's drafts are removed when they sign out.
// IndexedDB holds every change (no practical size limit); localStorage holds a synchronous copy made as the page
// goes away. Shared by editor.js (the editor) and collabedit.js (sign-out), as one module instance per page.

const localPrefix = 'collabedit-draft:';
// The owner is URI-encoded, so '/' never occurs in it: '<prefix><owner>/<document id>'.
const localKey = (owner, documentId) => `${localPrefix}${encodeURIComponent(owner)}/${documentId}`;
const localOwnerPrefix = (owner) => `${localPrefix}${encodeURIComponent(owner)}/`;

// Owners who signed out from this page or another tab: nothing more is written for them, whatever editor is still
// open (its page-hide copy included), so a sign-out is not undone a moment later.
const closedOwners = new Set();
const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('collabedit-drafts') : null;
if (channel) channel.onmessage = (event) => { if (typeof event.data?.signedOut === 'string') closedOwners.add(event.data.signedOut); };

let database;

function openDatabase() {
  database ??= new Promise((resolve, reject) => {
    // Version 2 keys drafts by [owner, document]. Version 1's drafts were keyed by document alone: nobody can tell
    // whose they are, so they are dropped rather than offered to whoever opens the document next.
    const request = indexedDB.open('collabedit', 2);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (db.objectStoreNames.contains('drafts')) db.deleteObjectStore('drafts');
      db.createObjectStore('drafts');
    };
    request.onsuccess = () => {
      const db = request.result;
      // A newer page (after a deploy) asks to upgrade the store: let it, and open again on the next use, rather than
      // block its upgrade (and with it every draft write of that page) for as long as this tab lives.
      db.onversionchange = () => { db.close(); database = undefined; };
      resolve(db);
    };
    request.onerror = () => { database = undefined; reject(request.error); };
    // An older tab still holds the store open and does not let go: fail now (the localStorage copy still works)
    // instead of waiting forever; the next use tries again.
    request.onblocked = () => { database = undefined; reject(new Error('the drafts store is held by another tab')); };
  });
  return database;
}

async function inDrafts(mode, action) {
  const db = await openDatabase();
  return new Promise((resolve, reject) => {
    const transaction = db.transaction('drafts', mode);
    const request = action(transaction.objectStore('drafts'));
    // An action may make several requests and return none (a purge of many keys).
    transaction.oncomplete = () => resolve(request?.result);
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error);
  });
}

// All of one owner's keys: arrays sort after strings, so [owner, []] is above every [owner, '<document id>'].
const ownerRange = (owner) => IDBKeyRange.bound([owner], [owner, []]);

function readLocal(owner, documentId) {
  try {
    const stored = localStorage.getItem(localKey(owner, documentId));
    return stored ? JSON.parse(stored) : null;
  } catch {
    return null;
  }
}

/** Whether drafts may be kept for this owner (not signed out, and known). */
export function keeps(owner) {
  return typeof owner === 'string' && !closedOwners.has(owner);
}

/** The newest draft of this owner for this document, from IndexedDB or the localStorage copy; null if none. */
export async function readDraft(owner, documentId) {
  if (!keeps(owner)) return null;
  let draft = null;
  try {
    draft = await inDrafts('readonly', (store) => store.get([owner, documentId]));
  } catch {
    draft = null; // IndexedDB unavailable (private mode in some browsers): the localStorage copy may still be there
  }
  const local = readLocal(owner, documentId);
  if (local && (!draft || local.savedAt > draft.savedAt)) draft = local;
  return draft && typeof draft.text === 'string' ? draft : null;
}

/** Writes after a change (asynchronous). The check is made as the transaction starts, so a sign-out purge that began earlier is never undone. */
export async function writeDraft(owner, documentId, draft) {
  const db = await openDatabase();
  if (!keeps(owner)) return;
  await new Promise((resolve, reject) => {
    const transaction = db.transaction('drafts', 'readwrite');
    transaction.objectStore('drafts').put(draft, [owner, documentId]);
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error);
  });
}

/** Synchronous, for the moment the page goes away: an IndexedDB write started now may not finish. */
export function keepLocally(owner, documentId, draft) {
  if (!keeps(owner)) return;
  try {
    localStorage.setItem(localKey(owner, documentId), JSON.stringify(draft));
  } catch {
    // Over localStorage's quota (a few MB): the IndexedDB copy, written after every change, is what remains.
  }
}

export async function clearDraft(owner, documentId) {
  try {
    localStorage.removeItem(localKey(owner, documentId));
  } catch { /* storage disabled */ }
  try {
    await inDrafts('readwrite', (store) => store.delete([owner, documentId]));
  } catch { /* IndexedDB unavailable */ }
}

// Documents with unsaved changes in editors open on this page, per owner: counted even where storage failed.
const open = new Map();

/** An editor on this page reports whether its document has unsaved changes of this owner. */
export function markUnsaved(owner, documentId, unsaved) {
  if (!open.has(owner)) open.set(owner, new Set());
  if (unsaved) open.get(owner).add(documentId); else open.get(owner).delete(documentId);
}

/** How many documents this owner has a draft of in this browser (stored, or unsaved in an editor on this page). */
export async function countDrafts(owner) {
  const documents = new Set(open.get(owner) ?? []);
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key?.startsWith(localOwnerPrefix(owner))) documents.add(key.slice(localOwnerPrefix(owner).length));
    }
  } catch { /* storage disabled */ }
  try {
    const keys = await inDrafts('readonly', (store) => store.getAllKeys(ownerRange(owner)));
    for (const [, documentId] of keys) documents.add(documentId);
  } catch { /* IndexedDB unavailable */ }
  return documents.size;
}

/**
 * The owner signs out: from now on nothing is kept for them in this page or in other tabs, and every draft of
 * theirs is removed from localStorage and IndexedDB (with the drafts of the first version, which had no owner).
 */
export async function forgetDraftsOf(owner) {
  closedOwners.add(owner);
  channel?.postMessage({ signedOut: owner });
  try {
    const doomed = [];
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key?.startsWith(localOwnerPrefix(owner)) || (key?.startsWith(localPrefix) && !key.includes('/'))) doomed.push(key);
    }
    for (const key of doomed) localStorage.removeItem(key);
  } catch { /* storage disabled */ }
  try {
    await inDrafts('readwrite', (store) => store.delete(ownerRange(owner)));
  } catch { /* IndexedDB unavailable */ }
}

/**
 * Someone is signed in here: drafts of any other account are left over from a sign-in that ended without signing
 * out (expired, or ended from elsewhere). Only one account is signed in on a browser at a time, so they are
 * nobody's to offer any more: remove them, so that the person now at this browser cannot read them.
 */
export async function forgetOtherAccountsDrafts(owner) {
  const accounts = `${localPrefix}${encodeURIComponent('account:')}`;
  try {
    const doomed = [];
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if ((key?.startsWith(accounts) && !key.startsWith(localOwnerPrefix(owner))) || (key?.startsWith(localPrefix) && !key.includes('/'))) doomed.push(key);
    }
    for (const key of doomed) localStorage.removeItem(key);
  } catch { /* storage disabled */ }
  try {
    const keys = await inDrafts('readonly', (store) => store.getAllKeys());
    const others = keys.filter(([keyOwner]) => keyOwner.startsWith('account:') && keyOwner !== owner);
    if (others.length > 0) await inDrafts('readwrite', (store) => { others.forEach((key) => store.delete(key)); });
  } catch { /* IndexedDB unavailable */ }
}
