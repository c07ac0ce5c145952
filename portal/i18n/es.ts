// Spanish messages (typed by `Messages`: a missing or misspelt key is a compile error). Usted form throughout.
import type { Messages } from './en.ts';

type T = { tenant: string };

export const es: Messages = {
  lang: 'es',
  languageName: 'Español',
  languageSwitchLabel: 'Idioma',
  skipToContent: 'Ir al contenido principal',
  siteName: 'guestpass',
  siteTagline: 'Ayuda para iniciar sesión como invitado en organizaciones de Microsoft Entra',
  demoLabel: 'Demo',
  demoBanner:
    'Modo demo: este portal se comunica con una simulación local de Microsoft Entra, no con Microsoft. No se envía ningún correo real.',
  demoOutboxLink: 'Ver los correos que la simulación ha «enviado»',
  footer: 'guestpass ayuda a los invitados a iniciar sesión en las organizaciones que los invitaron. Nunca crea cuentas.',

  homeTitle: 'Portal de inicio de sesión para invitados',
  homeIntro: 'Elija la organización que le invitó.',
  homeEmpty: 'Todavía no hay ninguna organización configurada.',

  tenantTitle: ({ tenant }: T) => `Iniciar sesión como invitado de ${tenant}`,
  tenantIntro: ({ tenant }: T) =>
    `${tenant} le ha invitado a colaborar como usuario invitado. Los enlaces de abajo le llevan directamente al inicio de sesión de ${tenant}, que funciona igual con cuentas de Gmail, de Outlook.com y de trabajo.`,
  bookmarkHint: 'Guarde esta página en sus marcadores, o el enlace que más use:',
  signInHeading: 'Iniciar sesión',
  qrFor: ({ name }: { name: string }) => `Código QR de ${name}`,
  showQr: 'Código QR',

  accountHeading: '¿Qué tipo de cuenta tiene?',
  accountIntro:
    'Escriba la dirección con la que le invitaron y le mostraremos el enlace y los pasos que le sirven. No se guarda nada.',
  emailLabel: 'Su dirección de correo electrónico',
  showSteps: 'Mostrar mis pasos',
  orPick: 'O elija su tipo de cuenta:',
  pickGoogle: 'Cuenta de Gmail o de Google',
  pickMicrosoftAccount: 'Outlook.com, Hotmail o Live (cuenta personal de Microsoft)',
  pickOther: 'Cuenta profesional o educativa, u otra dirección',
  adviceHeadingGoogle: 'Su dirección es una dirección de Google',
  adviceHeadingMicrosoftAccount: 'Su dirección es una cuenta personal de Microsoft',
  adviceHeadingOther: 'Su dirección es profesional, educativa o de otro tipo',
  adviceWhyGoogle: ({ tenant }: T) =>
    `Una dirección de Gmail no es una cuenta de Microsoft. La página general de My Apps (myapps.microsoft.com) no sabe qué organización le invitó, así que responde que no existe ninguna cuenta con ese nombre de usuario. El enlace de abajo abre el inicio de sesión de ${tenant}, que conoce su invitación.`,
  adviceWhyMicrosoftAccount: ({ tenant }: T) =>
    `La página general de My Apps inicia sesión en su cuenta personal de Microsoft, donde no aparecen las aplicaciones de ${tenant}, o responde que no encontró ninguna cuenta porque busca en el lugar equivocado. El enlace de abajo abre el inicio de sesión de ${tenant}.`,
  adviceWhyOther: ({ tenant }: T) =>
    `La página general de My Apps busca su dirección en su propia organización (o en ninguna), así que puede responder que no existe ninguna cuenta con ese nombre de usuario. El enlace de abajo abre el inicio de sesión de ${tenant}, que conoce su invitación.`,
  stepsGoogle: [
    'Abra el enlace de abajo y guárdelo en sus marcadores.',
    'Escriba su dirección de Gmail y continúe.',
    'Inicie sesión con Google, o escriba el código de un solo uso que Microsoft le envía por correo.',
  ],
  stepsMicrosoftAccount: [
    'Abra el enlace de abajo y guárdelo en sus marcadores.',
    'Escriba su dirección de Outlook.com o Hotmail y continúe.',
    'Inicie sesión con la contraseña de su cuenta de Microsoft; la primera vez, acepte los permisos que se le piden.',
  ],
  stepsOther: [
    'Abra el enlace de abajo y guárdelo en sus marcadores.',
    'Escriba su dirección y continúe.',
    'Inicie sesión con la contraseña de su organización o, si esta no usa Microsoft, con el código de un solo uso que recibirá por correo.',
  ],
  openMyApps: ({ tenant }: T) => `Abrir My Apps de ${tenant}`,
  privateWindowTip:
    '¿Ya ha iniciado sesión con otra cuenta de Microsoft? Use una ventana privada para que se utilice la cuenta correcta.',

  lostHeading: '¿Ha perdido su invitación?',
  lostIntro: 'Escriba la dirección a la que se envió la invitación. Si todavía hay una invitación pendiente, se le enviará de nuevo.',
  sendAgain: 'Enviar de nuevo mi invitación',
  resendUnavailable: ({ tenant, contact }: { tenant: string; contact?: string }) =>
    `Este portal no puede reenviar invitaciones de ${tenant}. Pida a ${contact ?? 'la persona que le invitó'} que se la envíe de nuevo.`,

  extensionHeading: 'Deje que su navegador lo resuelva',
  extensionText: ({ tenant }: T) =>
    `La extensión guestpass para Chrome y Edge reconoce el mensaje de la página de inicio de sesión de Microsoft que dice que no se encontró ninguna cuenta, y continúa por usted en el inicio de sesión de ${tenant}.`,
  cardLink: 'Tarjeta imprimible con código QR (para administradores)',

  resendAcceptedTitle: 'Solicitud recibida',
  resendAccepted: ({ tenant }: T) => `Si esta dirección tiene una invitación de ${tenant}, ya está en camino.`,
  spamHint:
    'Si no llega nada en unos minutos, busque en su carpeta de correo no deseado (spam) un mensaje de Microsoft Invitations (invites@microsoft.com). Si su organización filtra el correo, pida a su departamento de TI que permita ese remitente.',
  nationalCloudsHint:
    'Las organizaciones de las nubes nacionales de Microsoft envían desde otra dirección: invites@azuread.us (US Government) o Invites@oe.21vianet.com (China, operada por 21Vianet).',
  alreadyAccepted: '¿Ya la aceptó? Inicie sesión aquí:',
  backToTenant: ({ tenant }: T) => `Volver a la página de invitados de ${tenant}`,
  invalidAddressTitle: 'Revise la dirección',
  emailRequired: 'Escriba la dirección de correo a la que se envió su invitación.',
  rateLimitedTitle: 'Demasiadas solicitudes',
  rateLimited: ({ minutes }: { minutes: number }) =>
    `Demasiadas solicitudes desde aquí. Vuelva a intentarlo dentro de ${minutes} minuto${minutes === 1 ? '' : 's'}.`,
  formExpiredTitle: 'Este formulario ha caducado',
  formExpired: 'Vuelva atrás, recargue la página y envíe de nuevo el formulario.',
  resendUnavailableTitle: 'El reenvío no está disponible',

  requestHeading: '¿Aún no tiene invitación?',
  requestTeaser: ({ tenant }: T) => `Pida acceso a ${tenant}: diga quién es y para qué, y alguien allí decide.`,
  requestLink: 'Pedir acceso',
  requestTitle: ({ tenant }: T) => `Pedir acceso a ${tenant}`,
  requestIntro: ({ tenant }: T) => `Alguien de ${tenant} lee su solicitud y decide. Si la aprueban, Microsoft le envía una invitación por correo.`,
  requestNameLabel: 'Su nombre',
  requestOrganisationLabel: 'Su organización',
  requestReasonLabel: '¿Para qué necesita acceso?',
  requestSponsorLabel: ({ tenant }: T) => `Correo de alguien de ${tenant} que le conozca (opcional)`,
  requestSubmit: 'Enviar mi solicitud',
  requestPrivacyHeading: 'Qué pasa con lo que escribe',
  requestPrivacy: ({ tenant, expireDays, deleteDays }: { tenant: string; expireDays: number; deleteDays: number }) =>
    `Solo lo ven las personas de ${tenant} que deciden las solicitudes. Una solicitud sin decisión en ${expireDays} días caduca; todo lo que escribió se borra ${deleteDays} días después de la decisión o la caducidad.`,
  requestsOff: ({ tenant, contact }: { tenant: string; contact?: string }) =>
    `${tenant} no acepta solicitudes de acceso en este portal. Pida a ${contact ?? 'su contacto allí'} que le invite.`,
  requestsInvitesOff: ({ tenant, contact }: { tenant: string; contact?: string }) =>
    `${tenant} no permite ahora que nadie invite a personas externas, así que las solicitudes de acceso están desactivadas. Diríjase a ${contact ?? 'su contacto allí'}.`,
  requestsUnavailableTitle: 'Las solicitudes de acceso no están disponibles',
  requestAcceptedTitle: 'Solicitud enviada',
  requestAccepted: ({ tenant }: T) =>
    `Gracias. Si ${tenant} la aprueba, o si ya le espera una invitación, Microsoft le envía una invitación por correo. No recibirá nada más de nuestra parte.`,
  requestErrorTitle: 'Revise su solicitud',
  requestMissing: 'Rellene este campo.',
  requestTooLong: ({ max }: { max: number }) => `Como máximo ${max} caracteres.`,

  notFoundTitle: 'Página no encontrada',
  notFoundText: 'No hay nada en esta dirección. Revise el enlace que recibió.',
  tenantNotFoundTitle: 'Organización no encontrada',
  tenantNotFound: ({ tenant }: T) =>
    `Este portal no atiende a ninguna organización llamada «${tenant}». Revise el enlace que recibió o elija una de abajo.`,
  tenantMalformed: ({ tenant, problem }: { tenant: string; problem: string }) =>
    `«${tenant}» no es un nombre ni un identificador de organización. ${problem} Un enlace tiene este aspecto: /t/contoso.onmicrosoft.com.`,
  linkNotFoundTitle: 'Enlace no disponible',
  linkNotFound: ({ kind, tenant }: { kind: string; tenant: string }) =>
    `No hay ningún enlace «${kind}» para ${tenant}. Elija uno de los enlaces de la página de invitados.`,
  badHintTitle: 'Revise la dirección que contiene este enlace',
  badRequestTitle: 'No se pudo leer la solicitud',
  unsupportedMediaType: 'Envíe el formulario, o JSON con Content-Type: application/json.',
  payloadTooLarge: 'La solicitud es demasiado grande.',
  malformedJson: 'El JSON del cuerpo de la solicitud no es válido.',
  forbiddenOriginTitle: 'Solicitud desde otro sitio',
  forbiddenOrigin: 'Esta solicitud no procedía del propio portal, así que se ha rechazado.',
  serverErrorTitle: 'Algo ha salido mal',
  serverError: 'Algo ha salido mal por nuestra parte. Vuelva a intentarlo en un momento.',

  cardTitle: ({ tenant }: T) => `Iniciar sesión como invitado de ${tenant}`,
  cardIntro: 'Guarde esta tarjeta. Use esta dirección (o escanee el código) siempre que quiera iniciar sesión:',
  cardFirstStep: 'Abra la dirección de arriba (o escanee el código) y guárdela en sus marcadores.',
  cardGmailHeading: 'Con una dirección de Gmail',
  cardPrintHint: 'Imprima esta página, o guárdela como PDF, y envíela a sus invitados.',

  outboxTitle: 'Bandeja de salida de la demo',
  outboxIntro: 'Los correos de invitación que la simulación de Microsoft ha enviado en esta demo. Los más recientes primero.',
  outboxEmpty: 'Todavía no se ha enviado ningún correo. Pida una invitación en la página de una organización.',
  outboxTo: 'Para',
  outboxTenant: 'Organización',
  outboxSent: 'Enviado',
  outboxLink: 'Enlace de invitación',

  addressProblems: {
    empty: () => 'Escriba su dirección de correo electrónico.',
    'too-long': () => 'Una dirección de correo puede tener como máximo 254 caracteres.',
    'local-too-long': () => 'La parte anterior a «@» puede tener como máximo 64 caracteres.',
    'domain-too-long': () => 'El dominio que sigue a «@» es demasiado largo.',
    incomplete: () => 'Escriba una dirección de correo completa, por ejemplo name@example.com.',
    'two-at': () => 'Una dirección de correo contiene exactamente una «@».',
    plus: () =>
      'Microsoft Entra no acepta «+» en las direcciones invitadas. Use la dirección sin la parte «+…» (por ejemplo name@gmail.com).',
    spaces: () => 'Una dirección de correo no puede contener espacios.',
    character: ({ character }) => `Microsoft Entra no acepta el carácter «${character}» en las direcciones invitadas.`,
    dots: () => 'La parte anterior a «@» no puede empezar ni terminar con un punto, ni contener dos puntos seguidos.',
    'domain-trailing-dot': () => 'El dominio que sigue a «@» no puede terminar con un punto.',
    'not-a-domain': () => 'Lo que sigue a «@» debe ser un nombre de dominio, por ejemplo example.com.',
    'not-a-full-domain': () => 'Lo que sigue a «@» debe ser un nombre de dominio completo, por ejemplo example.com.',
  },
  tenantProblems: {
    'enter-domain': () => 'Escriba un nombre de dominio.',
    'too-long': () => 'Ese nombre tiene más de 253 caracteres.',
    scheme: () => 'Escriba solo el nombre, sin «https://» ni otro esquema.',
    userinfo: () => 'Escriba el dominio de la organización, no una dirección de correo ni un prefijo «user@».',
    path: () => 'Escriba solo el nombre, sin ruta, «?» ni «#».',
    'ip-address': () => 'Una dirección IP no es una organización: escriba un nombre de dominio o un identificador de inquilino.',
    port: () => 'Escriba solo el nombre, sin «:puerto».',
    spaces: () => 'El nombre contiene espacios o caracteres de control.',
    percent: () => 'El nombre contiene «%».',
    'not-a-domain': () => 'Ese no es un nombre de dominio válido.',
    'label-too-long': () => 'Una parte de ese nombre (entre puntos) tiene más de 63 caracteres.',
    'letters-digits-hyphens': () => 'Un nombre de dominio solo puede contener letras, dígitos y guiones entre los puntos.',
    'enter-tenant': () => 'Escriba un identificador de inquilino o un dominio.',
    'consumer-id': () => 'Ese identificador es el inquilino de Microsoft para cuentas personales, no una organización.',
    'reserved-bare': ({ value }) =>
      `«${value}» significa cualquier organización, no una concreta: escriba el identificador de inquilino o el dominio de la organización.`,
    'single-label': ({ value }) =>
      `«${value}» no es un dominio completo: pruebe «${value}.onmicrosoft.com» o el dominio propio de la organización.`,
    'reserved-value': ({ value }) => `«${value}» significa cualquier organización, no una concreta.`,
    'onmicrosoft-alone': () => 'Escriba delante el nombre de la organización: «name.onmicrosoft.com».',
  },
  linkProblems: {
    'missing-app-id': () => 'Este enlace necesita el identificador de la aplicación (cliente) (appId).',
    'missing-sharepoint-url': () => 'Este enlace necesita la dirección del sitio de SharePoint (sharepointUrl).',
    'missing-client-id': () => 'Este enlace necesita el identificador de la aplicación (cliente) (clientId).',
    'missing-redirect-uri': () => 'Este enlace necesita el URI de redirección de la aplicación (redirectUri).',
    'login-hint': () => 'El nombre de inicio de sesión debe ser una sola dirección sin espacios, de 256 caracteres como máximo.',
    unsafe: () => 'No se pudo crear el enlace de forma segura.',
    tenant: () => 'La organización no es un identificador de inquilino ni un dominio válido.',
    'teams-needs-guid': () => 'Los enlaces de Teams necesitan el identificador del inquilino (un GUID), no un nombre de dominio.',
    'app-id': () => 'El identificador de la aplicación debe ser un GUID, por ejemplo 00000000-0000-0000-0000-000000000000.',
    'sharepoint-url': () => 'La dirección de SharePoint debe ser una dirección https:// completa.',
    'sharepoint-https': () => 'La dirección de SharePoint debe empezar por https://.',
    'sharepoint-credentials': () => 'La dirección de SharePoint no debe contener nombre de usuario, contraseña ni puerto.',
    'sharepoint-host': () => 'La dirección de SharePoint debe estar en <name>.sharepoint.com.',
    'client-id': () => 'El identificador de cliente debe ser un GUID.',
    'redirect-uri': () => 'El URI de redirección debe ser una dirección completa.',
    'redirect-https': () => 'El URI de redirección debe ser una dirección https:// (o http://localhost).',
    scope: () => 'El ámbito (scope) debe ser una lista de ámbitos separados por espacios.',
    'unknown-kind': ({ kind }) => `Tipo de enlace desconocido: «${kind}».`,
  },

  linkNames: {
    myapps: 'My Apps',
    myaccount: 'My Account',
    'azure-portal': 'Portal de Azure',
    entra: 'Centro de administración de Microsoft Entra',
    teams: 'Microsoft Teams',
    app: 'Una aplicación',
    sharepoint: 'Sitio de SharePoint',
    authorize: 'Inicio de sesión en una aplicación',
  },

  linkDescriptions: {
    myapps: 'Todas las aplicaciones que se le han asignado, en un solo lugar.',
    myaccount: 'Su perfil de invitado, su información de seguridad y sus organizaciones.',
    'azure-portal': 'El portal de Azure, en esta organización.',
    entra: 'El centro de administración de Microsoft Entra, en esta organización.',
    teams: 'Microsoft Teams, con esta organización seleccionada.',
    app: 'La aplicación que esta organización comparte con usted.',
    sharepoint: 'El sitio de SharePoint de esta organización.',
    authorize: 'Iniciar sesión en una aplicación.',
  },
};
