// Convert a guest to an internal member (guide step 9) and re-invite a guest to a new address. The guest is found
// with a Graph read from the browser (the admin's delegated token, like the Guests view); both actions go through the
// admin API on behalf of the admin. The conversion's generated password is shown here once and nowhere else.
import type { Client } from '@microsoft/microsoft-graph-client';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { adminApi } from '../api.ts';
import type { Session } from '../auth.ts';
import { errorText } from '../format.ts';
import { graphClient, guestPage, type GraphGuest, type GuestPage } from '../graph.ts';

type Dialog = { kind: 'convert' | 'reinvite'; guest: GraphGuest };

export function GuestLifecycle({ session }: { session: Session }) {
  const client = useMemo(() => graphClient(session), [session]);
  const [typed, setTyped] = useState('');
  const [found, setFound] = useState<GuestPage>();
  const [error, setError] = useState<string>();
  const [searching, setSearching] = useState(false);
  const [dialog, setDialog] = useState<Dialog>();

  async function search(e: Event) {
    e.preventDefault();
    setSearching(true);
    setError(undefined);
    try {
      setFound(await guestPage(client, { filter: 'all', search: typed.trim(), withSignIn: false }));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setSearching(false);
    }
  }

  return (
    <section aria-labelledby="lifecycle-title" class="lifecycle">
      <h2 id="lifecycle-title">Convert or re-invite a guest</h2>
      <p class="muted">
        Convert an accepted guest who joins the organisation into an internal member (they keep their groups and access), or
        re-invite a guest who lost their mailbox to a new address.
      </p>
      <form class="toolbar" role="search" aria-label="Find a guest" onSubmit={(e) => void search(e)}>
        <label>
          Guest's name or address <input type="search" value={typed} onInput={(e) => setTyped((e.currentTarget as HTMLInputElement).value)} />
        </label>
        <button type="submit" disabled={searching}>
          Find
        </button>
      </form>
      {searching && <p role="status">Searching…</p>}
      {error && (
        <p role="alert" class="error">
          Microsoft Graph did not answer the search: {error}
        </p>
      )}
      {found && !searching && (
        <table class="found">
          <caption>{found.guests.length === 1 ? '1 guest found' : `${found.guests.length} guests found`}</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Address</th>
              <th scope="col">State</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {found.guests.map((g) => (
              <tr key={g.id} data-guest={g.mail ?? g.userPrincipalName}>
                <td>{g.displayName ?? '—'}</td>
                <td>{g.mail ?? g.userPrincipalName ?? '—'}</td>
                <td>{g.externalUserState === 'PendingAcceptance' ? 'Pending' : g.externalUserState === 'Accepted' ? 'Accepted' : (g.externalUserState ?? '—')}</td>
                <td>
                  <button type="button" onClick={() => setDialog({ kind: 'convert', guest: g })} aria-label={`Convert ${g.displayName ?? g.mail} to a member`}>
                    Convert to member…
                  </button>{' '}
                  <button type="button" onClick={() => setDialog({ kind: 'reinvite', guest: g })} aria-label={`Re-invite ${g.displayName ?? g.mail} to a new address`}>
                    Re-invite…
                  </button>
                </td>
              </tr>
            ))}
            {found.guests.length === 0 && (
              <tr>
                <td colSpan={4}>No guest matches.</td>
              </tr>
            )}
          </tbody>
        </table>
      )}
      {dialog?.kind === 'convert' && <ConvertDialog session={session} client={client} guest={dialog.guest} onClose={() => setDialog(undefined)} />}
      {dialog?.kind === 'reinvite' && <ReinviteDialog session={session} guest={dialog.guest} onClose={() => setDialog(undefined)} />}
    </section>
  );
}

/** A native modal <dialog>: focus moves in, Escape closes it, the page behind is inert. */
function Modal({ title, onClose, children }: { title: string; onClose(): void; children: preact.ComponentChildren }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return (
    <dialog ref={ref} aria-labelledby="dialog-title" onClose={onClose} class="modal">
      <h2 id="dialog-title">{title}</h2>
      {children}
    </dialog>
  );
}

async function groupsOf(client: Client, id: string): Promise<string[]> {
  const body = (await client.api(`/users/${encodeURIComponent(id)}/memberOf`).get()) as { value?: { displayName?: string | null }[] };
  return (body.value ?? []).map((g) => g.displayName ?? '(unnamed group)').sort();
}

interface Converted {
  userPrincipalName: string;
  mail: string | null;
  generatedPassword?: string;
}

