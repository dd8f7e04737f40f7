// The connection banner. Blazor reports the circuit's state on #components-reconnect-modal; this banner never
// covers the page, because the editor keeps working while the server is unreachable (what is typed is kept in the
// browser). When the server is back but has forgotten this page (it restarted), the page reloads and the kept
// draft is offered back.
const banner = document.getElementById('components-reconnect-modal');
if (banner) {
  banner.addEventListener('components-reconnect-state-changed', (event) => {
    const state = event.detail.state;
    banner.dataset.state = state;
    if (state === 'rejected') {
      // The editor stored the draft on every change; nothing to ask the user before reloading.
      window.collabeditReloading = true;
      location.reload();
    }
  });
  banner.querySelector('[data-action=retry]')?.addEventListener('click', async () => {
    try {
      if (!(await Blazor.reconnect())) {
        window.collabeditReloading = true;
        location.reload();
      }
    } catch {
      banner.dataset.state = 'failed';
    }
  });
}
