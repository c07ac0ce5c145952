// Signatures of Microsoft's sign-in page and its error states (facts file, section 1). CONTRACT (implementation pending).

export type SignInPageState =
  | { state: 'account-not-found'; signal: string; username?: string } // "We couldn't find an account with that username"
  | { state: 'username-may-be-incorrect'; signal: string; username?: string }
  | { state: 'personal-account-not-allowed'; signal: string; username?: string }
  | { state: 'aadsts-error'; code: number; signal: string }
  | { state: 'none'; reason: 'not-a-sign-in-page' | 'no-error-shown' | 'unrecognised-error' };

/** Every selector and signal used anywhere; nothing else in the codebase hard-codes Microsoft's DOM. */
export const SIGN_IN_SELECTORS = {} as const;

export function classifySignInPage(root: ParentNode): SignInPageState {
  void root;
  throw new Error('classifySignInPage: implementation pending');
}
