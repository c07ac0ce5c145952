// Pages that are the same for every visitor but their form token: rendered once per key with a placeholder, encoded
// to UTF-8 once, split around the placeholder, and joined with each visitor's token into one buffer (bounded by
// configuration: tenants × languages × access-request states).
import type { Response } from 'express';
import { sendHtml } from './send.ts';

/** Stands in for the per-visitor form token in cached pages; never produced by a real token (base64url, no `~`). */
const TOKEN_SLOT = '~gp-csrf-token~';
/** What a form token is made of (base64url): written into the page as is, no escaping needed or possible. */
const TOKEN = /^[A-Za-z0-9_-]*$/;

export interface TokenPageCache {
  /** Sends the page cached under `key` (rendering it with `render` the first time) with `token` spliced in. */
  send(res: Response, status: number, key: string, token: string, render: (token: string) => string): void;
}

export function createTokenPageCache(): TokenPageCache {
  /** Per key: the page's UTF-8 bytes around each token slot, and their total length. */
  const pages = new Map<string, { parts: Buffer[]; bytes: number }>();
  return {
    send(res, status, key, token, render) {
      // The page is a UTF-8 buffer written as is: a token outside base64url would go out unescaped, so none is spliced.
      if (!TOKEN.test(token)) throw new Error('page cache: a form token must be base64url');
      let page = pages.get(key);
      if (!page) {
        // Encoded once here: a page written as a string would be re-encoded (and, holding non-Latin-1 text such as
        // the language switch's 日本語, copied as a two-byte string) on every request.
        const parts = render(TOKEN_SLOT).split(TOKEN_SLOT).map((part) => Buffer.from(part, 'utf8'));
        page = { parts, bytes: parts.reduce((n, part) => n + part.length, 0) };
        pages.set(key, page);
      }
      const { parts } = page;
      const body = Buffer.allocUnsafe(page.bytes + (parts.length - 1) * token.length);
      let at = parts[0]!.copy(body, 0);
      for (let i = 1; i < parts.length; i++) {
        at += body.write(token, at, 'latin1');
        at += parts[i]!.copy(body, at);
      }
      sendHtml(res, status, body);
    },
  };
}
