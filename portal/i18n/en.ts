// English messages: the reference catalogue. Every other language must provide exactly these keys (typed by `Messages`).
import { ADDRESS_MESSAGES } from '../../shared/address.ts';
import { LINK_MESSAGES, type LinkKind } from '../../shared/links.ts';
import { TENANT_MESSAGES } from '../../shared/tenant.ts';

type T = { tenant: string };

export const en = {
  lang: 'en',
  languageName: 'English',
  languageSwitchLabel: 'Language',
  skipToContent: 'Skip to main content',
  siteName: 'guestpass',
  siteTagline: 'Sign-in help for guests of Microsoft Entra organisations',
  demoLabel: 'Demo',
  demoBanner: 'Demo mode: this portal talks to a local stand-in for Microsoft Entra, not to Microsoft. No real email is sent.',
  demoOutboxLink: 'See the emails the stand-in has “sent”',
  footer: 'guestpass helps guests sign in to the organisations that invited them. It never creates accounts.',

  homeTitle: 'Guest sign-in portal',
  homeIntro: 'Choose the organisation that invited you.',
  homeEmpty: 'No organisation is configured yet.',

  tenantTitle: ({ tenant }: T) => `Sign in as a guest of ${tenant}`,
  tenantIntro: ({ tenant }: T) =>
    `${tenant} invited you as a guest. The links below take you straight to ${tenant}'s own sign-in, which works for Gmail, Outlook.com and work accounts alike.`,
  bookmarkHint: 'Bookmark this page, or the link you use most:',
  signInHeading: 'Sign in',
  qrFor: ({ name }: { name: string }) => `QR code for ${name}`,
  showQr: 'QR code',

  accountHeading: 'What kind of account do you have?',
  accountIntro: 'Enter the address you were invited with and we show the link and the steps that work for it. Nothing is stored.',
  emailLabel: 'Your email address',
  showSteps: 'Show my steps',
  orPick: 'Or pick your kind of account:',
  pickGoogle: 'Gmail or Google account',
  pickMicrosoftAccount: 'Outlook.com, Hotmail or Live (personal Microsoft account)',
  pickOther: 'Work or school account, or another address',
  adviceHeadingGoogle: 'Your address is a Google address',
  adviceHeadingMicrosoftAccount: 'Your address is a personal Microsoft account',
  adviceHeadingOther: 'Your address is a work, school or other address',
  adviceWhyGoogle: ({ tenant }: T) =>
    `A Gmail address is not a Microsoft account. The common My Apps page (myapps.microsoft.com) cannot tell which organisation invited you, so it says “We couldn't find an account with that username”. The link below opens ${tenant}'s own sign-in, which knows your invitation.`,
  adviceWhyMicrosoftAccount: ({ tenant }: T) =>
    `The common My Apps page signs you in to your personal Microsoft account, where ${tenant}'s apps are not listed — or it says “We couldn't find an account” when it looks in the wrong place. The link below opens ${tenant}'s own sign-in.`,
  adviceWhyOther: ({ tenant }: T) =>
    `The common My Apps page looks for your address in your own organisation (or nowhere), so it can say “We couldn't find an account with that username”. The link below opens ${tenant}'s own sign-in, which knows your invitation.`,
  stepsGoogle: [
    'Open the link below and bookmark it.',
    'Enter your Gmail address and select Next.',
    'Sign in with Google, or enter the one-time code Microsoft emails you.',
  ],
  stepsMicrosoftAccount: [
    'Open the link below and bookmark it.',
    'Enter your Outlook.com or Hotmail address and select Next.',
    'Sign in with your Microsoft account password; the first time, accept the permissions asked.',
  ],
  stepsOther: [
    'Open the link below and bookmark it.',
    'Enter your address and select Next.',
    'Sign in with your work or school password — or, if your organisation does not use Microsoft, enter the one-time code emailed to you.',
  ],
  openMyApps: ({ tenant }: T) => `Open ${tenant}'s My Apps`,
  privateWindowTip: 'Signed in with another Microsoft account already? Use a private window, so the right account is used.',

  lostHeading: 'Lost your invitation?',
  lostIntro: 'Enter the address the invitation was sent to. If an invitation is still waiting for you, it is sent again.',
  sendAgain: 'Send my invitation again',
  resendUnavailable: ({ tenant, contact }: { tenant: string; contact?: string }) =>
    `This portal cannot re-send invitations for ${tenant}. Please ask ${contact ?? 'the person who invited you'} to send it again.`,

  extensionHeading: 'Let your browser fix it for you',
  extensionText: ({ tenant }: T) =>
    `The guestpass extension for Chrome and Edge recognises “We couldn't find an account” on Microsoft's sign-in page and continues at ${tenant}'s sign-in for you.`,
  cardLink: 'Printable card with QR code (for admins)',

  resendAcceptedTitle: 'Request received',
  resendAccepted: ({ tenant }: T) => `If this address has an invitation from ${tenant}, it is on its way.`,
  spamHint:
    'If nothing arrives within a few minutes, look in your spam or junk folder for an email from Microsoft Invitations (invites@microsoft.com). If your organisation filters email, ask your IT team to let that sender through.',
  nationalCloudsHint:
    'Organisations in Microsoft’s national clouds send from another address: invites@azuread.us (US Government) or Invites@oe.21vianet.com (China, operated by 21Vianet).',
  alreadyAccepted: 'Already accepted? Sign in here:',
  backToTenant: ({ tenant }: T) => `Back to ${tenant}'s guest page`,
  invalidAddressTitle: 'Please check the address',
  emailRequired: 'Enter the email address your invitation was sent to.',
  rateLimitedTitle: 'Too many requests',
  rateLimited: ({ minutes }: { minutes: number }) =>
    `Too many requests from here. Please try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
  formExpiredTitle: 'This form has expired',
  formExpired: 'Please go back, reload the page and send the form again.',
  resendUnavailableTitle: 'Re-sending is not available',

  requestHeading: 'Not invited yet?',
  requestTeaser: ({ tenant }: T) => `Ask ${tenant} for access: say who you are and why, and someone there decides.`,
  requestLink: 'Ask for access',
  requestTitle: ({ tenant }: T) => `Ask ${tenant} for access`,
  requestIntro: ({ tenant }: T) => `Someone at ${tenant} reads your request and decides. If they agree, Microsoft emails you an invitation.`,
  requestNameLabel: 'Your name',
  requestOrganisationLabel: 'Your organisation',
  requestReasonLabel: 'Why do you need access?',
  requestSponsorLabel: ({ tenant }: T) => `Email address of someone at ${tenant} who knows you (optional)`,
  requestSubmit: 'Send my request',
  requestPrivacyHeading: 'What happens to what you write',
  requestPrivacy: ({ tenant, expireDays, deleteDays }: { tenant: string; expireDays: number; deleteDays: number }) =>
    `Only the people at ${tenant} who decide requests see it. A request not decided within ${expireDays} days expires; everything you wrote is deleted ${deleteDays} days after the decision or expiry.`,
  requestsOff: ({ tenant, contact }: { tenant: string; contact?: string }) =>
    `${tenant} does not take access requests on this portal. Please ask ${contact ?? 'the person you work with there'} to invite you.`,
  requestsInvitesOff: ({ tenant, contact }: { tenant: string; contact?: string }) =>
    `${tenant} does not let anyone invite guests at the moment, so access requests are off. Please ask ${contact ?? 'the person you work with there'}.`,
  requestsUnavailableTitle: 'Access requests are not available',
  requestAcceptedTitle: 'Request sent',
  requestAccepted: ({ tenant }: T) =>
    `Thank you. If ${tenant} agrees, or if an invitation is already waiting for you, Microsoft emails you an invitation. You hear nothing else from us.`,
  requestErrorTitle: 'Please check your request',
  requestMissing: 'Please fill this in.',
  requestTooLong: ({ max }: { max: number }) => `Please keep this under ${max} characters.`,

  notFoundTitle: 'Page not found',
  notFoundText: 'There is nothing at this address. Check the link you were given.',
  tenantNotFoundTitle: 'Organisation not found',
  tenantNotFound: ({ tenant }: T) =>
    `This portal does not serve an organisation called “${tenant}”. Check the link you were given, or choose one below.`,
  tenantMalformed: ({ tenant, problem }: { tenant: string; problem: string }) =>
    `“${tenant}” is not an organisation name or ID. ${problem} A link looks like /t/contoso.onmicrosoft.com.`,
  linkNotFoundTitle: 'Link not available',
  linkNotFound: ({ kind, tenant }: { kind: string; tenant: string }) =>
    `There is no “${kind}” link for ${tenant}. Choose one of the links on the guest page.`,
  badHintTitle: 'Please check the address in this link',
  badRequestTitle: 'The request could not be read',
  unsupportedMediaType: 'Send the form, or JSON with Content-Type: application/json.',
  payloadTooLarge: 'The request is too large.',
  malformedJson: 'The JSON in the request body is malformed.',
  forbiddenOriginTitle: 'Request from another site',
  forbiddenOrigin: 'This request did not come from the portal itself, so it was refused.',
  serverErrorTitle: 'Something went wrong',
  serverError: 'Something went wrong on our side. Please try again in a moment.',

  cardTitle: ({ tenant }: T) => `Signing in as a guest of ${tenant}`,
  cardIntro: 'Keep this card. Use this address (or scan the code) whenever you want to sign in:',
  cardFirstStep: 'Open the address above (or scan the code) and bookmark it.',
  cardGmailHeading: 'With a Gmail address',
  cardPrintHint: 'Print this page, or save it as PDF, and send it to your guests.',

  outboxTitle: 'Demo outbox',
  outboxIntro: 'The invitation emails the Microsoft stand-in has sent in this demo. Newest first.',
  outboxEmpty: 'No email has been sent yet. Ask for an invitation on a tenant page.',
  outboxTo: 'To',
  outboxTenant: 'Organisation',
  outboxSent: 'Sent',
  outboxLink: 'Invitation link',

  // shared/'s problems, by key: the English sentences are shared's own; every other catalogue translates each key.
  addressProblems: ADDRESS_MESSAGES,
  tenantProblems: TENANT_MESSAGES,
  linkProblems: LINK_MESSAGES,

  linkNames: {
    myapps: 'My Apps',
    myaccount: 'My Account',
    'azure-portal': 'Azure portal',
    entra: 'Microsoft Entra admin center',
    teams: 'Microsoft Teams',
    app: 'One application',
    sharepoint: 'SharePoint site',
    authorize: 'Application sign-in',
  } satisfies Record<LinkKind, string> as Record<LinkKind, string>,

  linkDescriptions: {
    myapps: 'All the apps you were given, in one place.',
    myaccount: 'Your guest profile, security info and organisations.',
    'azure-portal': 'The Azure portal, in this organisation.',
    entra: 'The Microsoft Entra admin centre, in this organisation.',
    teams: 'Microsoft Teams, with this organisation selected.',
    app: 'The app this organisation shared with you.',
    sharepoint: "This organisation's SharePoint site.",
    authorize: 'Sign in to an application.',
  } satisfies Record<LinkKind, string> as Record<LinkKind, string>,
};

export type Messages = typeof en;
