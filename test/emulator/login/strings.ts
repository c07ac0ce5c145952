// The sign-in page's visible strings. English and Japanese; `mkt` / `ui_locales` choose (facts §1b).
// Verbatim where the facts file quotes Microsoft; the rest is the emulator's own wording (see README).

export type Locale = 'en-US' | 'ja-JP';

export interface PageStrings {
  htmlLang: string;
  title: string;
  signInHeading: string;
  usernamePlaceholder: string;
  next: string;
  back: string;
  signIn: string;
  /** facts §1b: generic endpoint, no Entra or MSA account. */
  accountNotFound: string;
  /** facts §1b: tenant endpoint, user not found. */
  usernameMayBeIncorrect: string;
  /** The link inside accountNotFound on the captured page (real-behaviour §1: `<a id="idA_PWD_SignUp">`). */
  accountNotFoundLink: string;
  enterValidUsername: string;
  throttled: string;
  /** The account-type (IdP disambiguation) view the page shows for a lookup without a verdict (real-behaviour §3). */
  accountTypeHeading: string;
  workOrSchoolAccount: string;
  personalAccount: string;
  passwordLabel: string;
  enterCodeHeading: string;
  codeSentTo: (address: string) => string;
  codePlaceholder: string;
  wrongCode: string;
  enterPasswordHeading: string;
  passwordPlaceholder: string;
  wrongPassword: string;
  expiredCode: string;
  errorHeading: string;
  consentHeading: string;
  consentIntro: (tenant: string) => string;
  consentPermissions: string;
  accept: string;
  cancel: string;
  invalidInvitation: string;
  genericError: string;
}

const EN: PageStrings = {
  htmlLang: 'en',
  title: 'Sign in to your account',
  signInHeading: 'Sign in',
  usernamePlaceholder: 'Email, phone, or Skype',
  next: 'Next',
  back: 'Back',
  signIn: 'Sign in',
  accountNotFound: "We couldn't find an account with that username. Try another, or get a new Microsoft account.",
  usernameMayBeIncorrect: 'This username may be incorrect. Make sure you typed it correctly. Otherwise, contact your admin.',
  accountNotFoundLink: 'get a new Microsoft account',
  enterValidUsername: 'Enter a valid email address, phone number, or Skype name.',
  throttled: "We've received too many requests. Please wait a moment and try again.",
  accountTypeHeading: 'It looks like this email is used with more than one account from Microsoft. Which one do you want to use?',
  workOrSchoolAccount: 'Work or school account',
  personalAccount: 'Personal account',
  passwordLabel: 'Password',
  enterCodeHeading: 'Enter code',
  codeSentTo: (a) => `We just sent a code to ${a}`,
  codePlaceholder: 'Code',
  wrongCode: "That code didn't work. Check the code and try again.",
  enterPasswordHeading: 'Enter password',
  passwordPlaceholder: 'Password',
  wrongPassword: 'Your account or password is incorrect. If you don\'t remember your password, reset it now.',
  expiredCode: 'That code has expired. Go back and request a new code.',
  errorHeading: 'Sign in',
  consentHeading: 'Review permissions',
  consentIntro: (t) => `${t} would like to:`,
  consentPermissions: 'Permissions requested by: Sign you in and read your profile (name, email address, photo).',
  accept: 'Accept',
  cancel: 'Cancel',
  invalidInvitation: "This invitation link isn't valid. Ask the person who invited you for a new invitation.",
  genericError: 'Something went wrong. Please try again.',
};

const JA: PageStrings = {
  htmlLang: 'ja',
  title: 'アカウントにサインイン',
  signInHeading: 'サインイン',
  usernamePlaceholder: 'メール、電話、Skype',
  next: '次へ',
  back: '戻る',
  signIn: 'サインイン',
  // facts §1b: verbatim (University of Tokyo UTAC FAQ copy).
  accountNotFound: 'そのユーザー名のアカウントが見つかりませんでした。別のユーザー名を入力するか、新しい Microsoft アカウントを取得してください',
  usernameMayBeIncorrect: 'このユーザー名は正しくない可能性があります。正しく入力したことを確認してください。それでも問題が解決しない場合は、管理者に問い合わせてください。',
  accountNotFoundLink: '新しい Microsoft アカウントを取得',
  enterValidUsername: '有効なメール アドレス、電話番号、または Skype 名を入力してください。',
  throttled: '要求が多すぎます。しばらく待ってからもう一度お試しください。',
  accountTypeHeading: 'このメールは、Microsoft の複数のアカウントで使用されているようです。どちらを使用しますか?',
  workOrSchoolAccount: '職場または学校アカウント',
  personalAccount: '個人用アカウント',
  passwordLabel: 'パスワード',
  enterCodeHeading: 'コードの入力',
  codeSentTo: (a) => `${a} にコードを送信しました`,
  codePlaceholder: 'コード',
  wrongCode: 'そのコードは正しくありません。コードを確認して、もう一度お試しください。',
  enterPasswordHeading: 'パスワードの入力',
  passwordPlaceholder: 'パスワード',
  wrongPassword: 'アカウントまたはパスワードが正しくありません。',
  expiredCode: 'そのコードは有効期限が切れています。戻って新しいコードを要求してください。',
  errorHeading: 'サインイン',
  consentHeading: 'アクセス許可の確認',
  consentIntro: (t) => `${t} は次のことを求めています:`,
  consentPermissions: '要求されているアクセス許可: サインインとプロファイル (名前、メール アドレス、写真) の読み取り。',
  accept: '承諾',
  cancel: 'キャンセル',
  invalidInvitation: 'この招待リンクは無効です。招待した人に新しい招待を依頼してください。',
  genericError: '問題が発生しました。もう一度お試しください。',
};

export const STRINGS: Record<Locale, PageStrings> = { 'en-US': EN, 'ja-JP': JA };

/** `mkt` wins over `ui_locales` (first tag); anything Japanese → ja-JP, everything else → en-US. */
export function pickLocale(mkt: unknown, uiLocales: unknown): Locale {
  for (const value of [mkt, uiLocales]) {
    if (typeof value !== 'string' || !value.trim()) continue;
    const first = value.trim().split(/[\s,]+/)[0]!.toLowerCase();
    return first === 'ja' || first.startsWith('ja-') ? 'ja-JP' : 'en-US';
  }
  return 'en-US';
}
