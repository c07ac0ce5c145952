// A third demo tenant on the free tier (issue 12): no Entra ID P1 — so Conditional Access is not enforced and
// sign-in activity is unavailable — and email one-time passcode switched off for guests.
export const FREE_TENANT = {
  id: '5d1f7e9a-3c2b-4f6d-8e1a-f4ee00000003',
  domain: 'northwindfree.onmicrosoft.com',
  displayName: 'Northwind Free (demo)',
} as const;
