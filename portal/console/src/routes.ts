// The console's views, each at its own path under /admin/ (the server answers every one with the app: see
// routes/admin-console.ts). Plain paths, not #fragments: the sign-in answer arrives in the fragment.
import { consoleBase } from './paths.ts';
export const VIEWS = [
  { path: 'guests', title: 'Guests' },
  { path: 'invite', title: 'Invite guests' },
  { path: 'requests', title: 'Self-service requests' },
  { path: 'access-requests', title: 'Access requests' },
  { path: 'dead-letters', title: 'Dead letters' },
  { path: 'audit', title: 'Audit trail' },
  { path: 'links', title: 'Share links' },
  { path: 'health', title: 'Tenant health' },
  { path: 'b2b-health', title: 'B2B health' },
] as const;

export type ViewPath = (typeof VIEWS)[number]['path'];

/** The views an Approver (without Guestpass.Admin) may open: access requests only. */
export const APPROVER_VIEWS: readonly ViewPath[] = ['access-requests'];

export function currentView(allowed?: readonly ViewPath[]): ViewPath {
  const segment = location.pathname.slice(consoleBase().length).replace(/\/$/, '');
  const found = VIEWS.find((v) => v.path === segment)?.path as ViewPath | undefined;
  if (allowed) return found && allowed.includes(found) ? found : allowed[0]!;
  return found ?? 'guests';
}

export function navigate(path: ViewPath): void {
  history.pushState(null, '', `${consoleBase()}${path}`);
  dispatchEvent(new PopStateEvent('popstate'));
}
