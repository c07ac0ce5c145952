// French messages (typed by `Messages`: a missing or misspelt key is a compile error). Non-breaking spaces before
// « : ; ? ! » and inside guillemets, as French typography wants.
import type { Messages } from './en.ts';

type T = { tenant: string };

export const fr: Messages = {
  lang: 'fr',
  languageName: 'Français',
  languageSwitchLabel: 'Langue',
  skipToContent: 'Aller au contenu principal',
  siteName: 'guestpass',
  siteTagline: 'Aide à la connexion pour les invités des organisations Microsoft Entra',
  demoLabel: 'Démo',
  demoBanner:
    'Mode démo : ce portail communique avec une simulation locale de Microsoft Entra, pas avec Microsoft. Aucun vrai e-mail n’est envoyé.',
  demoOutboxLink: 'Voir les e-mails « envoyés » par la simulation',
  footer: 'guestpass aide les invités à se connecter aux organisations qui les ont invités. Il ne crée jamais de compte.',

  homeTitle: 'Portail de connexion des invités',
  homeIntro: 'Choisissez l’organisation qui vous a invité.',
  homeEmpty: 'Aucune organisation n’est encore configurée.',

  tenantTitle: ({ tenant }: T) => `Se connecter en tant qu’invité de ${tenant}`,
  tenantIntro: ({ tenant }: T) =>
    `${tenant} vous a donné accès en tant qu’invité. Les liens ci-dessous mènent directement à la page de connexion de ${tenant}, qui fonctionne aussi bien avec un compte Gmail, Outlook.com ou professionnel.`,
  bookmarkHint: 'Ajoutez cette page à vos favoris, ou le lien dont vous vous servez le plus :',
  signInHeading: 'Se connecter',
  qrFor: ({ name }: { name: string }) => `Code QR pour ${name}`,
  showQr: 'Code QR',

  accountHeading: 'Quel type de compte avez-vous ?',
  accountIntro:
    'Saisissez l’adresse à laquelle vous avez été invité : nous vous indiquons le lien et les étapes qui conviennent. Rien n’est enregistré.',
  emailLabel: 'Votre adresse e-mail',
  showSteps: 'Afficher mes étapes',
  orPick: 'Ou choisissez votre type de compte :',
  pickGoogle: 'Compte Gmail ou Google',
  pickMicrosoftAccount: 'Outlook.com, Hotmail ou Live (compte Microsoft personnel)',
  pickOther: 'Compte professionnel ou scolaire, ou autre adresse',
  adviceHeadingGoogle: 'Votre adresse est une adresse Google',
  adviceHeadingMicrosoftAccount: 'Votre adresse est un compte Microsoft personnel',
  adviceHeadingOther: 'Votre adresse est une adresse professionnelle, scolaire ou autre',
  adviceWhyGoogle: ({ tenant }: T) =>
    `Une adresse Gmail n’est pas un compte Microsoft. La page générale My Apps (myapps.microsoft.com) ne sait pas quelle organisation vous a invité : elle répond donc qu’aucun compte n’existe avec ce nom d’utilisateur. Le lien ci-dessous ouvre la page de connexion de ${tenant}, qui connaît votre invitation.`,
  adviceWhyMicrosoftAccount: ({ tenant }: T) =>
    `La page générale My Apps vous connecte à votre compte Microsoft personnel, où les applications de ${tenant} n’apparaissent pas — ou elle répond qu’aucun compte n’a été trouvé, parce qu’elle cherche au mauvais endroit. Le lien ci-dessous ouvre la page de connexion de ${tenant}.`,
  adviceWhyOther: ({ tenant }: T) =>
    `La page générale My Apps cherche votre adresse dans votre propre organisation (ou nulle part) : elle peut donc répondre qu’aucun compte n’existe avec ce nom d’utilisateur. Le lien ci-dessous ouvre la page de connexion de ${tenant}, qui connaît votre invitation.`,
  stepsGoogle: [
    'Ouvrez le lien ci-dessous et ajoutez-le à vos favoris.',
    'Saisissez votre adresse Gmail et continuez.',
    'Connectez-vous avec Google, ou saisissez le code à usage unique que Microsoft vous envoie par e-mail.',
  ],
  stepsMicrosoftAccount: [
    'Ouvrez le lien ci-dessous et ajoutez-le à vos favoris.',
    'Saisissez votre adresse Outlook.com ou Hotmail et continuez.',
    'Connectez-vous avec le mot de passe de votre compte Microsoft ; la première fois, acceptez les autorisations demandées.',
  ],
  stepsOther: [
    'Ouvrez le lien ci-dessous et ajoutez-le à vos favoris.',
    'Saisissez votre adresse et continuez.',
    'Connectez-vous avec le mot de passe de votre organisation — ou, si elle n’utilise pas Microsoft, avec le code à usage unique reçu par e-mail.',
  ],
  openMyApps: ({ tenant }: T) => `Ouvrir My Apps de ${tenant}`,
  privateWindowTip:
    'Déjà connecté avec un autre compte Microsoft ? Utilisez une fenêtre de navigation privée pour que le bon compte soit utilisé.',

  lostHeading: 'Invitation perdue ?',
  lostIntro: 'Saisissez l’adresse à laquelle l’invitation a été envoyée. Si une invitation vous attend encore, elle vous est renvoyée.',
  sendAgain: 'Renvoyer mon invitation',
  resendUnavailable: ({ tenant, contact }: { tenant: string; contact?: string }) =>
    `Ce portail ne peut pas renvoyer les invitations de ${tenant}. Demandez à ${contact ?? 'la personne qui vous a invité'} de vous la renvoyer.`,

  extensionHeading: 'Laissez votre navigateur s’en charger',
  extensionText: ({ tenant }: T) =>
    `L’extension guestpass pour Chrome et Edge reconnaît le message de la page de connexion Microsoft indiquant qu’aucun compte n’a été trouvé, et poursuit la connexion chez ${tenant} à votre place.`,
  cardLink: 'Carte imprimable avec code QR (pour les administrateurs)',

  resendAcceptedTitle: 'Demande reçue',
  resendAccepted: ({ tenant }: T) => `Si cette adresse a une invitation de ${tenant}, elle est en route.`,
  spamHint:
    'Si rien n’arrive d’ici quelques minutes, cherchez dans votre dossier de courrier indésirable (spam) un e-mail de Microsoft Invitations (invites@microsoft.com). Si votre organisation filtre les e-mails, demandez à votre service informatique d’autoriser cet expéditeur.',
  nationalCloudsHint:
    'Les organisations hébergées dans les clouds nationaux de Microsoft envoient depuis une autre adresse : invites@azuread.us (US Government) ou Invites@oe.21vianet.com (Chine, exploité par 21Vianet).',
  alreadyAccepted: 'Invitation déjà acceptée ? Connectez-vous ici :',
  backToTenant: ({ tenant }: T) => `Retour à la page des invités de ${tenant}`,
  invalidAddressTitle: 'Vérifiez l’adresse',
  emailRequired: 'Saisissez l’adresse e-mail à laquelle votre invitation a été envoyée.',
  rateLimitedTitle: 'Trop de demandes',
  rateLimited: ({ minutes }: { minutes: number }) =>
    `Trop de demandes depuis cet endroit. Réessayez dans ${minutes} minute${minutes < 2 ? '' : 's'}.`,
  formExpiredTitle: 'Ce formulaire a expiré',
  formExpired: 'Revenez en arrière, rechargez la page et envoyez à nouveau le formulaire.',
  resendUnavailableTitle: 'Le renvoi n’est pas disponible',

  requestHeading: 'Pas encore invité ?',
  requestTeaser: ({ tenant }: T) => `Demandez l’accès à ${tenant} : dites qui vous êtes et pourquoi, et quelqu’un là-bas décide.`,
  requestLink: 'Demander l’accès',
  requestTitle: ({ tenant }: T) => `Demander l’accès à ${tenant}`,
  requestIntro: ({ tenant }: T) => `Quelqu’un chez ${tenant} lit votre demande et décide. En cas d’accord, Microsoft vous envoie une invitation par e-mail.`,
  requestNameLabel: 'Votre nom',
  requestOrganisationLabel: 'Votre organisation',
  requestReasonLabel: 'Pourquoi avez-vous besoin d’un accès ?',
  requestSponsorLabel: ({ tenant }: T) => `Adresse e-mail d’une personne chez ${tenant} qui vous connaît (facultatif)`,
  requestSubmit: 'Envoyer ma demande',
  requestPrivacyHeading: 'Ce que deviennent vos informations',
  requestPrivacy: ({ tenant, expireDays, deleteDays }: { tenant: string; expireDays: number; deleteDays: number }) =>
    `Seules les personnes de ${tenant} qui traitent les demandes les voient. Une demande sans décision sous ${expireDays} jours expire ; tout ce que vous avez écrit est supprimé ${deleteDays} jours après la décision ou l’expiration.`,
  requestsOff: ({ tenant, contact }: { tenant: string; contact?: string }) =>
    `${tenant} n’accepte pas de demandes d’accès sur ce portail. Demandez à ${contact ?? 'votre contact sur place'} de vous inviter.`,
  requestsInvitesOff: ({ tenant, contact }: { tenant: string; contact?: string }) =>
    `${tenant} ne permet à personne d’inviter des invités en ce moment ; les demandes d’accès sont donc fermées. Adressez-vous à ${contact ?? 'votre contact sur place'}.`,
  requestsUnavailableTitle: 'Les demandes d’accès ne sont pas disponibles',
  requestAcceptedTitle: 'Demande envoyée',
  requestAccepted: ({ tenant }: T) =>
    `Merci. Si ${tenant} donne son accord, ou si une invitation vous attend déjà, Microsoft vous envoie une invitation par e-mail. Vous n’aurez pas d’autre nouvelle de notre part.`,
  requestErrorTitle: 'Veuillez vérifier votre demande',
  requestMissing: 'Veuillez remplir ce champ.',
  requestTooLong: ({ max }: { max: number }) => `${max} caractères au plus, s’il vous plaît.`,

  notFoundTitle: 'Page introuvable',
  notFoundText: 'Il n’y a rien à cette adresse. Vérifiez le lien que vous avez reçu.',
  tenantNotFoundTitle: 'Organisation introuvable',
  tenantNotFound: ({ tenant }: T) =>
    `Ce portail ne dessert aucune organisation nommée « ${tenant} ». Vérifiez le lien que vous avez reçu, ou choisissez-en une ci-dessous.`,
  tenantMalformed: ({ tenant, problem }: { tenant: string; problem: string }) =>
    `« ${tenant} » n’est ni un nom ni un identifiant d’organisation. ${problem} Un lien ressemble à ceci : /t/contoso.onmicrosoft.com.`,
  linkNotFoundTitle: 'Lien non disponible',
  linkNotFound: ({ kind, tenant }: { kind: string; tenant: string }) =>
    `Il n’y a pas de lien « ${kind} » pour ${tenant}. Choisissez l’un des liens de la page des invités.`,
  badHintTitle: 'Vérifiez l’adresse contenue dans ce lien',
  badRequestTitle: 'La demande n’a pas pu être lue',
  unsupportedMediaType: 'Envoyez le formulaire, ou du JSON avec Content-Type: application/json.',
  payloadTooLarge: 'La demande est trop volumineuse.',
  malformedJson: 'Le JSON du corps de la demande est mal formé.',
  forbiddenOriginTitle: 'Demande venant d’un autre site',
  forbiddenOrigin: 'Cette demande ne venait pas du portail lui-même : elle a donc été refusée.',
  serverErrorTitle: 'Un problème est survenu',
  serverError: 'Un problème est survenu de notre côté. Réessayez dans un instant.',

  cardTitle: ({ tenant }: T) => `Se connecter en tant qu’invité de ${tenant}`,
  cardIntro: 'Conservez cette carte. Utilisez cette adresse (ou scannez le code) chaque fois que vous voulez vous connecter :',
  cardFirstStep: 'Ouvrez l’adresse ci-dessus (ou scannez le code) et ajoutez-la à vos favoris.',
  cardGmailHeading: 'Avec une adresse Gmail',
  cardPrintHint: 'Imprimez cette page, ou enregistrez-la en PDF, et envoyez-la à vos invités.',

  outboxTitle: 'Boîte d’envoi de la démo',
  outboxIntro: 'Les e-mails d’invitation envoyés par la simulation de Microsoft dans cette démo. Les plus récents d’abord.',
  outboxEmpty: 'Aucun e-mail n’a encore été envoyé. Demandez une invitation sur la page d’une organisation.',
  outboxTo: 'Destinataire',
  outboxTenant: 'Organisation',
  outboxSent: 'Envoyé',
  outboxLink: 'Lien d’invitation',

  addressProblems: {
    empty: () => 'Saisissez votre adresse e-mail.',
    'too-long': () => 'Une adresse e-mail ne peut pas dépasser 254 caractères.',
    'local-too-long': () => 'La partie avant « @ » ne peut pas dépasser 64 caractères.',
    'domain-too-long': () => 'Le domaine après « @ » est trop long.',
    incomplete: () => 'Saisissez une adresse e-mail complète, par exemple name@example.com.',
    'two-at': () => 'Une adresse e-mail contient exactement un « @ ».',
    plus: () =>
      'Microsoft Entra n’accepte pas le signe « + » dans les adresses invitées. Utilisez l’adresse sans la partie « +… » (par exemple name@gmail.com).',
    spaces: () => 'Une adresse e-mail ne peut pas contenir d’espaces.',
    character: ({ character }) => `Microsoft Entra n’accepte pas le caractère « ${character} » dans les adresses invitées.`,
    dots: () => 'La partie avant « @ » ne peut ni commencer ni finir par un point, ni contenir deux points de suite.',
    'domain-trailing-dot': () => 'Le domaine après « @ » ne peut pas finir par un point.',
    'not-a-domain': () => 'La partie après « @ » doit être un nom de domaine, par exemple example.com.',
    'not-a-full-domain': () => 'La partie après « @ » doit être un nom de domaine complet, par exemple example.com.',
  },
  tenantProblems: {
    'enter-domain': () => 'Saisissez un nom de domaine.',
    'too-long': () => 'Ce nom dépasse 253 caractères.',
    scheme: () => 'Saisissez seulement le nom, sans « https:// » ni autre schéma.',
    userinfo: () => 'Saisissez le domaine de l’organisation, pas une adresse e-mail ni un préfixe « user@ ».',
    path: () => 'Saisissez seulement le nom, sans chemin, « ? » ni « # ».',
    'ip-address': () => 'Une adresse IP n’est pas une organisation : saisissez un nom de domaine ou un ID de locataire.',
    port: () => 'Saisissez seulement le nom, sans « :port ».',
    spaces: () => 'Le nom contient des espaces ou des caractères de contrôle.',
    percent: () => 'Le nom contient « % ».',
    'not-a-domain': () => 'Ce n’est pas un nom de domaine valide.',
    'label-too-long': () => 'Une partie de ce nom (entre deux points) dépasse 63 caractères.',
    'letters-digits-hyphens': () => 'Un nom de domaine ne peut contenir que des lettres, des chiffres et des traits d’union entre les points.',
    'enter-tenant': () => 'Saisissez un ID de locataire ou un domaine.',
    'consumer-id': () => 'Cet ID est celui du locataire de Microsoft pour les comptes personnels, pas celui d’une organisation.',
    'reserved-bare': ({ value }) =>
      `« ${value} » désigne n’importe quelle organisation, pas une en particulier : saisissez l’ID de locataire ou le domaine de l’organisation.`,
    'single-label': ({ value }) =>
      `« ${value} » n’est pas un domaine complet : essayez « ${value}.onmicrosoft.com » ou le domaine de l’organisation.`,
    'reserved-value': ({ value }) => `« ${value} » désigne n’importe quelle organisation, pas une en particulier.`,
    'onmicrosoft-alone': () => 'Saisissez le nom de l’organisation devant : « name.onmicrosoft.com ».',
  },
  linkProblems: {
    'missing-app-id': () => 'Ce lien a besoin de l’ID d’application (client) (appId).',
    'missing-sharepoint-url': () => 'Ce lien a besoin de l’adresse du site SharePoint (sharepointUrl).',
    'missing-client-id': () => 'Ce lien a besoin de l’ID d’application (client) (clientId).',
    'missing-redirect-uri': () => 'Ce lien a besoin de l’URI de redirection de l’application (redirectUri).',
    'login-hint': () => 'Le nom de connexion doit être une seule adresse, sans espaces, de 256 caractères au plus.',
    unsafe: () => 'Le lien n’a pas pu être construit de façon sûre.',
    tenant: () => 'L’organisation n’est ni un ID de locataire ni un domaine valide.',
    'teams-needs-guid': () => 'Les liens Teams ont besoin de l’ID de locataire (un GUID), pas d’un nom de domaine.',
    'app-id': () => 'L’ID d’application doit être un GUID, par exemple 00000000-0000-0000-0000-000000000000.',
    'sharepoint-url': () => 'L’adresse SharePoint doit être une adresse https:// complète.',
    'sharepoint-https': () => 'L’adresse SharePoint doit commencer par https://.',
    'sharepoint-credentials': () => 'L’adresse SharePoint ne doit contenir ni nom d’utilisateur, ni mot de passe, ni port.',
    'sharepoint-host': () => 'L’adresse SharePoint doit se trouver sur <name>.sharepoint.com.',
    'client-id': () => 'L’ID client doit être un GUID.',
    'redirect-uri': () => 'L’URI de redirection doit être une adresse complète.',
    'redirect-https': () => 'L’URI de redirection doit être une adresse https:// (ou http://localhost).',
    scope: () => 'L’étendue (scope) doit être une liste d’étendues séparées par des espaces.',
    'unknown-kind': ({ kind }) => `Type de lien inconnu : « ${kind} ».`,
  },

  linkNames: {
    myapps: 'My Apps',
    myaccount: 'My Account',
    'azure-portal': 'Portail Azure',
    entra: 'Centre d’administration Microsoft Entra',
    teams: 'Microsoft Teams',
    app: 'Une application',
    sharepoint: 'Site SharePoint',
    authorize: 'Connexion à une application',
  },

  linkDescriptions: {
    myapps: 'Toutes les applications mises à votre disposition, au même endroit.',
    myaccount: 'Votre profil d’invité, vos informations de sécurité et vos organisations.',
    'azure-portal': 'Le portail Azure, dans cette organisation.',
    entra: 'Le centre d’administration Microsoft Entra, dans cette organisation.',
    teams: 'Microsoft Teams, avec cette organisation sélectionnée.',
    app: 'L’application que cette organisation partage avec vous.',
    sharepoint: 'Le site SharePoint de cette organisation.',
    authorize: 'Se connecter à une application.',
  },
};
