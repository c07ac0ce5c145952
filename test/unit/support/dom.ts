// The one door to jsdom for the unit suites.
import { JSDOM, type DOMWindow } from 'jsdom';

type JsdomWindow = DOMWindow;

/** Parse `html` as a document served at `url` (scripts are not run). */
export function htmlDocument(html: string, url = 'about:blank'): Document {
  return new JSDOM(html, { url }).window.document;
}

/** A jsdom window that can evaluate code in its own realm (its own URL, DOM and globals). */
export function jsdomWindow(url: string): JsdomWindow {
  return new JSDOM('', { url, runScripts: 'outside-only' }).window;
}
