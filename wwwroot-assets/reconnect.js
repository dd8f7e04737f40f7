// The connection banner. Blazor marks #components-reconnect-modal with a class per state of the circuit
// (components-reconnect-show, -retrying, -failed, -rejected, -hide); the banner is a strip that never covers the
// page, because the editor keeps working while the server is unreachable (what is typed is kept in the browser).
// When the server is back but has forgotten this page (it restarted), the page reloads and the kept draft is
// offered back.
const banner = document.getElementById('components-reconnect-modal');

function reload() {
  window.collabeditReloading = true; // the editor stored the draft on every change: no "leave page?" question
  location.reload();
}

if (banner) {
  new MutationObserver(() => {
    if (banner.classList.contains('components-reconnect-rejected')) reload();
  }).observe(banner, { attributes: true, attributeFilter: ['class'] });

  banner.querySelector('[data-action=retry]')?.addEventListener('click', async () => {
    try {
      if (!(await Blazor.reconnect())) reload();
    } catch {
      // Still unreachable: Blazor keeps the failed state and the button stays.
    }
  });
}
