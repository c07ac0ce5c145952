import {
  DEMO_PEOPLE,
  DEMO_PORTAL_APP,
  DEMO_TENANT,
  DEMO_WEB_APP,
  PARTNER_TENANT
} from "./chunks/chunk-NE5AUWOP.mjs";
import {
  ConfigError,
  DEFAULT_LINKS,
  findLink,
  findTenant,
  linkTenant,
  loadConfig,
  parseAddress,
  parseTenant,
  urlOnHosts
} from "./chunks/chunk-23E5JKQG.mjs";

// portal/main.ts
import { spawn } from "node:child_process";
import { existsSync, readFileSync as readFileSync2, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

// portal/demo.ts
function withDemoTenants(config, emulatorOrigin) {
  const tenants = [DEMO_TENANT, PARTNER_TENANT].map((t) => ({
    key: t.domain,
    tenantId: t.id,
    domain: t.domain,
    displayName: t.displayName,
    links: [...DEFAULT_LINKS, "app"],
    appId: DEMO_WEB_APP.clientId,
    contact: `the demo administrator (${DEMO_PEOPLE.guestInviterMember})`,
    credentials: { clientId: DEMO_PORTAL_APP.clientId, clientSecret: DEMO_PORTAL_APP.clientSecret }
  }));
  return { ...config, mode: "demo", tenants, graph: { loginBaseUrl: emulatorOrigin, graphBaseUrl: emulatorOrigin } };
}
var DEMO_ADDRESSES_TO_TRY = [
  { address: DEMO_PEOPLE.pendingOutlookGuest, what: "pending guest: the invitation is sent again (see /demo/outbox)" },
  { address: DEMO_PEOPLE.acceptedGmailGuest, what: "accepted Gmail guest: same answer, no email; advice shows the Gmail steps" },
  { address: DEMO_PEOPLE.longPendingGuest, what: "pending for 45 days: sent again" },
  { address: "nobody@example.com", what: "not a guest: the same answer, and nothing is sent" },
  { address: "jane+test@gmail.com", what: "rejected: Microsoft Entra does not support + in addresses" }
];

// portal/logger.ts
import pino from "pino";
var REDACT_PATHS = [
  "req.headers.authorization",
  "req.headers.cookie",
  "headers.authorization",
  "headers.cookie",
  'res.headers["set-cookie"]',
  "secret",
  "*.secret",
  "clientSecret",
  "*.clientSecret",
  "*.*.clientSecret",
  "credentials",
  "*.credentials",
  "password",
  "*.password",
  "token",
  "*.token",
  "csrf",
  "*.csrf",
  "body",
  "*.body",
  "email.body"
];
function createLogger(level, destination) {
  return pino(
    {
      level,
      base: { service: "guestpass-portal" },
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
      timestamp: pino.stdTimeFunctions.isoTime
    },
    destination
  );
}

// portal/server.ts
import { createServer } from "node:http";

// portal/app.ts
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import express from "express";
import helmet from "helmet";
import { h } from "preact";

// portal/csrf.ts
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
var CSRF_COOKIE = "gp_csrf";
var CSRF_FIELD = "csrf";
var NONCE = /^[A-Za-z0-9_-]{22,64}$/;
function createCsrf(options) {
  const sign = (nonce) => createHmac("sha256", options.secret).update(`guestpass-csrf:${nonce}`).digest("base64url");
  return {
    issue(cookieHeader) {
      const existing = readCookie(cookieHeader, CSRF_COOKIE);
      if (existing && NONCE.test(existing)) return { token: sign(existing) };
      const nonce = randomBytes(24).toString("base64url");
      const attributes = ["Path=/", "HttpOnly", "SameSite=Strict", "Max-Age=86400"];
      if (options.secureCookie) attributes.push("Secure");
      return { token: sign(nonce), setCookie: `${CSRF_COOKIE}=${nonce}; ${attributes.join("; ")}` };
    },
    verify(cookieHeader, token) {
      const nonce = readCookie(cookieHeader, CSRF_COOKIE);
      if (!nonce || !NONCE.test(nonce)) return { ok: false, reason: "no-cookie" };
      if (typeof token !== "string" || token.length === 0 || token.length > 128) return { ok: false, reason: "no-token" };
      const expected = Buffer.from(sign(nonce));
      const given = Buffer.from(token);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "mismatch" };
      return { ok: true };
    }
  };
}
function readCookie(header, name) {
  if (!header) return void 0;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return void 0;
}

