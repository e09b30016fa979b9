/**
 * Says in the static first screen's own status line that the app could not be fetched, and what
 * to do: without this the page would say "Opening the dashboard…" for ever. Text only, no markup.
 */
export function showOpenFailure(shell: HTMLElement): void {
  const status = shell.querySelector('[data-testid="app-status"]');
  shell.querySelector('[data-testid="skeleton"]')?.remove();
  if (!status) return;
  status.setAttribute('data-state', 'error');
  status.textContent = 'The dashboard could not be opened.';
  const alert = shell.ownerDocument.createElement('p');
  alert.className = 'boot-alert';
  alert.setAttribute('role', 'alert');
  alert.textContent =
    'Part of the dashboard did not download from the web server. Check the connection and reload the page; if it happens again, ask whoever looks after this site to check that every file of the app was copied to it.';
  status.after(alert);
}
