// Where the console and the portal live, read from the page's own address: the portal may sit under a path prefix
// (GUESTPASS_PUBLIC_URL=https://example.com/guests/ → the console at /guests/admin/).

/** e.g. `/guests/admin/` (always ends with a slash): the console's root and its redirect URI's path. */
export function consoleBase(): string {
  const path = location.pathname;
  const at = path.lastIndexOf('/admin/');
  if (at >= 0) return path.slice(0, at + '/admin/'.length);
  return path.endsWith('/admin') ? `${path}/` : '/admin/';
}

/** e.g. `/guests/` : the portal's root (guest pages, QR codes, the admin API under admin/api/). */
export function portalBase(): string {
  return consoleBase().slice(0, -'admin/'.length);
}