function ConvertDialog({ session, client, guest, onClose }: { session: Session; client: Client; guest: GraphGuest; onClose(): void }) {
  const name = guest.displayName ?? guest.mail ?? guest.id;
  const [domains, setDomains] = useState<string[]>();
  const [groupsBefore, setGroupsBefore] = useState<string[]>();
  const [groupsAfter, setGroupsAfter] = useState<string[]>();
  const [localPart, setLocalPart] = useState(((guest.mail ?? '').split('@')[0] ?? '').replace(/[^A-Za-z0-9._'-]/g, ''));
  const [domain, setDomain] = useState('');
  const [mode, setMode] = useState<'generate' | 'type'>('generate');
  const [password, setPassword] = useState('');
  const [force, setForce] = useState(true);
  const [mail, setMail] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const [done, setDone] = useState<Converted>();

  useEffect(() => {
    adminApi(session)
      .get<{ domains: string[] }>('lifecycle/domains')
      .then(
        (d) => {
          setDomains(d.domains);
          setDomain(d.domains[0] ?? '');
        },
        (err: unknown) => setFailure(`The verified domains could not be read: ${errorText(err)}`),
      );
    groupsOf(client, guest.id).then(setGroupsBefore, () => setGroupsBefore(undefined));
  }, []);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setFailure(undefined);
    try {
      const answer = await adminApi(session).post<Converted>('lifecycle/convert', {
        userId: guest.id,
        upnLocalPart: localPart,
        domain,
        ...(mode === 'generate' ? { generatePassword: true } : { password }),
        forceChangePasswordNextSignIn: force,
        ...(mail.trim() ? { mail: mail.trim() } : {}),
      });
      setDone(answer);
      groupsOf(client, guest.id).then(setGroupsAfter, () => setGroupsAfter(undefined));
    } catch (err) {
      setFailure(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal title={`Convert ${name} to an internal member`} onClose={onClose}>
      <p>
        Groups now: <span data-groups="before">{groupsBefore ? groupsBefore.join(', ') || 'none' : '…'}</span>
      </p>
      {done ? (
        <div class="converted" role="status">
          <p>
            <strong>{name} is now a member</strong> of {session.tenant.displayName}, signing in as <code>{done.userPrincipalName}</code>
            {done.mail ? ` (mail ${done.mail})` : ''}.
          </p>
          {done.generatedPassword && (
            <p>
              Their password, shown only this once — give it to them in person or by another channel:{' '}
              <output class="secret" aria-label="Generated password">
                {done.generatedPassword}
              </output>
            </p>
          )}
          <p>
            Groups after conversion: <span data-groups="after">{groupsAfter ? groupsAfter.join(', ') || 'none' : '…'}</span>
          </p>
          <button type="button" class="primary" onClick={onClose}>
            Close
          </button>
        </div>
      ) : (
        <form onSubmit={(e) => void submit(e)} class="stack">
          <fieldset>
            <legend>New user name</legend>
            <label>
              User name <input type="text" required value={localPart} onInput={(e) => setLocalPart((e.currentTarget as HTMLInputElement).value)} />
            </label>{' '}
            <label>
              @ domain{' '}
              <select value={domain} required onChange={(e) => setDomain((e.currentTarget as HTMLSelectElement).value)}>
                {(domains ?? []).map((d) => (
                  <option key={d} value={d}>
                    {d}
                  </option>
                ))}
              </select>
            </label>
          </fieldset>
          <fieldset>
            <legend>Password</legend>
            <label>
              <input type="radio" name="password-mode" checked={mode === 'generate'} onChange={() => setMode('generate')} /> Generate one (shown once)
            </label>
            <label>
              <input type="radio" name="password-mode" checked={mode === 'type'} onChange={() => setMode('type')} /> Type one
            </label>
            {mode === 'type' && (
              <label>
                Password <input type="password" autocomplete="new-password" required minLength={8} value={password} onInput={(e) => setPassword((e.currentTarget as HTMLInputElement).value)} />
              </label>
            )}
            <label>
              <input type="checkbox" checked={force} onChange={(e) => setForce((e.currentTarget as HTMLInputElement).checked)} /> Require a new password at next sign-in
            </label>
          </fieldset>
          <label>
            New mail (optional) <input type="email" value={mail} onInput={(e) => setMail((e.currentTarget as HTMLInputElement).value)} />
          </label>
          {failure && (
            <p role="alert" class="error">
              Not converted: {failure}
            </p>
          )}
          <p>
            <button type="submit" class="primary" disabled={busy || !domains}>
              Convert
            </button>{' '}
            <button type="button" onClick={onClose}>
              Cancel
            </button>
          </p>
        </form>
      )}
    </Modal>
  );
}

function ReinviteDialog({ session, guest, onClose }: { session: Session; guest: GraphGuest; onClose(): void }) {
  const name = guest.displayName ?? guest.mail ?? guest.id;
  const [address, setAddress] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const [sentTo, setSentTo] = useState<string>();

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setFailure(undefined);
    try {
      const answer = await adminApi(session).post<{ newAddress: string }>('lifecycle/reinvite', { userId: guest.id, newAddress: address });
      setSentTo(answer.newAddress);
    } catch (err) {
      setFailure(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal title={`Re-invite ${name} to a new address`} onClose={onClose}>
      {sentTo ? (
        <div role="status">
          <p>
            Microsoft sent a new invitation to <strong>{sentTo}</strong>. {name} redeems it with the new account and keeps their
            groups and access; the old address stays on the account as another address.
          </p>
          <button type="button" class="primary" onClick={onClose}>
            Close
          </button>
        </div>
      ) : (
        <form onSubmit={(e) => void submit(e)} class="stack">
          <p class="muted">
            Now: {guest.mail ?? '—'}. The new address is first added to the guest's account (Microsoft Entra requires it), then the
            invitation is reset and sent there.
          </p>
          <label>
            New address <input type="email" required value={address} onInput={(e) => setAddress((e.currentTarget as HTMLInputElement).value)} />
          </label>
          {failure && (
            <p role="alert" class="error">
              Not re-invited: {failure}
            </p>
          )}
          <p>
            <button type="submit" class="primary" disabled={busy}>
              Send the new invitation
            </button>{' '}
            <button type="button" onClick={onClose}>
              Cancel
            </button>
          </p>
        </form>
      )}
    </Modal>
  );
}