// portal/i18n/de.ts
var de = {
  lang: "de",
  languageName: "Deutsch",
  skipToContent: "Zum Inhalt springen",
  siteName: "guestpass",
  siteTagline: "Anmeldehilfe f\xFCr G\xE4ste von Microsoft-Entra-Organisationen",
  demoBanner: "Demo-Modus: Dieses Portal spricht mit einer lokalen Nachbildung von Microsoft Entra, nicht mit Microsoft. Es werden keine echten E-Mails verschickt.",
  demoOutboxLink: "Die von der Nachbildung \u201Egesendeten\u201C E-Mails ansehen",
  footer: "guestpass hilft G\xE4sten, sich bei den Organisationen anzumelden, die sie eingeladen haben. Es legt nie Konten an.",
  homeTitle: "Anmeldeportal f\xFCr G\xE4ste",
  homeIntro: "W\xE4hlen Sie die Organisation, die Sie eingeladen hat.",
  homeEmpty: "Noch ist keine Organisation eingerichtet.",
  tenantTitle: ({ tenant }) => `Als Gast bei ${tenant} anmelden`,
  tenantIntro: ({ tenant }) => `${tenant} hat Sie als Gast eingeladen. Die Links unten f\xFChren direkt zur Anmeldung von ${tenant} \u2013 das funktioniert mit Gmail-, Outlook.com- und Arbeitskonten gleicherma\xDFen.`,
  bookmarkHint: "Setzen Sie ein Lesezeichen auf diese Seite oder auf den Link, den Sie am h\xE4ufigsten brauchen:",
  signInHeading: "Anmelden",
  qrFor: ({ name }) => `QR-Code f\xFCr ${name}`,
  showQr: "QR-Code",
  accountHeading: "Welche Art von Konto haben Sie?",
  accountIntro: "Geben Sie die Adresse ein, an die Ihre Einladung ging. Wir zeigen Ihnen den passenden Link und die Schritte dazu. Es wird nichts gespeichert.",
  emailLabel: "Ihre E-Mail-Adresse",
  showSteps: "Meine Schritte zeigen",
  orPick: "Oder w\xE4hlen Sie Ihre Kontoart:",
  pickGoogle: "Gmail- oder Google-Konto",
  pickMicrosoftAccount: "Outlook.com, Hotmail oder Live (privates Microsoft-Konto)",
  pickOther: "Gesch\xE4fts-, Schul- oder andere Adresse",
  adviceHeadingGoogle: "Ihre Adresse ist eine Google-Adresse",
  adviceHeadingMicrosoftAccount: "Ihre Adresse ist ein privates Microsoft-Konto",
  adviceHeadingOther: "Ihre Adresse ist eine Gesch\xE4fts-, Schul- oder andere Adresse",
  adviceWhyGoogle: ({ tenant }) => `Eine Gmail-Adresse ist kein Microsoft-Konto. Die allgemeine My-Apps-Seite (myapps.microsoft.com) wei\xDF nicht, welche Organisation Sie eingeladen hat, und meldet deshalb \u201EWir konnten kein Konto mit diesem Benutzernamen finden\u201C. Der Link unten \xF6ffnet die Anmeldung von ${tenant}, die Ihre Einladung kennt.`,
  adviceWhyMicrosoftAccount: ({ tenant }) => `Die allgemeine My-Apps-Seite meldet Sie bei Ihrem privaten Microsoft-Konto an, in dem die Apps von ${tenant} nicht erscheinen \u2013 oder sie meldet \u201EWir konnten kein Konto finden\u201C, weil sie an der falschen Stelle sucht. Der Link unten \xF6ffnet die Anmeldung von ${tenant}.`,
  adviceWhyOther: ({ tenant }) => `Die allgemeine My-Apps-Seite sucht Ihre Adresse in Ihrer eigenen Organisation (oder nirgends) und meldet deshalb wom\xF6glich \u201EWir konnten kein Konto mit diesem Benutzernamen finden\u201C. Der Link unten \xF6ffnet die Anmeldung von ${tenant}, die Ihre Einladung kennt.`,
  stepsGoogle: [
    "\xD6ffnen Sie den Link unten und setzen Sie ein Lesezeichen.",
    "Geben Sie Ihre Gmail-Adresse ein und w\xE4hlen Sie \u201EWeiter\u201C.",
    "Melden Sie sich mit Google an oder geben Sie den Einmalcode ein, den Microsoft Ihnen mailt."
  ],
  stepsMicrosoftAccount: [
    "\xD6ffnen Sie den Link unten und setzen Sie ein Lesezeichen.",
    "Geben Sie Ihre Outlook.com- oder Hotmail-Adresse ein und w\xE4hlen Sie \u201EWeiter\u201C.",
    "Melden Sie sich mit dem Kennwort Ihres Microsoft-Kontos an; beim ersten Mal best\xE4tigen Sie die angefragten Berechtigungen."
  ],
  stepsOther: [
    "\xD6ffnen Sie den Link unten und setzen Sie ein Lesezeichen.",
    "Geben Sie Ihre Adresse ein und w\xE4hlen Sie \u201EWeiter\u201C.",
    "Melden Sie sich mit dem Kennwort Ihrer Organisation an \u2013 oder, falls diese Microsoft nicht nutzt, mit dem Einmalcode aus Ihrer E-Mail."
  ],
  openMyApps: ({ tenant }) => `My Apps von ${tenant} \xF6ffnen`,
  privateWindowTip: "Schon mit einem anderen Microsoft-Konto angemeldet? Nutzen Sie ein privates Fenster, damit das richtige Konto verwendet wird.",
  lostHeading: "Einladung verloren?",
  lostIntro: "Geben Sie die Adresse ein, an die die Einladung ging. Wartet noch eine Einladung auf Sie, wird sie erneut gesendet.",
  sendAgain: "Einladung erneut senden",
  resendUnavailable: ({ tenant, contact }) => `Dieses Portal kann f\xFCr ${tenant} keine Einladungen erneut senden. Bitte wenden Sie sich an ${contact ?? "die Person, die Sie eingeladen hat"}.`,
  extensionHeading: "Lassen Sie Ihren Browser das erledigen",
  extensionText: ({ tenant }) => `Die guestpass-Erweiterung f\xFCr Chrome und Edge erkennt \u201EWir konnten kein Konto finden\u201C auf der Microsoft-Anmeldeseite und setzt die Anmeldung bei ${tenant} f\xFCr Sie fort.`,
  cardLink: "Druckbare Karte mit QR-Code (f\xFCr Administratoren)",
  resendAcceptedTitle: "Anfrage erhalten",
  resendAccepted: ({ tenant }) => `Falls f\xFCr diese Adresse eine Einladung von ${tenant} besteht, ist sie unterwegs.`,
  alreadyAccepted: "Schon angenommen? Hier anmelden:",
  backToTenant: ({ tenant }) => `Zur\xFCck zur Gastseite von ${tenant}`,
  invalidAddressTitle: "Bitte pr\xFCfen Sie die Adresse",
  emailRequired: "Geben Sie die E-Mail-Adresse ein, an die Ihre Einladung ging.",
  rateLimitedTitle: "Zu viele Anfragen",
  rateLimited: ({ minutes }) => `Zu viele Anfragen von hier. Bitte versuchen Sie es in ${minutes} Minute${minutes === 1 ? "" : "n"} erneut.`,
  formExpiredTitle: "Dieses Formular ist abgelaufen",
  formExpired: "Bitte gehen Sie zur\xFCck, laden Sie die Seite neu und senden Sie das Formular erneut.",
  resendUnavailableTitle: "Erneutes Senden ist nicht verf\xFCgbar",
  notFoundTitle: "Seite nicht gefunden",
  notFoundText: "Unter dieser Adresse gibt es nichts. Pr\xFCfen Sie den Link, den Sie erhalten haben.",
  tenantNotFoundTitle: "Organisation nicht gefunden",
  tenantNotFound: ({ tenant }) => `Dieses Portal betreut keine Organisation namens \u201E${tenant}\u201C. Pr\xFCfen Sie den Link, den Sie erhalten haben, oder w\xE4hlen Sie unten eine aus.`,
  tenantMalformed: ({ tenant, reason }) => `\u201E${tenant}\u201C ist kein Organisationsname und keine ID (${reason}). Ein Link sieht so aus: /t/contoso.onmicrosoft.com.`,
  linkNotFoundTitle: "Link nicht verf\xFCgbar",
  linkNotFound: ({ kind, tenant }) => `F\xFCr ${tenant} gibt es keinen Link \u201E${kind}\u201C. W\xE4hlen Sie einen der Links auf der Gastseite.`,
  badHintTitle: "Bitte pr\xFCfen Sie die Adresse in diesem Link",
  badRequestTitle: "Die Anfrage konnte nicht gelesen werden",
  unsupportedMediaType: "Senden Sie das Formular oder JSON mit Content-Type: application/json.",
  payloadTooLarge: "Die Anfrage ist zu gro\xDF.",
  malformedJson: "Das JSON im Anfragetext ist fehlerhaft.",
  forbiddenOriginTitle: "Anfrage von einer anderen Website",
  forbiddenOrigin: "Diese Anfrage kam nicht vom Portal selbst und wurde deshalb abgelehnt.",
  serverErrorTitle: "Etwas ist schiefgegangen",
  serverError: "Bei uns ist etwas schiefgegangen. Bitte versuchen Sie es gleich noch einmal.",
  cardTitle: ({ tenant }) => `Als Gast bei ${tenant} anmelden`,
  cardIntro: "Bewahren Sie diese Karte auf. Nutzen Sie diese Adresse (oder scannen Sie den Code), wann immer Sie sich anmelden wollen:",
  cardFirstStep: "\xD6ffnen Sie die Adresse oben (oder scannen Sie den Code) und setzen Sie ein Lesezeichen.",
  cardGmailHeading: "Mit einer Gmail-Adresse",
  cardPrintHint: "Drucken Sie diese Seite oder speichern Sie sie als PDF und schicken Sie sie Ihren G\xE4sten.",
  outboxTitle: "Demo-Postausgang",
  outboxIntro: "Die Einladungs-E-Mails, die die Microsoft-Nachbildung in dieser Demo verschickt hat. Neueste zuerst.",
  outboxEmpty: "Noch wurde keine E-Mail verschickt. Fordern Sie auf einer Organisationsseite eine Einladung an.",
  outboxTo: "An",
  outboxTenant: "Organisation",
  outboxSent: "Gesendet",
  outboxLink: "Einladungslink",
  linkDescriptions: {
    myapps: "Alle Apps, die Ihnen freigegeben wurden, an einem Ort.",
    myaccount: "Ihr Gastprofil, Sicherheitsinformationen und Organisationen.",
    "azure-portal": "Das Azure-Portal in dieser Organisation.",
    entra: "Das Microsoft Entra Admin Center in dieser Organisation.",
    teams: "Microsoft Teams mit dieser Organisation ausgew\xE4hlt.",
    app: "Die App, die diese Organisation mit Ihnen teilt.",
    sharepoint: "Die SharePoint-Website dieser Organisation.",
    authorize: "Bei einer Anwendung anmelden."
  }
};

