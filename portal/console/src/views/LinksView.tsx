// Share links: every catalogue link the tenant offers (shared/links.ts, the same rules the guest pages use), each with
// a copy button and its QR code, the printable card, and a ready-to-send email text for a guest.
import { useState } from 'preact/hooks';
import { findLink, urlOnHosts, type LinkKind } from '../../../../shared/links.ts';
import { parseTenant } from '../../../../shared/tenant.ts';
import type { Session } from '../auth.ts';
import { portalBase } from '../paths.ts';

const DEFAULT_KINDS: LinkKind[] = ['myapps', 'myaccount', 'teams', 'azure-portal', 'entra'];

interface ShareLink {
  kind: string;
  name: string;
  description: string;
  url: string;
}

function tenantLinks(session: Session): ShareLink[] {
  const t = session.tenant;
  const parsed = parseTenant(t.tenantId || t.domain || t.key);
  if (!parsed.ok) return [];
  const kinds = (t.links?.length ? t.links : DEFAULT_KINDS).filter((k) => k !== 'authorize');
  const out: ShareLink[] = [];
  for (const kind of kinds) {
    const def = findLink(kind);
    if (!def) continue;
    const built = def.build(parsed.tenant, { ...(t.appId ? { appId: t.appId } : {}), ...(t.sharepointUrl ? { sharepointUrl: t.sharepointUrl } : {}) });
    if (built.ok && urlOnHosts(built.url, def.hosts)) out.push({ kind: def.kind, name: def.name, description: def.description, url: built.url });
  }
  return out;
}

function emailText(session: Session, landing: string, links: ShareLink[]): string {
  const name = session.tenant.displayName;
  const myApps = links.find((l) => l.kind === 'myapps')?.url ?? landing;
  return [
    `Hello,`,
    ``,
    `You have been invited to work with ${name} as a guest. To sign in, open this link (bookmark it):`,
    `  ${myApps}`,
    ``,
    `Sign in with the address the invitation was sent to. If Microsoft says it "couldn't find an account", use the link above rather than a general Microsoft sign-in page: it opens ${name}'s own sign-in.`,
    `Lost the invitation email? Ask for a new one here: ${landing}`,
    ``,
    `Best regards`,
  ].join('\n');
}

export function LinksView({ session }: { session: Session }) {
  const links = tenantLinks(session);
  const tenantPath = `${portalBase()}t/${encodeURIComponent(session.tenant.key)}`;
  const landing = `${location.origin}${tenantPath}`;
  const [copied, setCopied] = useState('');
  const text = emailText(session, landing, links);

  async function copy(what: string, value: string) {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(`${what} copied.`);
    } catch {
      setCopied(`Could not copy ${what}: select it and copy by hand.`);
    }
  }

  return (
    <section aria-labelledby="links-title">
      <h1 id="links-title">Share links</h1>
      <p role="status">{copied}</p>
      <p>
        Landing page for guests: <a href={landing}>{landing}</a>{' '}
        <button type="button" onClick={() => void copy('Landing page link', landing)}>
          Copy
        </button>{' '}
        · <a href={`${tenantPath}/card`}>Printable card</a>
      </p>
      <ul class="links">
        {links.map((l) => (
          <li key={l.kind}>
            <h2>{l.name}</h2>
            <p>{l.description}</p>
            <p>
              <code class="url">{l.url}</code>{' '}
              <button type="button" onClick={() => void copy(`${l.name} link`, l.url)} aria-label={`Copy the ${l.name} link`}>
                Copy
              </button>
            </p>
            <img src={`${tenantPath}/qr/${l.kind}.svg`} alt={`QR code of the ${l.name} link`} width={128} height={128} loading="lazy" />
          </li>
        ))}
      </ul>
      <h2>Email text for a guest</h2>
      <label for="email-text">Ready to send (edit as you like)</label>
      <textarea id="email-text" readOnly rows={12} value={text} />
      <p>
        <button type="button" onClick={() => void copy('Email text', text)}>
          Copy email text
        </button>
      </p>
    </section>
  );
}
