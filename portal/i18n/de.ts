// German messages. The `Messages` type makes a missing or misspelt key a compile error.
import type { Messages } from './en.ts';

type T = { tenant: string };

export const de: Messages = {
  lang: 'de',
  languageName: 'Deutsch',
  languageSwitchLabel: 'Sprache',
  skipToContent: 'Zum Inhalt springen',
  siteName: 'guestpass',
  siteTagline: 'Anmeldehilfe für Gäste von Microsoft-Entra-Organisationen',
  demoLabel: 'Demo',
  demoBanner:
    'Demo-Modus: Dieses Portal spricht mit einer lokalen Nachbildung von Microsoft Entra, nicht mit Microsoft. Es werden keine echten E-Mails verschickt.',
  demoOutboxLink: 'Die von der Nachbildung „gesendeten“ E-Mails ansehen',
  footer: 'guestpass hilft Gästen, sich bei den Organisationen anzumelden, die sie eingeladen haben. Es legt nie Konten an.',

  homeTitle: 'Anmeldeportal für Gäste',
  homeIntro: 'Wählen Sie die Organisation, die Sie eingeladen hat.',
  homeEmpty: 'Noch ist keine Organisation eingerichtet.',

  tenantTitle: ({ tenant }: T) => `Als Gast bei ${tenant} anmelden`,
  tenantIntro: ({ tenant }: T) =>
    `${tenant} hat Sie als Gast eingeladen. Die Links unten führen direkt zur Anmeldung von ${tenant} – das funktioniert mit Gmail-, Outlook.com- und Arbeitskonten gleichermaßen.`,
  bookmarkHint: 'Setzen Sie ein Lesezeichen auf diese Seite oder auf den Link, den Sie am häufigsten brauchen:',
  signInHeading: 'Anmelden',
  qrFor: ({ name }: { name: string }) => `QR-Code für ${name}`,
  showQr: 'QR-Code',

  accountHeading: 'Welche Art von Konto haben Sie?',
  accountIntro:
    'Geben Sie die Adresse ein, an die Ihre Einladung ging. Wir zeigen Ihnen den passenden Link und die Schritte dazu. Es wird nichts gespeichert.',
  emailLabel: 'Ihre E-Mail-Adresse',
  showSteps: 'Meine Schritte zeigen',
  orPick: 'Oder wählen Sie Ihre Kontoart:',
  pickGoogle: 'Gmail- oder Google-Konto',
  pickMicrosoftAccount: 'Outlook.com, Hotmail oder Live (privates Microsoft-Konto)',
  pickOther: 'Geschäfts-, Schul- oder andere Adresse',
  adviceHeadingGoogle: 'Ihre Adresse ist eine Google-Adresse',
  adviceHeadingMicrosoftAccount: 'Ihre Adresse ist ein privates Microsoft-Konto',
  adviceHeadingOther: 'Ihre Adresse ist eine Geschäfts-, Schul- oder andere Adresse',
  adviceWhyGoogle: ({ tenant }: T) =>
    `Eine Gmail-Adresse ist kein Microsoft-Konto. Die allgemeine My-Apps-Seite (myapps.microsoft.com) weiß nicht, welche Organisation Sie eingeladen hat, und meldet deshalb, es gebe kein Konto mit diesem Benutzernamen. Der Link unten öffnet die Anmeldung von ${tenant}, die Ihre Einladung kennt.`,
  adviceWhyMicrosoftAccount: ({ tenant }: T) =>
    `Die allgemeine My-Apps-Seite meldet Sie bei Ihrem privaten Microsoft-Konto an, in dem die Apps von ${tenant} nicht erscheinen – oder sie meldet, es gebe kein solches Konto, weil sie an der falschen Stelle sucht. Der Link unten öffnet die Anmeldung von ${tenant}.`,
  adviceWhyOther: ({ tenant }: T) =>
    `Die allgemeine My-Apps-Seite sucht Ihre Adresse in Ihrer eigenen Organisation (oder nirgends) und meldet deshalb womöglich, es gebe kein Konto mit diesem Benutzernamen. Der Link unten öffnet die Anmeldung von ${tenant}, die Ihre Einladung kennt.`,
  stepsGoogle: [
    'Öffnen Sie den Link unten und setzen Sie ein Lesezeichen.',
    'Geben Sie Ihre Gmail-Adresse ein und fahren Sie fort.',
    'Melden Sie sich mit Google an oder geben Sie den Einmalcode ein, den Microsoft Ihnen mailt.',
  ],
  stepsMicrosoftAccount: [
    'Öffnen Sie den Link unten und setzen Sie ein Lesezeichen.',
    'Geben Sie Ihre Outlook.com- oder Hotmail-Adresse ein und fahren Sie fort.',
    'Melden Sie sich mit dem Kennwort Ihres Microsoft-Kontos an; beim ersten Mal bestätigen Sie die angefragten Berechtigungen.',
  ],
  stepsOther: [
    'Öffnen Sie den Link unten und setzen Sie ein Lesezeichen.',
    'Geben Sie Ihre Adresse ein und fahren Sie fort.',
    'Melden Sie sich mit dem Kennwort Ihrer Organisation an – oder, falls diese Microsoft nicht nutzt, mit dem Einmalcode aus Ihrer E-Mail.',
  ],
  openMyApps: ({ tenant }: T) => `My Apps von ${tenant} öffnen`,
  privateWindowTip:
    'Schon mit einem anderen Microsoft-Konto angemeldet? Nutzen Sie ein privates Fenster, damit das richtige Konto verwendet wird.',

  lostHeading: 'Einladung verloren?',
  lostIntro: 'Geben Sie die Adresse ein, an die die Einladung ging. Wartet noch eine Einladung auf Sie, wird sie erneut gesendet.',
  sendAgain: 'Einladung erneut senden',
  resendUnavailable: ({ tenant, contact }: { tenant: string; contact?: string }) =>
    `Dieses Portal kann für ${tenant} keine Einladungen erneut senden. Bitte wenden Sie sich an ${contact ?? 'die Person, die Sie eingeladen hat'}.`,

  extensionHeading: 'Lassen Sie Ihren Browser das erledigen',
  extensionText: ({ tenant }: T) =>
    `Die guestpass-Erweiterung für Chrome und Edge erkennt die Meldung der Microsoft-Anmeldeseite, es gebe kein solches Konto, und setzt die Anmeldung bei ${tenant} für Sie fort.`,
  cardLink: 'Druckbare Karte mit QR-Code (für Administratoren)',

  resendAcceptedTitle: 'Anfrage erhalten',
  resendAccepted: ({ tenant }: T) => `Falls für diese Adresse eine Einladung von ${tenant} besteht, ist sie unterwegs.`,
  spamHint:
    'Kommt nach einigen Minuten nichts an, sehen Sie im Spam- oder Junk-Ordner nach einer E-Mail von Microsoft Invitations (invites@microsoft.com). Filtert Ihre Organisation E-Mails, bitten Sie Ihre IT, diesen Absender zuzulassen.',
  nationalCloudsHint:
    'Organisationen in den nationalen Clouds von Microsoft senden von einer anderen Adresse: invites@azuread.us (US Government) oder Invites@oe.21vianet.com (China, betrieben von 21Vianet).',
  alreadyAccepted: 'Schon angenommen? Hier anmelden:',
  backToTenant: ({ tenant }: T) => `Zurück zur Gastseite von ${tenant}`,
  invalidAddressTitle: 'Bitte prüfen Sie die Adresse',
  emailRequired: 'Geben Sie die E-Mail-Adresse ein, an die Ihre Einladung ging.',
  rateLimitedTitle: 'Zu viele Anfragen',
  rateLimited: ({ minutes }: { minutes: number }) =>
    `Zu viele Anfragen von hier. Bitte versuchen Sie es in ${minutes} Minute${minutes === 1 ? '' : 'n'} erneut.`,
  formExpiredTitle: 'Dieses Formular ist abgelaufen',
  formExpired: 'Bitte gehen Sie zurück, laden Sie die Seite neu und senden Sie das Formular erneut.',
  resendUnavailableTitle: 'Erneutes Senden ist nicht verfügbar',

  requestHeading: 'Noch nicht eingeladen?',
  requestTeaser: ({ tenant }: T) => `Bitten Sie ${tenant} um Zugang: Sagen Sie, wer Sie sind und wofür, und jemand dort entscheidet.`,
  requestLink: 'Zugang anfragen',
  requestTitle: ({ tenant }: T) => `Zugang bei ${tenant} anfragen`,
  requestIntro: ({ tenant }: T) => `Jemand bei ${tenant} liest Ihre Anfrage und entscheidet. Bei Zustimmung schickt Microsoft Ihnen eine Einladung per E-Mail.`,
  requestNameLabel: 'Ihr Name',
  requestOrganisationLabel: 'Ihre Organisation',
  requestReasonLabel: 'Wofür brauchen Sie Zugang?',
  requestSponsorLabel: ({ tenant }: T) => `E-Mail-Adresse einer Person bei ${tenant}, die Sie kennt (freiwillig)`,
  requestSubmit: 'Anfrage senden',
  requestPrivacyHeading: 'Was mit Ihren Angaben geschieht',
  requestPrivacy: ({ tenant, expireDays, deleteDays }: { tenant: string; expireDays: number; deleteDays: number }) =>
    `Nur die Personen bei ${tenant}, die über Anfragen entscheiden, sehen sie. Eine Anfrage, über die nicht innerhalb von ${expireDays} Tagen entschieden wird, verfällt; alle Angaben werden ${deleteDays} Tage nach der Entscheidung oder dem Verfall gelöscht.`,
  requestsOff: ({ tenant, contact }: { tenant: string; contact?: string }) =>
    `${tenant} nimmt auf diesem Portal keine Zugangsanfragen an. Bitten Sie ${contact ?? 'Ihre Ansprechperson dort'}, Sie einzuladen.`,
  requestsInvitesOff: ({ tenant, contact }: { tenant: string; contact?: string }) =>
    `${tenant} erlaubt zurzeit niemandem, Gäste einzuladen; Zugangsanfragen sind daher abgeschaltet. Bitte wenden Sie sich an ${contact ?? 'Ihre Ansprechperson dort'}.`,
  requestsUnavailableTitle: 'Zugangsanfragen sind nicht verfügbar',
  requestAcceptedTitle: 'Anfrage gesendet',
  requestAccepted: ({ tenant }: T) =>
    `Danke. Wenn ${tenant} zustimmt oder schon eine Einladung für Sie bereitliegt, schickt Microsoft Ihnen eine Einladung per E-Mail. Darüber hinaus hören Sie nichts von uns.`,
  requestErrorTitle: 'Bitte prüfen Sie Ihre Anfrage',
  requestMissing: 'Bitte füllen Sie dieses Feld aus.',
  requestTooLong: ({ max }: { max: number }) => `Bitte höchstens ${max} Zeichen.`,

  notFoundTitle: 'Seite nicht gefunden',
  notFoundText: 'Unter dieser Adresse gibt es nichts. Prüfen Sie den Link, den Sie erhalten haben.',
  tenantNotFoundTitle: 'Organisation nicht gefunden',
  tenantNotFound: ({ tenant }: T) =>
    `Dieses Portal betreut keine Organisation namens „${tenant}“. Prüfen Sie den Link, den Sie erhalten haben, oder wählen Sie unten eine aus.`,
  tenantMalformed: ({ tenant, problem }: { tenant: string; problem: string }) =>
    `„${tenant}“ ist kein Organisationsname und keine ID. ${problem} Ein Link sieht so aus: /t/contoso.onmicrosoft.com.`,
  linkNotFoundTitle: 'Link nicht verfügbar',
  linkNotFound: ({ kind, tenant }: { kind: string; tenant: string }) =>
    `Für ${tenant} gibt es keinen Link „${kind}“. Wählen Sie einen der Links auf der Gastseite.`,
  badHintTitle: 'Bitte prüfen Sie die Adresse in diesem Link',
  badRequestTitle: 'Die Anfrage konnte nicht gelesen werden',
  unsupportedMediaType: 'Senden Sie das Formular oder JSON mit Content-Type: application/json.',
  payloadTooLarge: 'Die Anfrage ist zu groß.',
  malformedJson: 'Das JSON im Anfragetext ist fehlerhaft.',
  forbiddenOriginTitle: 'Anfrage von einer anderen Website',
  forbiddenOrigin: 'Diese Anfrage kam nicht vom Portal selbst und wurde deshalb abgelehnt.',
  serverErrorTitle: 'Etwas ist schiefgegangen',
  serverError: 'Bei uns ist etwas schiefgegangen. Bitte versuchen Sie es gleich noch einmal.',

  cardTitle: ({ tenant }: T) => `Als Gast bei ${tenant} anmelden`,
  cardIntro: 'Bewahren Sie diese Karte auf. Nutzen Sie diese Adresse (oder scannen Sie den Code), wann immer Sie sich anmelden wollen:',
  cardFirstStep: 'Öffnen Sie die Adresse oben (oder scannen Sie den Code) und setzen Sie ein Lesezeichen.',
  cardGmailHeading: 'Mit einer Gmail-Adresse',
  cardPrintHint: 'Drucken Sie diese Seite oder speichern Sie sie als PDF und schicken Sie sie Ihren Gästen.',

  outboxTitle: 'Demo-Postausgang',
  outboxIntro: 'Die Einladungs-E-Mails, die die Microsoft-Nachbildung in dieser Demo verschickt hat. Neueste zuerst.',
  outboxEmpty: 'Noch wurde keine E-Mail verschickt. Fordern Sie auf einer Organisationsseite eine Einladung an.',
  outboxTo: 'An',
  outboxTenant: 'Organisation',
  outboxSent: 'Gesendet',
  outboxLink: 'Einladungslink',

  addressProblems: {
    empty: () => 'Geben Sie Ihre E-Mail-Adresse ein.',
    'too-long': () => 'Eine E-Mail-Adresse darf höchstens 254 Zeichen lang sein.',
    'local-too-long': () => 'Der Teil vor dem „@“ darf höchstens 64 Zeichen lang sein.',
    'domain-too-long': () => 'Die Domain nach dem „@“ ist zu lang.',
    incomplete: () => 'Geben Sie eine vollständige E-Mail-Adresse ein, zum Beispiel name@example.com.',
    'two-at': () => 'Eine E-Mail-Adresse enthält genau ein „@“.',
    plus: () =>
      'Microsoft Entra akzeptiert kein „+“ in eingeladenen Adressen. Verwenden Sie die Adresse ohne den „+…“-Teil (zum Beispiel name@gmail.com).',
    spaces: () => 'Eine E-Mail-Adresse darf keine Leerzeichen enthalten.',
    character: ({ character }) => `Microsoft Entra akzeptiert das Zeichen „${character}“ in eingeladenen Adressen nicht.`,
    dots: () => 'Der Teil vor dem „@“ darf nicht mit einem Punkt beginnen oder enden und keine zwei Punkte hintereinander enthalten.',
    'domain-trailing-dot': () => 'Die Domain nach dem „@“ darf nicht mit einem Punkt enden.',
    'not-a-domain': () => 'Nach dem „@“ muss ein Domainname stehen, zum Beispiel example.com.',
    'not-a-full-domain': () => 'Nach dem „@“ muss ein vollständiger Domainname stehen, zum Beispiel example.com.',
  },
  tenantProblems: {
    'enter-domain': () => 'Geben Sie einen Domainnamen ein.',
    'too-long': () => 'Dieser Name ist länger als 253 Zeichen.',
    scheme: () => 'Geben Sie nur den Namen ein, ohne „https://“ oder ein anderes Schema.',
    userinfo: () => 'Geben Sie die Domain der Organisation ein, keine E-Mail-Adresse und kein „user@“ davor.',
    path: () => 'Geben Sie nur den Namen ein, ohne Pfad, „?“ oder „#“.',
    'ip-address': () => 'Eine IP-Adresse ist keine Organisation: Geben Sie einen Domainnamen oder eine Mandanten-ID ein.',
    port: () => 'Geben Sie nur den Namen ein, ohne „:Port“.',
    spaces: () => 'Der Name enthält Leerzeichen oder Steuerzeichen.',
    percent: () => 'Der Name enthält ein „%“.',
    'not-a-domain': () => 'Das ist kein gültiger Domainname.',
    'label-too-long': () => 'Ein Teil dieses Namens (zwischen zwei Punkten) ist länger als 63 Zeichen.',
    'letters-digits-hyphens': () => 'Ein Domainname darf zwischen den Punkten nur Buchstaben, Ziffern und Bindestriche enthalten.',
    'enter-tenant': () => 'Geben Sie eine Mandanten-ID oder Domain ein.',
    'consumer-id': () => 'Diese ID gehört zu Microsofts Mandanten für private Konten, nicht zu einer Organisation.',
    'reserved-bare': ({ value }) =>
      `„${value}“ steht für eine beliebige Organisation, nicht für eine bestimmte: Geben Sie die Mandanten-ID oder Domain der Organisation ein.`,
    'single-label': ({ value }) =>
      `„${value}“ ist keine vollständige Domain: Versuchen Sie „${value}.onmicrosoft.com“ oder die eigene Domain der Organisation.`,
    'reserved-value': ({ value }) => `„${value}“ steht für eine beliebige Organisation, nicht für eine bestimmte.`,
    'onmicrosoft-alone': () => 'Geben Sie den Namen der Organisation davor ein: „name.onmicrosoft.com“.',
  },
  linkProblems: {
    'missing-app-id': () => 'Dieser Link braucht die Anwendungs-ID (Client-ID) (appId).',
    'missing-sharepoint-url': () => 'Dieser Link braucht die Adresse der SharePoint-Website (sharepointUrl).',
    'missing-client-id': () => 'Dieser Link braucht die Anwendungs-ID (Client-ID) (clientId).',
    'missing-redirect-uri': () => 'Dieser Link braucht den Umleitungs-URI der Anwendung (redirectUri).',
    'login-hint': () => 'Der Anmeldename muss eine einzelne Adresse ohne Leerzeichen sein, höchstens 256 Zeichen.',
    unsafe: () => 'Der Link konnte nicht sicher erstellt werden.',
    tenant: () => 'Die Organisation ist keine gültige Mandanten-ID oder Domain.',
    'teams-needs-guid': () => 'Teams-Links brauchen die Mandanten-ID (eine GUID), keinen Domainnamen.',
    'app-id': () => 'Die Anwendungs-ID muss eine GUID sein, etwa 00000000-0000-0000-0000-000000000000.',
    'sharepoint-url': () => 'Die SharePoint-Adresse muss eine vollständige https://-Adresse sein.',
    'sharepoint-https': () => 'Die SharePoint-Adresse muss mit https:// beginnen.',
    'sharepoint-credentials': () => 'Die SharePoint-Adresse darf keinen Benutzernamen, kein Kennwort und keinen Port enthalten.',
    'sharepoint-host': () => 'Die SharePoint-Adresse muss auf <name>.sharepoint.com liegen.',
    'client-id': () => 'Die Client-ID muss eine GUID sein.',
    'redirect-uri': () => 'Der Umleitungs-URI muss eine vollständige Adresse sein.',
    'redirect-https': () => 'Der Umleitungs-URI muss eine https://-Adresse sein (oder http://localhost).',
    scope: () => 'Der Bereich (scope) muss eine durch Leerzeichen getrennte Liste von Bereichen sein.',
    'unknown-kind': ({ kind }) => `Unbekannte Linkart „${kind}“.`,
  },

  linkNames: {
    myapps: 'My Apps',
    myaccount: 'My Account',
    'azure-portal': 'Azure-Portal',
    entra: 'Microsoft Entra Admin Center',
    teams: 'Microsoft Teams',
    app: 'Eine Anwendung',
    sharepoint: 'SharePoint-Website',
    authorize: 'Anmeldung bei einer Anwendung',
  },

  linkDescriptions: {
    myapps: 'Alle Apps, die Ihnen freigegeben wurden, an einem Ort.',
    myaccount: 'Ihr Gastprofil, Sicherheitsinformationen und Organisationen.',
    'azure-portal': 'Das Azure-Portal in dieser Organisation.',
    entra: 'Das Microsoft Entra Admin Center in dieser Organisation.',
    teams: 'Microsoft Teams mit dieser Organisation ausgewählt.',
    app: 'Die App, die diese Organisation mit Ihnen teilt.',
    sharepoint: 'Die SharePoint-Website dieser Organisation.',
    authorize: 'Bei einer Anwendung anmelden.',
  },
};
