// The connection banner. Blazor marks #components-reconnect-modal with a class per state of the circuit
// (components-reconnect-show, -retrying, -failed, -rejected, -hide); the banner is a strip that never covers the
// page, because the editor keeps working while the server is unreachable (what is typed is kept in the browser).
// When the server is back but has forgotten this page (it restarted), the page reloads and the kept draft is
// offered back.
//
// Going offline does not close a WebSocket: Blazor would notice only when its server timeout ran out, and clicks
// made meanwhile went nowhere. So the browser's own 'offline' event drops the circuit's connection at once (Blazor
// then shows the banner and retries), clicks that need the server are refused in plain words while it is down
// (Save is kept and done once it is back), and 'online' reconnects at once instead of waiting for the next retry.
const banner = document.getElementById('components-reconnect-modal');
const refusedLine = banner?.querySelector('.ce-connection-refused');
const downStates = ['components-reconnect-show', 'components-reconnect-retrying', 'components-reconnect-failed'];
let saveWhenBack = false;

function reload() {
  window.collabeditReloading = true; // the editor stored the draft on every change: no "leave page?" question
  location.reload();
}

const connected = () => window.collabeditCircuit?.state === 'Connected';

/** Whether the server cannot be reached now: the browser is offline, or Blazor is reconnecting. */
function isDown() {
  // navigator.onLine alone is not enough: it says false on some VPNs and loopback set-ups while the circuit works.
  return !connected() && (navigator.onLine === false || (banner !== null && downStates.some((state) => banner.classList.contains(state))));
}

function say(text) {
  if (refusedLine) refusedLine.textContent = text;
}

/**
 * A click or shortcut that needs the server, while it cannot be reached: refused with the reason. Save is kept
 * (the text is in this browser's draft already) and done once the connection is back.
 */
function refuse(what) {
  if (what === 'save') {
    saveWhenBack = true;
    say('Not saved — kept in this browser. It will be saved as soon as the connection is back.');
  } else {
    say('That needs the server, which cannot be reached now: try again once the connection is back. Your text is kept in this browser.');
  }
}

async function reconnectNow() {
  try {
    if (!(await Blazor.reconnect())) reload();
  } catch {
    // Still unreachable: Blazor keeps retrying, and the banner stays.
  }
}

function back() {
  say('');
  if (saveWhenBack) {
    saveWhenBack = false;
    document.querySelector('[data-testid=save]')?.click();
  }
}

if (banner) {
  document.body.classList.toggle('ce-offline', navigator.onLine === false);
  new MutationObserver(() => {
    if (banner.classList.contains('components-reconnect-rejected')) reload();
    // A reconnection made from here (Retry now, back online) ends Blazor's own retry loop, which then marks the
    // banner "failed" although the circuit is connected: the banner follows the connection, not that mark.
    if (banner.classList.contains('components-reconnect-failed') && connected()) {
      banner.classList.remove(...downStates);
      banner.classList.add('components-reconnect-hide');
      return;
    }

    const down = isDown();
    document.body.classList.toggle('ce-offline', down);
    if (!down) back();
  }).observe(banner, { attributes: true, attributeFilter: ['class'] });

  banner.querySelector('[data-action=retry]')?.addEventListener('click', reconnectNow);

  window.addEventListener('offline', () => {
    document.body.classList.add('ce-offline');
    // Closing the connection hands it to Blazor's reconnection (banner, retries); the circuit stays on the server.
    window.collabeditCircuit?.stop().catch(() => {});
  });

  window.addEventListener('online', () => {
    if (isDown()) {
      reconnectNow();
    } else {
      document.body.classList.remove('ce-offline');
      back();
    }
  });

  // Clicks that need the server, caught before Blazor (which listens on the document) would send them into a dead
  // connection. Typing in the editor and the title keeps working, and so does the banner's own button.
  window.addEventListener('click', (event) => {
    if (!isDown()) return;
    const button = event.target.closest?.('button, a[href]');
    if (!button || banner.contains(button) || button.closest('[data-offline-ok]')) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    refuse(button.matches('[data-testid=save]') ? 'save' : 'other');
  }, true);

  // Ctrl+S while offline: the same as the Save button (collabedit.js sends it to the server otherwise).
  window.addEventListener('keydown', (event) => {
    if (isDown() && (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault();
      event.stopImmediatePropagation();
      refuse('save');
    }
  }, true);
}
