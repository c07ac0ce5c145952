// Pages that are the same for every visitor but their form token: rendered once per key with a placeholder, split
// around it, and joined with each visitor's token (bounded by configuration: tenants × languages).
import type { Response } from 'express';
import { sendHtml } from './send.ts';

/** A cached page: the parts around the form token and their size in bytes (the token is ASCII). */
interface SplicedPage {
  parts: string[];
  bytes: number;
}

/** Stands in for the per-visitor form token in cached pages; never produced by a real token (base64url, no `~`). */
const TOKEN_SLOT = '~gp-csrf-token~';

export interface TokenPageCache {
  /** Sends the page cached under `key` (rendering it with `render` the first time) with `token` spliced in. */
  send(res: Response, status: number, key: string, token: string, render: (token: string) => string): void;
}

export function createTokenPageCache(): TokenPageCache {
  const pages = new Map<string, SplicedPage>();
  return {
    send(res, status, key, token, render) {
      let page = pages.get(key);
      if (!page) {
        const parts = render(TOKEN_SLOT).split(TOKEN_SLOT);
        page = { parts, bytes: parts.reduce((n, part) => n + Buffer.byteLength(part), 0) };
        pages.set(key, page);
      }
      sendHtml(res, status, page.parts.join(token), page.bytes + (page.parts.length - 1) * Buffer.byteLength(token));
    },
  };
}