// portal/i18n/en.ts
var en = {
  lang: "en",
  languageName: "English",
  skipToContent: "Skip to main content",
  siteName: "guestpass",
  siteTagline: "Sign-in help for guests of Microsoft Entra organisations",
  demoBanner: "Demo mode: this portal talks to a local stand-in for Microsoft Entra, not to Microsoft. No real email is sent.",
  demoOutboxLink: "See the emails the stand-in has \u201Csent\u201D",
  footer: "guestpass helps guests sign in to the organisations that invited them. It never creates accounts.",
  homeTitle: "Guest sign-in portal",
  homeIntro: "Choose the organisation that invited you.",
  homeEmpty: "No organisation is configured yet.",
  tenantTitle: ({ tenant }) => `Sign in as a guest of ${tenant}`,
  tenantIntro: ({ tenant }) => `${tenant} invited you as a guest. The links below take you straight to ${tenant}'s own sign-in, which works for Gmail, Outlook.com and work accounts alike.`,
  bookmarkHint: "Bookmark this page, or the link you use most:",
  signInHeading: "Sign in",
  qrFor: ({ name }) => `QR code for ${name}`,
  showQr: "QR code",
  accountHeading: "What kind of account do you have?",
  accountIntro: "Enter the address you were invited with and we show the link and the steps that work for it. Nothing is stored.",
  emailLabel: "Your email address",
  showSteps: "Show my steps",
  orPick: "Or pick your kind of account:",
  pickGoogle: "Gmail or Google account",
  pickMicrosoftAccount: "Outlook.com, Hotmail or Live (personal Microsoft account)",
  pickOther: "Work or school account, or another address",
  adviceHeadingGoogle: "Your address is a Google address",
  adviceHeadingMicrosoftAccount: "Your address is a personal Microsoft account",
  adviceHeadingOther: "Your address is a work, school or other address",
  adviceWhyGoogle: ({ tenant }) => `A Gmail address is not a Microsoft account. The common My Apps page (myapps.microsoft.com) cannot tell which organisation invited you, so it says \u201CWe couldn't find an account with that username\u201D. The link below opens ${tenant}'s own sign-in, which knows your invitation.`,
  adviceWhyMicrosoftAccount: ({ tenant }) => `The common My Apps page signs you in to your personal Microsoft account, where ${tenant}'s apps are not listed \u2014 or it says \u201CWe couldn't find an account\u201D when it looks in the wrong place. The link below opens ${tenant}'s own sign-in.`,
  adviceWhyOther: ({ tenant }) => `The common My Apps page looks for your address in your own organisation (or nowhere), so it can say \u201CWe couldn't find an account with that username\u201D. The link below opens ${tenant}'s own sign-in, which knows your invitation.`,
  stepsGoogle: [
    "Open the link below and bookmark it.",
    "Enter your Gmail address and select Next.",
    "Sign in with Google, or enter the one-time code Microsoft emails you."
  ],
  stepsMicrosoftAccount: [
    "Open the link below and bookmark it.",
    "Enter your Outlook.com or Hotmail address and select Next.",
    "Sign in with your Microsoft account password; the first time, accept the permissions asked."
  ],
  stepsOther: [
    "Open the link below and bookmark it.",
    "Enter your address and select Next.",
    "Sign in with your work or school password \u2014 or, if your organisation does not use Microsoft, enter the one-time code emailed to you."
  ],
  openMyApps: ({ tenant }) => `Open ${tenant}'s My Apps`,
  privateWindowTip: "Signed in with another Microsoft account already? Use a private window, so the right account is used.",
  lostHeading: "Lost your invitation?",
  lostIntro: "Enter the address the invitation was sent to. If an invitation is still waiting for you, it is sent again.",
  sendAgain: "Send my invitation again",
  resendUnavailable: ({ tenant, contact }) => `This portal cannot re-send invitations for ${tenant}. Please ask ${contact ?? "the person who invited you"} to send it again.`,
  extensionHeading: "Let your browser fix it for you",
  extensionText: ({ tenant }) => `The guestpass extension for Chrome and Edge recognises \u201CWe couldn't find an account\u201D on Microsoft's sign-in page and continues at ${tenant}'s sign-in for you.`,
  cardLink: "Printable card with QR code (for admins)",
  resendAcceptedTitle: "Request received",
  resendAccepted: ({ tenant }) => `If this address has an invitation from ${tenant}, it is on its way.`,
  alreadyAccepted: "Already accepted? Sign in here:",
  backToTenant: ({ tenant }) => `Back to ${tenant}'s guest page`,
  invalidAddressTitle: "Please check the address",
  emailRequired: "Enter the email address your invitation was sent to.",
  rateLimitedTitle: "Too many requests",
  rateLimited: ({ minutes }) => `Too many requests from here. Please try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
  formExpiredTitle: "This form has expired",
  formExpired: "Please go back, reload the page and send the form again.",
  resendUnavailableTitle: "Re-sending is not available",
  notFoundTitle: "Page not found",
  notFoundText: "There is nothing at this address. Check the link you were given.",
  tenantNotFoundTitle: "Organisation not found",
  tenantNotFound: ({ tenant }) => `This portal does not serve an organisation called \u201C${tenant}\u201D. Check the link you were given, or choose one below.`,
  tenantMalformed: ({ tenant, reason }) => `\u201C${tenant}\u201D is not an organisation name or ID (${reason}). A link looks like /t/contoso.onmicrosoft.com.`,
  linkNotFoundTitle: "Link not available",
  linkNotFound: ({ kind, tenant }) => `There is no \u201C${kind}\u201D link for ${tenant}. Choose one of the links on the guest page.`,
  badHintTitle: "Please check the address in this link",
  badRequestTitle: "The request could not be read",
  unsupportedMediaType: "Send the form, or JSON with Content-Type: application/json.",
  payloadTooLarge: "The request is too large.",
  malformedJson: "The JSON in the request body is malformed.",
  forbiddenOriginTitle: "Request from another site",
  forbiddenOrigin: "This request did not come from the portal itself, so it was refused.",
  serverErrorTitle: "Something went wrong",
  serverError: "Something went wrong on our side. Please try again in a moment.",
  cardTitle: ({ tenant }) => `Signing in as a guest of ${tenant}`,
  cardIntro: "Keep this card. Use this address (or scan the code) whenever you want to sign in:",
  cardFirstStep: "Open the address above (or scan the code) and bookmark it.",
  cardGmailHeading: "With a Gmail address",
  cardPrintHint: "Print this page, or save it as PDF, and send it to your guests.",
  outboxTitle: "Demo outbox",
  outboxIntro: "The invitation emails the Microsoft stand-in has sent in this demo. Newest first.",
  outboxEmpty: "No email has been sent yet. Ask for an invitation on a tenant page.",
  outboxTo: "To",
  outboxTenant: "Organisation",
  outboxSent: "Sent",
  outboxLink: "Invitation link",
  linkDescriptions: {
    myapps: "All the apps you were given, in one place.",
    myaccount: "Your guest profile, security info and organisations.",
    "azure-portal": "The Azure portal, in this organisation.",
    entra: "The Microsoft Entra admin centre, in this organisation.",
    teams: "Microsoft Teams, with this organisation selected.",
    app: "The app this organisation shared with you.",
    sharepoint: "This organisation's SharePoint site.",
    authorize: "Sign in to an application."
  }
};

// portal/i18n/index.ts
var CATALOGUES = { en, de };
var LANGS = Object.keys(CATALOGUES);
function isLang(value) {
  return Object.hasOwn(CATALOGUES, value);
}
function negotiateLang(acceptLanguage, override) {
  if (typeof override === "string" && isLang(override)) return override;
  if (!acceptLanguage) return "en";
  const ranked = acceptLanguage.slice(0, 512).split(",").map((part, index) => {
    const [tag = "", ...params] = part.trim().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const weight = q ? Number(q.slice(2)) : 1;
    return { base: tag.trim().toLowerCase().split("-")[0] ?? "", weight: Number.isFinite(weight) ? weight : 0, index };
  }).filter((r) => r.weight > 0).sort((a, b) => b.weight - a.weight || a.index - b.index);
  return ranked.find((r) => isLang(r.base))?.base ?? "en";
}
function messages(lang) {
  return CATALOGUES[lang];
}

// portal/metrics.ts
import { Counter, Histogram, Registry } from "prom-client";
function createMetrics() {
  const registry = new Registry();
  const requests = new Counter({
    name: "guestpass_http_requests_total",
    help: "HTTP requests answered, by route pattern and status code",
    labelNames: ["method", "route", "status"],
    registers: [registry]
  });
  const latency = new Histogram({
    name: "guestpass_http_request_duration_seconds",
    help: "Time to answer an HTTP request, by route pattern",
    labelNames: ["method", "route"],
    buckets: [1e-3, 25e-4, 5e-3, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry]
  });
  return {
    registry,
    middleware(req, res, next) {
      const start = process.hrtime.bigint();
      res.on("finish", () => {
        const route = routeLabel(req);
        const seconds = Number(process.hrtime.bigint() - start) / 1e9;
        requests.inc({ method: req.method, route, status: String(res.statusCode) });
        latency.observe({ method: req.method, route }, seconds);
      });
      next();
    }
  };
}
function routeLabel(req) {
  const pattern = req.route?.path;
  if (typeof pattern === "string") return `${req.baseUrl}${pattern}`;
  if (req.path.startsWith("/assets/")) return "/assets";
  return "unmatched";
}

// portal/pages/layout.tsx
import { renderToString } from "preact-render-to-string";
import { jsx, jsxs } from "preact/jsx-runtime";
function Layout(props) {
  const { view, title } = props;
  const { m } = view;
  return /* @__PURE__ */ jsxs("html", { lang: view.lang, children: [
    /* @__PURE__ */ jsxs("head", { children: [
      /* @__PURE__ */ jsx("meta", { charset: "utf-8" }),
      /* @__PURE__ */ jsx("meta", { name: "viewport", content: "width=device-width, initial-scale=1" }),
      /* @__PURE__ */ jsx("meta", { name: "referrer", content: "no-referrer" }),
      /* @__PURE__ */ jsx("title", { children: `${title} \xB7 ${m.siteName}` }),
      /* @__PURE__ */ jsx("link", { rel: "stylesheet", href: "/assets/portal.css" })
    ] }),
    /* @__PURE__ */ jsxs("body", { class: props.bodyClass, children: [
      /* @__PURE__ */ jsx("a", { class: "skip-link", href: "#main", children: m.skipToContent }),
      view.demo ? /* @__PURE__ */ jsx("aside", { class: "demo-banner", "aria-label": "Demo", children: /* @__PURE__ */ jsxs("p", { children: [
        /* @__PURE__ */ jsx("strong", { children: "DEMO" }),
        " ",
        m.demoBanner,
        " ",
        /* @__PURE__ */ jsx("a", { href: "/demo/outbox", children: m.demoOutboxLink })
      ] }) }) : null,
      /* @__PURE__ */ jsx("header", { class: "site-header", children: /* @__PURE__ */ jsxs("p", { class: "site-name", children: [
        /* @__PURE__ */ jsx("a", { href: "/", children: m.siteName }),
        " ",
        /* @__PURE__ */ jsx("span", { class: "tagline", children: m.siteTagline })
      ] }) }),
      /* @__PURE__ */ jsx("main", { id: "main", class: props.wide ? "wide" : void 0, children: props.children }),
      /* @__PURE__ */ jsx("footer", { class: "site-footer", children: /* @__PURE__ */ jsx("p", { children: m.footer }) })
    ] })
  ] });
}
function renderPage(node) {
  return `<!doctype html>${renderToString(node)}`;
}

// portal/pages/simple.tsx
import { Fragment, jsx as jsx2, jsxs as jsxs2 } from "preact/jsx-runtime";
function HomePage(props) {
  const { m } = props.view;
  return /* @__PURE__ */ jsxs2(Layout, { view: props.view, title: m.homeTitle, children: [
    /* @__PURE__ */ jsx2("h1", { children: m.homeTitle }),
    /* @__PURE__ */ jsx2(TenantList, { view: props.view, tenants: props.tenants })
  ] });
}
function TenantList(props) {
  const { m } = props.view;
  if (props.tenants.length === 0) return /* @__PURE__ */ jsx2("p", { children: m.homeEmpty });
  return /* @__PURE__ */ jsxs2(Fragment, { children: [
    /* @__PURE__ */ jsx2("p", { children: m.homeIntro }),
    /* @__PURE__ */ jsx2("ul", { class: "tenants", children: props.tenants.map((t) => /* @__PURE__ */ jsxs2("li", { children: [
      /* @__PURE__ */ jsx2("a", { href: `/t/${t.key}`, children: t.displayName }),
      " ",
      /* @__PURE__ */ jsx2("span", { class: "muted", children: t.key })
    ] }, t.key)) })
  ] });
}
function MessagePage(props) {
  return /* @__PURE__ */ jsxs2(Layout, { view: props.view, title: props.title, children: [
    /* @__PURE__ */ jsx2("h1", { children: props.title }),
    /* @__PURE__ */ jsx2("p", { class: props.kind === "error" ? "message error" : "message", role: props.kind === "error" ? "alert" : void 0, children: props.text }),
    props.children
  ] });
}
function CardPage(props) {
  const { view, tenant } = props;
  const { m } = view;
  const name = tenant.displayName;
  return /* @__PURE__ */ jsxs2(Layout, { view, title: m.cardTitle({ tenant: name }), bodyClass: "card-page", children: [
    /* @__PURE__ */ jsxs2("article", { class: "card", children: [
      /* @__PURE__ */ jsx2("h1", { children: m.cardTitle({ tenant: name }) }),
      /* @__PURE__ */ jsx2("p", { children: m.cardIntro }),
      /* @__PURE__ */ jsx2("p", { class: "bookmark", children: /* @__PURE__ */ jsx2("a", { href: props.bookmarkUrl, children: props.bookmarkUrl }) }),
      /* @__PURE__ */ jsx2("img", { class: "qr", src: props.qrPath, width: 200, height: 200, alt: m.qrFor({ name: props.bookmarkUrl }) }),
      /* @__PURE__ */ jsx2("h2", { children: m.cardGmailHeading }),
      /* @__PURE__ */ jsx2("ol", { children: [m.cardFirstStep, ...m.stepsGoogle.slice(1)].map((step) => /* @__PURE__ */ jsx2("li", { children: step }, step)) })
    ] }),
    /* @__PURE__ */ jsx2("p", { class: "no-print hint", children: m.cardPrintHint })
  ] });
}
function OutboxPage(props) {
  const { m } = props.view;
  return /* @__PURE__ */ jsxs2(Layout, { view: props.view, title: m.outboxTitle, wide: true, children: [
    /* @__PURE__ */ jsx2("h1", { children: m.outboxTitle }),
    /* @__PURE__ */ jsx2("p", { children: m.outboxIntro }),
    props.emails.length === 0 ? /* @__PURE__ */ jsx2("p", { children: m.outboxEmpty }) : /* @__PURE__ */ jsxs2("table", { class: "outbox", children: [
      /* @__PURE__ */ jsx2("thead", { children: /* @__PURE__ */ jsxs2("tr", { children: [
        /* @__PURE__ */ jsx2("th", { scope: "col", children: m.outboxSent }),
        /* @__PURE__ */ jsx2("th", { scope: "col", children: m.outboxTo }),
        /* @__PURE__ */ jsx2("th", { scope: "col", children: m.outboxTenant }),
        /* @__PURE__ */ jsx2("th", { scope: "col", children: m.outboxLink })
      ] }) }),
      /* @__PURE__ */ jsx2("tbody", { children: props.emails.map((e, i) => /* @__PURE__ */ jsxs2("tr", { children: [
        /* @__PURE__ */ jsx2("td", { children: e.sentAt }),
        /* @__PURE__ */ jsx2("td", { children: e.to }),
        /* @__PURE__ */ jsx2("td", { children: props.tenantName(e.tenantId) }),
        /* @__PURE__ */ jsx2("td", { children: e.inviteRedeemUrl ? /* @__PURE__ */ jsx2("a", { href: e.inviteRedeemUrl, children: m.outboxLink }) : "\u2014" })
      ] }, i)) })
    ] })
  ] });
}

// portal/pages/tenant.tsx
import { Fragment as Fragment2, jsx as jsx3, jsxs as jsxs3 } from "preact/jsx-runtime";
function TenantPage(props) {
  const { view, tenant, path } = props;
  const { m } = view;
  const name = tenant.displayName;
  return /* @__PURE__ */ jsxs3(Layout, { view, title: m.tenantTitle({ tenant: name }), children: [
    /* @__PURE__ */ jsx3("h1", { children: m.tenantTitle({ tenant: name }) }),
    /* @__PURE__ */ jsx3("p", { class: "lead", children: m.tenantIntro({ tenant: name }) }),
    /* @__PURE__ */ jsxs3("section", { "aria-labelledby": "signin-heading", children: [
      /* @__PURE__ */ jsx3("h2", { id: "signin-heading", children: m.signInHeading }),
      /* @__PURE__ */ jsxs3("p", { children: [
        m.bookmarkHint,
        " ",
        /* @__PURE__ */ jsx3("a", { href: path, children: props.bookmarkUrl })
      ] }),
      /* @__PURE__ */ jsx3("ul", { class: "links", children: props.links.map((link) => /* @__PURE__ */ jsxs3("li", { children: [
        /* @__PURE__ */ jsx3("a", { class: "button", href: link.url, "data-kind": link.kind, children: link.name }),
        /* @__PURE__ */ jsx3("span", { class: "description", children: link.description }),
        " ",
        /* @__PURE__ */ jsx3("a", { class: "qr-link", href: `${path}/qr/${link.kind}.svg`, "aria-label": m.qrFor({ name: link.name }), children: m.showQr })
      ] }, link.kind)) })
    ] }),
    /* @__PURE__ */ jsxs3("section", { id: "advice", "aria-labelledby": "advice-heading", children: [
      /* @__PURE__ */ jsx3("h2", { id: "advice-heading", children: m.accountHeading }),
      /* @__PURE__ */ jsx3("p", { children: m.accountIntro }),
      /* @__PURE__ */ jsxs3("form", { method: "get", action: `${path}#advice`, class: "inline-form", children: [
        /* @__PURE__ */ jsx3("label", { for: "advice-email", children: m.emailLabel }),
        /* @__PURE__ */ jsx3("input", { id: "advice-email", name: "email", type: "email", autocomplete: "email", value: props.email ?? "" }),
        /* @__PURE__ */ jsx3("button", { type: "submit", children: m.showSteps })
      ] }),
      /* @__PURE__ */ jsx3("p", { children: m.orPick }),
      /* @__PURE__ */ jsxs3("ul", { class: "account-kinds", children: [
        /* @__PURE__ */ jsx3("li", { children: /* @__PURE__ */ jsx3("a", { href: `${path}?account=google#advice`, children: m.pickGoogle }) }),
        /* @__PURE__ */ jsx3("li", { children: /* @__PURE__ */ jsx3("a", { href: `${path}?account=microsoft-account#advice`, children: m.pickMicrosoftAccount }) }),
        /* @__PURE__ */ jsx3("li", { children: /* @__PURE__ */ jsx3("a", { href: `${path}?account=other#advice`, children: m.pickOther }) })
      ] }),
      props.advice ? /* @__PURE__ */ jsx3(Advice, { view, tenantName: name, advice: props.advice }) : null
    ] }),
    /* @__PURE__ */ jsxs3("section", { id: "lost", "aria-labelledby": "lost-heading", children: [
      /* @__PURE__ */ jsx3("h2", { id: "lost-heading", children: m.lostHeading }),
      /* @__PURE__ */ jsx3("p", { children: m.lostIntro }),
      props.resend.available ? /* @__PURE__ */ jsxs3("form", { method: "post", action: `${path}/resend`, class: "inline-form", children: [
        /* @__PURE__ */ jsx3("input", { type: "hidden", name: "csrf", value: props.resend.csrfToken }),
        /* @__PURE__ */ jsx3("label", { for: "resend-email", children: m.emailLabel }),
        /* @__PURE__ */ jsx3("input", { id: "resend-email", name: "email", type: "email", autocomplete: "email", required: true }),
        /* @__PURE__ */ jsx3("button", { type: "submit", children: m.sendAgain })
      ] }) : /* @__PURE__ */ jsxs3(Fragment2, { children: [
        /* @__PURE__ */ jsx3("p", { class: "notice", role: "note", children: m.resendUnavailable({ tenant: name, contact: props.resend.contact }) }),
        /* @__PURE__ */ jsx3("form", { class: "inline-form", "aria-disabled": "true", children: /* @__PURE__ */ jsxs3("fieldset", { disabled: true, children: [
          /* @__PURE__ */ jsx3("legend", { class: "visually-hidden", children: m.lostHeading }),
          /* @__PURE__ */ jsx3("label", { for: "resend-email", children: m.emailLabel }),
          /* @__PURE__ */ jsx3("input", { id: "resend-email", name: "email", type: "email" }),
          /* @__PURE__ */ jsx3("button", { type: "submit", children: m.sendAgain })
        ] }) })
      ] })
    ] }),
    /* @__PURE__ */ jsxs3("section", { "aria-labelledby": "extension-heading", children: [
      /* @__PURE__ */ jsx3("h2", { id: "extension-heading", children: m.extensionHeading }),
      /* @__PURE__ */ jsx3("p", { children: m.extensionText({ tenant: name }) }),
      /* @__PURE__ */ jsx3("p", { children: /* @__PURE__ */ jsx3("a", { href: `${path}/card`, children: m.cardLink }) })
    ] })
  ] });
}
function Advice(props) {
  const { m } = props.view;
  const { advice } = props;
  if (advice.state === "error") {
    return /* @__PURE__ */ jsxs3("div", { class: "advice error", role: "alert", children: [
      /* @__PURE__ */ jsx3("h3", { children: m.invalidAddressTitle }),
      /* @__PURE__ */ jsx3("p", { children: advice.message })
    ] });
  }
  const tenant = props.tenantName;
  const [heading, why, steps] = advice.home === "google" ? [m.adviceHeadingGoogle, m.adviceWhyGoogle({ tenant }), m.stepsGoogle] : advice.home === "microsoft-account" ? [m.adviceHeadingMicrosoftAccount, m.adviceWhyMicrosoftAccount({ tenant }), m.stepsMicrosoftAccount] : [m.adviceHeadingOther, m.adviceWhyOther({ tenant }), m.stepsOther];
  return /* @__PURE__ */ jsxs3("div", { class: "advice", "data-home": advice.home, children: [
    /* @__PURE__ */ jsx3("h3", { children: heading }),
    /* @__PURE__ */ jsx3("p", { children: why }),
    /* @__PURE__ */ jsx3("ol", { children: steps.map((step) => /* @__PURE__ */ jsx3("li", { children: step }, step)) }),
    /* @__PURE__ */ jsx3("p", { children: /* @__PURE__ */ jsx3("a", { class: "button primary", href: advice.myAppsUrl, "data-kind": "advice-myapps", children: m.openMyApps({ tenant }) }) }),
    /* @__PURE__ */ jsx3("p", { class: "hint", children: m.privateWindowTip })
  ] });
}

