// The one typed door to jsdom for the unit suites: jsdom ships no types and @types/jsdom is not installed.
// @ts-expect-error -- no declaration file for 'jsdom' (TS7016); the two members used here are typed below.
import { JSDOM as UntypedJSDOM } from 'jsdom';

interface JsdomWindow {
  document: Document;
  eval(code: string): unknown;
}

const JSDOM = UntypedJSDOM as new (html: string, options?: { url?: string; runScripts?: 'outside-only' }) => { window: JsdomWindow };

/** Parse `html` as a document served at `url` (scripts are not run). */
export function htmlDocument(html: string, url = 'about:blank'): Document {
  return new JSDOM(html, { url }).window.document;
}

/** A jsdom window that can evaluate code in its own realm (its own URL, DOM and globals). */
export function jsdomWindow(url: string): JsdomWindow {
  return new JSDOM('', { url, runScripts: 'outside-only' }).window;
}
