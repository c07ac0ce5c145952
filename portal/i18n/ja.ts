// Japanese messages (typed by `Messages`: a missing or misspelt key is a compile error), in the polite です・ます form.
// Microsoft's own wording is quoted only where the Entra facts reference confirms it (§1b: the Japanese Entra text
// of "We couldn't find an account with that username"); other Microsoft UI is described, not quoted.
import type { Messages } from './en.ts';

type T = { tenant: string };

export const ja: Messages = {
  lang: 'ja',
  languageName: '日本語',
  languageSwitchLabel: '言語',
  skipToContent: 'メイン コンテンツへ移動',
  siteName: 'guestpass',
  siteTagline: 'Microsoft Entra 組織のゲスト向けサインイン ヘルプ',
  demoLabel: 'デモ',
  demoBanner:
    'デモ モード: このポータルは Microsoft ではなく、Microsoft Entra をローカルで再現したものと通信しています。実際のメールは送信されません。',
  demoOutboxLink: '再現環境が「送信」したメールを見る',
  footer: 'guestpass は、ゲストが招待元の組織にサインインできるようにお手伝いします。アカウントを作成することはありません。',

  homeTitle: 'ゲスト サインイン ポータル',
  homeIntro: 'あなたを招待した組織を選んでください。',
  homeEmpty: 'まだ組織が設定されていません。',

  tenantTitle: ({ tenant }: T) => `${tenant} のゲストとしてサインイン`,
  tenantIntro: ({ tenant }: T) =>
    `${tenant} があなたをゲストとして招待しました。下のリンクから ${tenant} のサインイン ページに直接移動できます。Gmail、Outlook.com、職場のアカウントのいずれでも使えます。`,
  bookmarkHint: 'このページか、よく使うリンクをブックマークしてください:',
  signInHeading: 'サインイン',
  qrFor: ({ name }: { name: string }) => `${name} の QR コード`,
  showQr: 'QR コード',

  accountHeading: 'どの種類のアカウントをお使いですか?',
  accountIntro:
    '招待を受け取ったメール アドレスを入力すると、そのアドレスで使えるリンクと手順を表示します。入力内容は保存されません。',
  emailLabel: 'メール アドレス',
  showSteps: '手順を表示',
  orPick: 'または、アカウントの種類を選んでください:',
  pickGoogle: 'Gmail または Google アカウント',
  pickMicrosoftAccount: 'Outlook.com、Hotmail、Live (個人用 Microsoft アカウント)',
  pickOther: '職場または学校のアカウント、その他のアドレス',
  adviceHeadingGoogle: 'お使いのアドレスは Google のアドレスです',
  adviceHeadingMicrosoftAccount: 'お使いのアドレスは個人用 Microsoft アカウントです',
  adviceHeadingOther: 'お使いのアドレスは職場、学校、またはその他のアドレスです',
  adviceWhyGoogle: ({ tenant }: T) =>
    `Gmail のアドレスは Microsoft アカウントではありません。共通の My Apps ページ (myapps.microsoft.com) はどの組織があなたを招待したのかを判断できないため、「そのユーザー名のアカウントが見つかりませんでした」と表示します。下のリンクは、あなたの招待を把握している ${tenant} のサインイン ページを開きます。`,
  adviceWhyMicrosoftAccount: ({ tenant }: T) =>
    `共通の My Apps ページでは個人用 Microsoft アカウントにサインインするため、${tenant} のアプリは表示されません。また、別の場所を探してしまい、アカウントが見つからないと表示されることもあります。下のリンクは ${tenant} のサインイン ページを開きます。`,
  adviceWhyOther: ({ tenant }: T) =>
    `共通の My Apps ページは、あなたのアドレスをあなた自身の組織で (あるいはどこでもない場所で) 探すため、「そのユーザー名のアカウントが見つかりませんでした」と表示されることがあります。下のリンクは、あなたの招待を把握している ${tenant} のサインイン ページを開きます。`,
  stepsGoogle: [
    '下のリンクを開き、ブックマークします。',
    'Gmail のアドレスを入力して先に進みます。',
    'Google でサインインするか、Microsoft からメールで届くワンタイム コードを入力します。',
  ],
  stepsMicrosoftAccount: [
    '下のリンクを開き、ブックマークします。',
    'Outlook.com または Hotmail のアドレスを入力して先に進みます。',
    'Microsoft アカウントのパスワードでサインインします。初回は、求められたアクセス許可を承諾します。',
  ],
  stepsOther: [
    '下のリンクを開き、ブックマークします。',
    'アドレスを入力して先に進みます。',
    '職場または学校のパスワードでサインインします。組織が Microsoft を使っていない場合は、メールで届くワンタイム コードを入力します。',
  ],
  openMyApps: ({ tenant }: T) => `${tenant} の My Apps を開く`,
  privateWindowTip:
    '別の Microsoft アカウントで既にサインインしていますか? 正しいアカウントが使われるよう、プライベート ウィンドウを使ってください。',

  lostHeading: '招待メールが見つかりませんか?',
  lostIntro: '招待が送られたメール アドレスを入力してください。まだ承諾されていない招待があれば、もう一度送信します。',
  sendAgain: '招待をもう一度送信',
  resendUnavailable: ({ tenant, contact }: { tenant: string; contact?: string }) =>
    `このポータルでは ${tenant} の招待を再送信できません。${contact ?? 'あなたを招待した担当者'} に再送信を依頼してください。`,

  extensionHeading: 'ブラウザーに任せましょう',
  extensionText: ({ tenant }: T) =>
    `Chrome と Edge 用の guestpass 拡張機能は、Microsoft のサインイン ページに「そのユーザー名のアカウントが見つかりませんでした」と表示されたことを検出し、${tenant} でのサインインを代わりに続けます。`,
  cardLink: 'QR コード付きの印刷用カード (管理者向け)',

  resendAcceptedTitle: 'リクエストを受け付けました',
  resendAccepted: ({ tenant }: T) => `このアドレスに ${tenant} からの招待がある場合は、招待メールが送信されます。`,
  spamHint:
    '数分たっても届かない場合は、迷惑メール フォルダーに Microsoft Invitations (invites@microsoft.com) からのメールがないか確認してください。組織でメールがフィルターされている場合は、この送信者を許可するよう IT 部門に依頼してください。',
  nationalCloudsHint:
    'Microsoft の国内クラウドを利用している組織からは、別のアドレスから送信されます: invites@azuread.us (US Government)、Invites@oe.21vianet.com (中国、21Vianet が運営)。',
  alreadyAccepted: '既に承諾済みですか? こちらからサインインしてください:',
  backToTenant: ({ tenant }: T) => `${tenant} のゲスト ページに戻る`,
  invalidAddressTitle: 'アドレスを確認してください',
  emailRequired: '招待が送られたメール アドレスを入力してください。',
  rateLimitedTitle: 'リクエストが多すぎます',
  rateLimited: ({ minutes }: { minutes: number }) =>
    `この場所からのリクエストが多すぎます。${minutes} 分後にもう一度お試しください。`,
  formExpiredTitle: 'このフォームは有効期限が切れています',
  formExpired: '前のページに戻り、ページを再読み込みしてから、もう一度フォームを送信してください。',
  resendUnavailableTitle: '再送信は利用できません',

  requestHeading: 'まだ招待されていませんか?',
  requestTeaser: ({ tenant }: T) => `${tenant} にアクセスを申請できます。お名前と理由を伝えると、${tenant} の担当者が判断します。`,
  requestLink: 'アクセスを申請する',
  requestTitle: ({ tenant }: T) => `${tenant} へのアクセス申請`,
  requestIntro: ({ tenant }: T) => `${tenant} の担当者が申請を読んで判断します。承認されると、Microsoft から招待メールが届きます。`,
  requestNameLabel: 'お名前',
  requestOrganisationLabel: '所属組織',
  requestReasonLabel: 'アクセスが必要な理由',
  requestSponsorLabel: ({ tenant }: T) => `あなたを知っている ${tenant} の方のメール アドレス (任意)`,
  requestSubmit: '申請を送信',
  requestPrivacyHeading: '入力内容の扱い',
  requestPrivacy: ({ tenant, expireDays, deleteDays }: { tenant: string; expireDays: number; deleteDays: number }) =>
    `入力内容は、申請を判断する ${tenant} の担当者だけが見ます。${expireDays} 日以内に判断されない申請は期限切れになり、入力内容はすべて判断または期限切れの ${deleteDays} 日後に削除されます。`,
  requestsOff: ({ tenant, contact }: { tenant: string; contact?: string }) =>
    `${tenant} はこのポータルでアクセス申請を受け付けていません。${contact ?? '先方のご担当者'} に招待を依頼してください。`,
  requestsInvitesOff: ({ tenant, contact }: { tenant: string; contact?: string }) =>
    `${tenant} は現在ゲストの招待を誰にも許可していないため、アクセス申請は停止中です。${contact ?? '先方のご担当者'} にお問い合わせください。`,
  requestsUnavailableTitle: 'アクセス申請は利用できません',
  requestAcceptedTitle: '申請を送信しました',
  requestAccepted: ({ tenant }: T) =>
    `ありがとうございます。${tenant} が承認した場合、またはすでに招待が届いている場合は、Microsoft から招待メールが届きます。それ以外にこちらからご連絡することはありません。`,
  requestErrorTitle: '申請内容をご確認ください',
  requestMissing: 'この項目を入力してください。',
  requestTooLong: ({ max }: { max: number }) => `${max} 文字以内で入力してください。`,

  notFoundTitle: 'ページが見つかりません',
  notFoundText: 'このアドレスには何もありません。受け取ったリンクを確認してください。',
  tenantNotFoundTitle: '組織が見つかりません',
  tenantNotFound: ({ tenant }: T) =>
    `このポータルは「${tenant}」という組織を扱っていません。受け取ったリンクを確認するか、下から組織を選んでください。`,
  tenantMalformed: ({ tenant, problem }: { tenant: string; problem: string }) =>
    `「${tenant}」は組織の名前でも ID でもありません。${problem}リンクは /t/contoso.onmicrosoft.com のような形式です。`,
  linkNotFoundTitle: 'リンクを利用できません',
  linkNotFound: ({ kind, tenant }: { kind: string; tenant: string }) =>
    `${tenant} には「${kind}」のリンクがありません。ゲスト ページのリンクから選んでください。`,
  badHintTitle: 'このリンクに含まれるアドレスを確認してください',
  badRequestTitle: 'リクエストを読み取れませんでした',
  unsupportedMediaType: 'フォームを送信するか、Content-Type: application/json で JSON を送信してください。',
  payloadTooLarge: 'リクエストが大きすぎます。',
  malformedJson: 'リクエスト本文の JSON の形式が正しくありません。',
  forbiddenOriginTitle: '別のサイトからのリクエスト',
  forbiddenOrigin: 'このリクエストはポータル自身から送信されたものではないため、拒否されました。',
  serverErrorTitle: '問題が発生しました',
  serverError: 'こちら側で問題が発生しました。しばらくしてからもう一度お試しください。',

  cardTitle: ({ tenant }: T) => `${tenant} のゲストとしてサインインするには`,
  cardIntro: 'このカードは保管しておいてください。サインインするときは、いつでもこのアドレスを使ってください (またはコードをスキャンしてください):',
  cardFirstStep: '上のアドレスを開き (またはコードをスキャンし)、ブックマークします。',
  cardGmailHeading: 'Gmail のアドレスの場合',
  cardPrintHint: 'このページを印刷するか PDF として保存して、ゲストに送ってください。',

  outboxTitle: 'デモの送信トレイ',
  outboxIntro: 'このデモで Microsoft の再現環境が送信した招待メールです。新しい順に表示しています。',
  outboxEmpty: 'まだメールは送信されていません。組織のページで招待をリクエストしてください。',
  outboxTo: '宛先',
  outboxTenant: '組織',
  outboxSent: '送信日時',
  outboxLink: '招待リンク',

  addressProblems: {
    empty: () => 'メール アドレスを入力してください。',
    'too-long': () => 'メール アドレスは 254 文字以内で入力してください。',
    'local-too-long': () => '「@」より前の部分は 64 文字以内で入力してください。',
    'domain-too-long': () => '「@」より後のドメインが長すぎます。',
    incomplete: () => 'name@example.com のような完全なメール アドレスを入力してください。',
    'two-at': () => 'メール アドレスに含められる「@」は 1 つだけです。',
    plus: () =>
      'Microsoft Entra では、招待するアドレスに「+」を使用できません。「+…」の部分を除いたアドレス (例: name@gmail.com) を使ってください。',
    spaces: () => 'メール アドレスにスペースを含めることはできません。',
    character: ({ character }) => `Microsoft Entra では、招待するアドレスに「${character}」という文字を使用できません。`,
    dots: () => '「@」より前の部分は、ドットで始めたり終えたりすることも、ドットを 2 つ続けることもできません。',
    'domain-trailing-dot': () => '「@」より後のドメインをドットで終えることはできません。',
    'not-a-domain': () => '「@」より後には、example.com のようなドメイン名を入力してください。',
    'not-a-full-domain': () => '「@」より後には、example.com のような完全なドメイン名を入力してください。',
  },
  tenantProblems: {
    'enter-domain': () => 'ドメイン名を入力してください。',
    'too-long': () => 'その名前は 253 文字を超えています。',
    scheme: () => '「https://」などのスキームを付けずに、名前だけを入力してください。',
    userinfo: () => 'メール アドレスや「user@」を付けずに、組織のドメインを入力してください。',
    path: () => 'パス、「?」、「#」を付けずに、名前だけを入力してください。',
    'ip-address': () => 'IP アドレスはテナントではありません。ドメイン名またはテナント ID を入力してください。',
    port: () => '「:ポート」を付けずに、名前だけを入力してください。',
    spaces: () => '名前にスペースまたは制御文字が含まれています。',
    percent: () => '名前に「%」が含まれています。',
    'not-a-domain': () => '有効なドメイン名ではありません。',
    'label-too-long': () => 'その名前の一部 (ドットとドットの間) が 63 文字を超えています。',
    'letters-digits-hyphens': () => 'ドメイン名のドットの間に使えるのは、英字、数字、ハイフンだけです。',
    'enter-tenant': () => 'テナント ID またはドメインを入力してください。',
    'consumer-id': () => 'その ID は個人用アカウントのための Microsoft のテナントで、組織のものではありません。',
    'reserved-bare': ({ value }) =>
      `「${value}」は特定の組織ではなく、任意の組織を表します。組織のテナント ID またはドメインを入力してください。`,
    'single-label': ({ value }) =>
      `「${value}」は完全なドメインではありません。「${value}.onmicrosoft.com」または組織独自のドメインをお試しください。`,
    'reserved-value': ({ value }) => `「${value}」は特定の組織ではなく、任意の組織を表します。`,
    'onmicrosoft-alone': () => '「name.onmicrosoft.com」のように、前に組織の名前を付けて入力してください。',
  },
  linkProblems: {
    'missing-app-id': () => 'このリンクにはアプリケーション (クライアント) ID (appId) が必要です。',
    'missing-sharepoint-url': () => 'このリンクには SharePoint サイトのアドレス (sharepointUrl) が必要です。',
    'missing-client-id': () => 'このリンクにはアプリケーション (クライアント) ID (clientId) が必要です。',
    'missing-redirect-uri': () => 'このリンクにはアプリケーションのリダイレクト URI (redirectUri) が必要です。',
    'login-hint': () => 'サインイン名は、スペースを含まない 256 文字以内の 1 つのアドレスにしてください。',
    unsafe: () => 'リンクを安全に作成できませんでした。',
    tenant: () => '組織が有効なテナント ID またはドメインではありません。',
    'teams-needs-guid': () => 'Teams のリンクには、ドメイン名ではなくテナント ID (GUID) が必要です。',
    'app-id': () => 'アプリケーション ID は 00000000-0000-0000-0000-000000000000 のような GUID にしてください。',
    'sharepoint-url': () => 'SharePoint のアドレスは、https:// で始まる完全なアドレスにしてください。',
    'sharepoint-https': () => 'SharePoint のアドレスは https:// で始めてください。',
    'sharepoint-credentials': () => 'SharePoint のアドレスにユーザー名、パスワード、ポートを含めることはできません。',
    'sharepoint-host': () => 'SharePoint のアドレスは <name>.sharepoint.com 上にしてください。',
    'client-id': () => 'クライアント ID は GUID にしてください。',
    'redirect-uri': () => 'リダイレクト URI は完全なアドレスにしてください。',
    'redirect-https': () => 'リダイレクト URI は https:// のアドレス (または http://localhost) にしてください。',
    scope: () => 'スコープは、スペースで区切ったスコープの一覧にしてください。',
    'unknown-kind': ({ kind }) => `不明なリンクの種類です: 「${kind}」。`,
  },

  linkNames: {
    myapps: 'My Apps',
    myaccount: 'My Account',
    'azure-portal': 'Azure portal',
    entra: 'Microsoft Entra 管理センター',
    teams: 'Microsoft Teams',
    app: '1 つのアプリケーション',
    sharepoint: 'SharePoint サイト',
    authorize: 'アプリケーションへのサインイン',
  },

  linkDescriptions: {
    myapps: 'あなたに割り当てられたすべてのアプリを 1 か所で利用できます。',
    myaccount: 'この組織でのゲスト プロファイル、セキュリティ情報、所属している組織。',
    'azure-portal': 'この組織の Azure portal。',
    entra: 'この組織の Microsoft Entra 管理センター。',
    teams: 'この組織を選択した状態の Microsoft Teams。',
    app: 'この組織があなたと共有しているアプリ。',
    sharepoint: 'この組織の SharePoint サイト。',
    authorize: 'アプリケーションにサインインします。',
  },
};