// portal/app.ts
var ACCOUNT_KINDS = ["google", "microsoft-account", "other"];
var PUBLIC_DIR = fileURLToPath(new URL("./public/", "file:///work/main/portal/app.ts"));
var VERSION = readVersion();
var BODY_LIMIT = "4kb";
function createApp(deps) {
  const { config, logger } = deps;
  const app = express();
  const metrics = createMetrics();
  const publicOrigin = new URL(config.publicBaseUrl).origin;
  const csrf = createCsrf({ secret: config.secret, secureCookie: publicOrigin.startsWith("https:") });
  const landingCache = /* @__PURE__ */ new Map();
  const tenantIndex = /* @__PURE__ */ new Map();
  for (const t of config.tenants) for (const id of [t.key, t.tenantId, t.domain]) if (id) tenantIndex.set(id, t);
  app.disable("x-powered-by");
  app.set("trust proxy", config.trustProxy);
  app.set("etag", false);
  app.use((req, res, next) => {
    const incoming = req.get("x-request-id");
    req.id = incoming && /^[A-Za-z0-9._-]{8,64}$/.test(incoming) ? incoming : randomUUID();
    res.setHeader("X-Request-Id", req.id);
    const start = process.hrtime.bigint();
    res.on("finish", () => {
      logger.info(
        {
          reqId: req.id,
          method: req.method,
          path: req.path.slice(0, 200),
          // the path only: queries can carry addresses
          status: res.statusCode,
          ms: Number(process.hrtime.bigint() - start) / 1e6
        },
        "request"
      );
    });
    next();
  });
  app.use(metrics.middleware);
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'none'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          baseUri: ["'none'"]
        }
      },
      strictTransportSecurity: false,
      // set below, only when the request really arrived over TLS
      referrerPolicy: { policy: "no-referrer" }
    })
  );
  app.use((req, res, next) => {
    if (req.secure) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    const lang = negotiateLang(req.get("accept-language"), req.query.lang);
    req.view = { m: messages(lang), lang, demo: config.mode === "demo" };
    res.setHeader("Content-Language", lang);
    res.vary("Accept-Language");
    next();
  });
  app.use("/assets", express.static(PUBLIC_DIR, { index: false, maxAge: "1h", fallthrough: true }));
  app.get("/healthz", (_req, res) => {
    res.set("Cache-Control", "no-store").json({ status: "ok", mode: config.mode, tenants: config.tenants.length, version: VERSION });
  });
  app.get("/metrics", async (_req, res) => {
    res.set("Content-Type", metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.get("/", (req, res) => {
    if (config.tenants.length === 1) return res.redirect(302, `/t/${config.tenants[0].key}`);
    sendPage(res, 200, h(HomePage, { view: view(req), tenants: config.tenants }));
  });
  app.get("/t/:tenant", (req, res) => {
    const tenant = tenantOr404(req, res);
    if (!tenant) return;
    const v = view(req);
    const email = singleQuery(req.query.email);
    const account = singleQuery(req.query.account);
    let advice;
    let status = 200;
    if (email !== void 0 && email.trim() !== "") {
      const parsed = parseAddress(email);
      if (parsed.ok) {
        advice = { state: "advice", home: parsed.home, myAppsUrl: myAppsUrl(tenant, parsed.address) };
      } else {
        advice = { state: "error", message: parsed.message };
        status = 400;
      }
    } else if (account && ACCOUNT_KINDS.includes(account)) {
      advice = { state: "advice", home: account, myAppsUrl: myAppsUrl(tenant) };
    }
    const path = `/t/${tenant.key}`;
    const available = resendAvailable(tenant);
    let csrfToken = "";
    if (available) {
      const issued = csrf.issue(req.get("cookie"));
      if (issued.setCookie) res.append("Set-Cookie", issued.setCookie);
      csrfToken = issued.token;
    }
    res.set("Cache-Control", "no-store");
    const render = (token) => renderPage(
      h(TenantPage, {
        view: v,
        tenant,
        path,
        bookmarkUrl: `${config.publicBaseUrl}${path}`,
        links: tenantLinks(tenant, v),
        advice,
        email: email?.slice(0, 320),
        resend: available ? { available: true, csrfToken: token } : { available: false, ...tenant.contact ? { contact: tenant.contact } : {} }
      })
    );
    if (advice || email) return sendHtml(res, status, render(csrfToken));
    const cacheKey = `${tenant.key}
${v.lang}`;
    let parts = landingCache.get(cacheKey);
    if (!parts) {
      parts = render(TOKEN_SLOT).split(TOKEN_SLOT);
      landingCache.set(cacheKey, parts);
    }
    sendHtml(res, status, parts.join(csrfToken));
  });
  app.get("/t/:tenant/go/:kind", (req, res) => {
    const tenant = tenantOr404(req, res);
    if (!tenant) return;
    const v = view(req);
    const def = offeredLink(tenant, String(req.params.kind));
    if (!def) return linkNotFound(req, res, tenant);
    const rawHint = req.query.login_hint;
    let loginHint;
    if (rawHint !== void 0) {
      const hint = singleQuery(rawHint);
      const parsed = hint === void 0 ? void 0 : parseAddress(hint);
      if (!parsed || !parsed.ok) {
        return sendMessage(req, res, 400, v.m.badHintTitle, parsed?.message ?? v.m.emailRequired, tenant);
      }
      if (def.acceptsLoginHint) loginHint = parsed.address;
    }
    const url = catalogueUrl(tenant, def, loginHint);
    if (!url) return linkNotFound(req, res, tenant);
    res.set("Cache-Control", "no-store").redirect(302, url);
  });
  app.get("/t/:tenant/qr/:file", async (req, res) => {
    const tenant = tenantOr404(req, res);
    if (!tenant) return;
    const match = /^([a-z-]{1,32})\.svg$/.exec(String(req.params.file));
    let target;
    if (match?.[1] === "page") target = `${config.publicBaseUrl}/t/${tenant.key}`;
    else if (match) {
      const def = offeredLink(tenant, match[1]);
      target = def ? catalogueUrl(tenant, def) : void 0;
    }
    if (!target) return linkNotFound(req, res, tenant);
    const svg = await (await loadQrCode()).toString(target, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
    res.set({ "Content-Type": "image/svg+xml; charset=utf-8", "Cache-Control": "public, max-age=3600" }).send(svg);
  });
  app.get("/t/:tenant/card", (req, res) => {
    const tenant = tenantOr404(req, res);
    if (!tenant) return;
    sendPage(
      res,
      200,
      h(CardPage, {
        view: view(req),
        tenant,
        bookmarkUrl: `${config.publicBaseUrl}/t/${tenant.key}`,
        qrPath: `/t/${tenant.key}/qr/page.svg`
      })
    );
  });
  const formBody = express.urlencoded({ extended: false, limit: BODY_LIMIT, parameterLimit: 10 });
  const jsonBody = express.json({ limit: BODY_LIMIT, strict: true });
  app.post("/t/:tenant/resend", formBody, jsonBody, (req, res) => {
    const tenant = tenantOr404(req, res);
    if (!tenant) return;
    const { m } = view(req);
    res.set("Cache-Control", "no-store");
    if (!deps.resend || !resendAvailable(tenant)) {
      return sendMessage(req, res, 409, m.resendUnavailableTitle, m.resendUnavailable({ tenant: tenant.displayName, contact: tenant.contact }), tenant);
    }
    const body = req.body ?? {};
    if (req.is("application/x-www-form-urlencoded")) {
      const check = csrf.verify(req.get("cookie"), body[CSRF_FIELD]);
      if (!check.ok) {
        logger.warn({ reqId: req.id, reason: check.reason }, "resend form rejected: CSRF token");
        return sendMessage(req, res, 403, m.formExpiredTitle, m.formExpired, tenant);
      }
    } else if (req.is("application/json")) {
      if (req.get("origin") !== publicOrigin) {
        logger.warn({ reqId: req.id }, "resend JSON rejected: Origin");
        return sendMessage(req, res, 403, m.forbiddenOriginTitle, m.forbiddenOrigin, tenant);
      }
    } else {
      return sendMessage(req, res, 415, m.badRequestTitle, m.unsupportedMediaType, tenant);
    }
    const email = typeof body.email === "string" ? body.email.trim() : "";
    if (!email) return sendMessage(req, res, 400, m.invalidAddressTitle, m.emailRequired, tenant);
    const result = deps.resend.accept({ tenantKey: tenant.key, email, clientIp: req.ip ?? "unknown" });
    switch (result.outcome) {
      case "accepted": {
        const text = m.resendAccepted({ tenant: tenant.displayName });
        const signInUrl = myAppsUrl(tenant);
        if (wantsJson(req)) return res.status(202).json({ status: "accepted", message: text, signInUrl });
        return sendPage(
          res,
          202,
          h(
            MessagePage,
            { view: view(req), title: m.resendAcceptedTitle, text },
            h("p", null, `${m.alreadyAccepted} `, h("a", { href: signInUrl, class: "button primary" }, m.openMyApps({ tenant: tenant.displayName }))),
            backLink(req, tenant)
          )
        );
      }
      case "invalid-address":
        return sendMessage(req, res, 400, m.invalidAddressTitle, result.message, tenant, { reason: result.reason });
      case "rate-limited": {
        const seconds = Math.max(1, Math.ceil(result.retryAfterSeconds));
        res.set("Retry-After", String(seconds));
        return sendMessage(req, res, 429, m.rateLimitedTitle, m.rateLimited({ minutes: Math.ceil(seconds / 60) }), tenant, {
          retryAfterSeconds: seconds
        });
      }
    }
  });
  app.get("/demo/outbox", (req, res, next) => {
    if (config.mode !== "demo" || !deps.demo) return next();
    const emails = [...deps.demo.outbox()].reverse();
    res.set("Cache-Control", "no-store");
    if (wantsJson(req)) return res.json({ emails });
    const tenantName = (id) => config.tenants.find((t) => t.tenantId === id)?.displayName ?? id ?? "\u2014";
    sendPage(res, 200, h(OutboxPage, { view: view(req), emails, tenantName }));
  });
  app.use((req, res) => {
    const { m } = view(req);
    sendMessage(req, res, 404, m.notFoundTitle, m.notFoundText);
  });
  app.use((error, req, res, _next) => {
    const { m } = view(req);
    const e = error;
    const status = e.status ?? e.statusCode ?? 500;
    if (res.headersSent) return;
    if (status >= 400 && status < 500) {
      const text = e.type === "entity.parse.failed" ? m.malformedJson : e.type === "entity.too.large" ? m.payloadTooLarge : e.type === "charset.unsupported" || e.type === "encoding.unsupported" ? m.unsupportedMediaType : m.badRequestTitle;
      const code = e.type === "charset.unsupported" || e.type === "encoding.unsupported" ? 415 : status;
      return sendMessage(req, res, code, m.badRequestTitle, text);
    }
    logger.error({ reqId: req.id, err: error }, "unhandled error");
    sendMessage(req, res, 500, m.serverErrorTitle, m.serverError);
  });
  return app;
  function view(req) {
    return req.view ?? { m: messages("en"), lang: "en", demo: config.mode === "demo" };
  }
  function resendAvailable(tenant) {
    return Boolean(deps.resend && tenant.credentials);
  }
  function tenantOr404(req, res) {
    const segment = String(req.params.tenant ?? "");
    const tenant = tenantIndex.get(segment.toLowerCase()) ?? findTenant(config.tenants, segment);
    if (tenant) return tenant;
    const { m } = view(req);
    const shown = segment.length > 80 ? `${segment.slice(0, 80)}\u2026` : segment;
    const parsed = parseTenant(segment);
    const text = parsed.ok ? m.tenantNotFound({ tenant: shown }) : m.tenantMalformed({ tenant: shown, reason: parsed.message });
    sendMessage(req, res, 404, m.tenantNotFoundTitle, text, void 0, void 0, h(TenantList, { view: view(req), tenants: config.tenants }));
    return void 0;
  }
  function offeredLink(tenant, kind) {
    const def = findLink(kind);
    return def && tenant.links.includes(def.kind) ? def : void 0;
  }
  function catalogueUrl(tenant, def, loginHint) {
    const built = def.build(linkTenant(tenant), {
      ...loginHint ? { loginHint } : {},
      ...tenant.appId ? { appId: tenant.appId } : {},
      ...tenant.sharepointUrl ? { sharepointUrl: tenant.sharepointUrl } : {}
    });
    if (!built.ok) return void 0;
    return urlOnHosts(built.url, def.hosts) ? built.url : void 0;
  }
  function myAppsUrl(tenant, loginHint) {
    const def = findLink("myapps");
    const url = def ? catalogueUrl(tenant, def, def.acceptsLoginHint ? loginHint : void 0) : void 0;
    return url ?? "https://myapps.microsoft.com/";
  }
  function tenantLinks(tenant, v) {
    const out = [];
    for (const kind of tenant.links) {
      const def = findLink(kind);
      const url = def ? catalogueUrl(tenant, def) : void 0;
      if (!def || !url) continue;
      out.push({ kind: def.kind, name: def.name, description: v.m.linkDescriptions[def.kind] ?? def.description, url });
    }
    return out;
  }
  function linkNotFound(req, res, tenant) {
    const { m } = view(req);
    const kind = String(req.params.kind ?? req.params.file ?? "").slice(0, 40);
    sendMessage(req, res, 404, m.linkNotFoundTitle, m.linkNotFound({ kind, tenant: tenant.displayName }), tenant);
  }
  function backLink(req, tenant) {
    return h("p", null, h("a", { href: `/t/${tenant.key}` }, view(req).m.backToTenant({ tenant: tenant.displayName })));
  }
  function sendMessage(req, res, status, title, text, tenant, extra, more) {
    if (wantsJson(req)) {
      res.status(status).json({ status: status < 400 ? "ok" : "error", title, message: text, ...extra });
      return;
    }
    sendPage(
      res,
      status,
      h(MessagePage, { view: view(req), title, text, kind: status >= 400 ? "error" : "info" }, more ?? null, tenant ? backLink(req, tenant) : null)
    );
  }
}
function sendPage(res, status, node) {
  sendHtml(res, status, renderPage(node));
}
function sendHtml(res, status, html) {
  res.status(status).type("html").send(html);
}
var qrCode;
var loadQrCode = () => qrCode ??= import("qrcode").then((m) => m.default ?? m);
var TOKEN_SLOT = "~gp-csrf-token~";
function wantsJson(req) {
  return req.accepts(["html", "json"]) === "json";
}
function singleQuery(value) {
  if (typeof value === "string") return value;
  return void 0;
}
function readVersion() {
  try {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", "file:///work/main/portal/app.ts"), "utf8"));
    return pkg.version ?? "0.0.0";
  } catch {
    return "0.0.0";
  }
}

// portal/server.ts
async function startServer(deps, options = {}) {
  const server = createServer();
  server.headersTimeout = 2e4;
  server.requestTimeout = 3e4;
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(deps.config.port, deps.config.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address();
  const host = deps.config.host.includes(":") ? `[${deps.config.host}]` : deps.config.host;
  const localHost = host === "0.0.0.0" || host === "[::]" ? "127.0.0.1" : host;
  const config = deps.config.publicBaseUrlExplicit ? { ...deps.config, port } : { ...deps.config, port, publicBaseUrl: `http://${localHost}:${port}` };
  const app = createApp({ ...deps, ...options.withConfig?.(config), config });
  server.on("request", app);
  let closing;
  return {
    url: `http://${localHost}:${port}`,
    port,
    config,
    server,
    close() {
      closing ??= new Promise((resolve, reject) => {
        server.close((error) => error ? reject(error) : resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 2e3).unref();
      });
      return closing;
    }
  };
}

// portal/main.ts
var RESPAWN_MARK = "GUESTPASS_DEMO_CHILD";
async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`guestpass: ${error.message}
`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  let emulator;
  if (config.mode === "demo") {
    const { ensureEmulatorTls } = await import("./chunks/certs-HOYCTFCB.mjs");
    const tls = await ensureEmulatorTls();
    if (!trustsCa(process.env.NODE_EXTRA_CA_CERTS, tls.caCertPem)) {
      if (process.env[RESPAWN_MARK]) {
        logger.fatal({ expected: tls.caCertPath }, "demo: NODE_EXTRA_CA_CERTS still does not include the emulator CA; not re-spawning again");
        process.exit(1);
      }
      const caFile = caBundleFor(process.env.NODE_EXTRA_CA_CERTS, tls.caCertPath, tls.caCertPem);
      logger.info({ caFile }, "demo: restarting with NODE_EXTRA_CA_CERTS including the emulator CA");
      return respawnTrustingCa(caFile);
    }
    const { startEmulator } = await import("./chunks/emulator-NNVQTNHK.mjs");
    emulator = await startEmulator();
    config = withDemoTenants(config, emulator.origin);
    logger.info({ origin: emulator.origin }, "demo: Entra emulator started");
  }
  const resendModule = config.tenants.some((t) => t.credentials) ? await import("./chunks/resend-6BXJBEFA.mjs") : void 0;
  let feature;
  const running = await startServer(
    { config, logger, ...emulator ? { demo: { outbox: () => emulator.outbox() } } : {} },
    {
      withConfig(finalConfig) {
        if (!resendModule) return {};
        feature = resendModule.createResendFeature({ config: finalConfig, logger });
        return { resend: feature.service };
      }
    }
  );
  feature?.worker.start();
  const base = running.config.publicBaseUrl;
  const tenantUrls = running.config.tenants.map((t) => `${base}/t/${t.key}`);
  logger.info(
    { url: base, listen: running.url, pid: process.pid, mode: config.mode, tenants: tenantUrls, ...emulator ? { outbox: `${base}/demo/outbox` } : {} },
    "guestpass portal ready"
  );
  if (emulator) printDemoHelp(base, tenantUrls);
  let stopping = false;
  const stop = async (signal) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "stopping");
    const force = setTimeout(() => process.exit(1), 1e4);
    force.unref();
    try {
      await running.close();
      await feature?.worker.stop();
      await feature?.close();
      await emulator?.stop();
    } catch (error) {
      logger.error({ err: error }, "error while stopping");
    }
    logger.flush?.();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
  if (process.env[RESPAWN_MARK] && process.connected) process.on("disconnect", () => void stop("parent exited"));
}
function printDemoHelp(base, tenantUrls) {
  const lines = [
    "",
    "  guestpass portal \u2014 DEMO MODE (local Microsoft Entra emulator; no real email is sent)",
    "",
    `  Portal:            ${base}/`,
    `  Demo tenant page:  ${tenantUrls[0] ?? ""}`,
    ...tenantUrls.slice(1).map((u) => `  Partner tenant:    ${u}`),
    `  Emails "sent":     ${base}/demo/outbox`,
    "",
    '  Addresses to try in "Lost your invitation?":',
    ...DEMO_ADDRESSES_TO_TRY.map((a) => `    ${a.address.padEnd(30)} ${a.what}`),
    "",
    "  Configure real tenants with GUESTPASS_TENANTS (see README). Ctrl+C stops.",
    ""
  ];
  process.stderr.write(`${lines.join("\n")}
`);
}
function trustsCa(extraCaFile, caPem) {
  if (!extraCaFile || !existsSync(extraCaFile)) return false;
  return readFileSync2(extraCaFile, "utf8").includes(caPem.trim());
}
function caBundleFor(existing, caPath, caPem) {
  if (!existing || !existsSync(existing)) return caPath;
  const combined = join(dirname(caPath), "portal-extra-ca-certs.pem");
  const tmp = `${combined}.${process.pid}.tmp`;
  writeFileSync(tmp, `${readFileSync2(existing, "utf8").trimEnd()}
${caPem}`);
  renameSync(tmp, combined);
  return combined;
}
function respawnTrustingCa(caCertPath) {
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: ["inherit", "inherit", "inherit", "ipc"],
    // the IPC channel closes when this process dies: the child then stops
    env: { ...process.env, NODE_EXTRA_CA_CERTS: caCertPath, [RESPAWN_MARK]: "1" }
  });
  const forward = (signal) => () => {
    if (child.exitCode === null) child.kill(signal);
  };
  process.on("SIGINT", forward("SIGINT"));
  process.on("SIGTERM", forward("SIGTERM"));
  process.on("SIGHUP", forward("SIGHUP"));
  child.on("exit", (code, signal) => {
    if (signal) {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    } else process.exit(code ?? 1);
  });
}
main().catch((error) => {
  process.stderr.write(`guestpass: failed to start: ${error instanceof Error ? error.stack : String(error)}
`);
  process.exit(1);
});
//# sourceMappingURL=main.mjs.map
