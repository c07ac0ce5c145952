// GET /applications(appId='{appId}') (application-get.md): an app registration with its credentials' metadata — what
// the portal's tenant health reads to warn before a secret or certificate expires. Secret values are never returned
// (`secretText` is null, `hint` is the first three characters), as Graph does.
import { createHash } from 'node:crypto';
import type { AppRegistration } from '../directory.ts';
import { appSecrets } from '../login/token-endpoint.ts';
import { graphError, odataContext, requireRole, type GraphCall, type GraphResponse } from './graph-call.ts';

const APPLICATION_READ = ['Application.Read.All', 'Application.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];

/** `applications(appId='…')` → the app id, or undefined when the segment is not that form. */
export function appIdKey(segment: string): string | undefined {
  return /^applications\(appId='([^']{1,64})'\)$/i.exec(segment)?.[1];
}

/** A stable object id for an app registration (Graph's `id` differs from `appId`). */
function objectId(app: AppRegistration): string {
  const h = createHash('sha256').update(`application:${app.clientId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function getApplication(call: GraphCall, appId: string): GraphResponse {
  const denied = requireRole(call, APPLICATION_READ);
  if (denied) return denied;
  const app = call.caller.tenant.apps.find((a) => a.clientId.toLowerCase() === appId.toLowerCase());
  if (!app) return graphError(call, 404, 'Request_ResourceNotFound', `Resource '${appId}' does not exist or one of its queried reference-property objects are not present.`);
  const created = call.state.now().toISOString();
  return {
    status: 200,
    body: {
      '@odata.context': odataContext(call, 'applications/$entity'),
      id: objectId(app),
      appId: app.clientId,
      displayName: app.displayName,
      identifierUris: app.api?.identifierUris ?? [],
      api: { requestedAccessTokenVersion: app.api?.requestedAccessTokenVersion ?? null },
      passwordCredentials: appSecrets(app).map((secret) => ({
        customKeyIdentifier: null,
        displayName: secret.keyId === 'primary' ? 'primary' : ((app.passwordCredentials ?? []).find((p) => p.keyId === secret.keyId)?.displayName ?? null),
        endDateTime: secret.endDateTime ?? '2299-12-31T00:00:00Z',
        hint: secret.secretText.slice(0, 3),
        keyId: secret.keyId === 'primary' ? objectId({ ...app, clientId: `${app.clientId}:secret` }) : secret.keyId,
        secretText: null,
        startDateTime: created,
      })),
      keyCredentials: app.certificatePem
        ? [{ customKeyIdentifier: null, displayName: 'certificate', endDateTime: app.certificateEndDateTime ?? '2299-12-31T00:00:00Z', keyId: objectId({ ...app, clientId: `${app.clientId}:cert` }), startDateTime: created, type: 'AsymmetricX509Cert', usage: 'Verify', key: null }]
        : [],
    },
  };
}
