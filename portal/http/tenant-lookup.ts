// Resolving the `:tenant` URL segment to a configured tenant: exact identifiers (key, GUID, domain) from an index
// built once, anything else (other case, URL forms) through parseTenant; unknown tenants get a 404 with the list.
import type { Request, Response } from 'express';
import { h } from 'preact';
import { parseTenant } from '../../shared/tenant.ts';
import { findTenant, type TenantConfig } from '../config/index.ts';
import type { View } from '../pages/layout.tsx';
import { TenantList } from '../pages/simple.tsx';
import type { Responder } from './send.ts';

export function createTenantLookup(
  tenants: readonly TenantConfig[],
  view: (req: Request) => View,
  { sendMessage }: Responder,
): (req: Request, res: Response) => TenantConfig | undefined {
  /** Exact identifiers (key, GUID, domain) → tenant: the common case skips parsing; anything else goes through parseTenant. */
  const tenantIndex = new Map<string, TenantConfig>();
  for (const t of tenants) for (const id of [t.key, t.tenantId, t.domain]) if (id) tenantIndex.set(id, t);

  return (req, res) => {
    const segment = String(req.params.tenant ?? '');
    const tenant = tenantIndex.get(segment.toLowerCase()) ?? findTenant(tenants, segment);
    if (tenant) return tenant;
    const { m } = view(req);
    const shown = segment.length > 80 ? `${segment.slice(0, 80)}…` : segment;
    const parsed = parseTenant(segment);
    const text = parsed.ok
      ? m.tenantNotFound({ tenant: shown })
      : m.tenantMalformed({ tenant: shown, problem: m.tenantProblems[parsed.problem]({ value: parsed.value ?? '' }) });
    sendMessage(req, res, 404, m.tenantNotFoundTitle, text, undefined, undefined, h(TenantList, { view: view(req), tenants }));
    return undefined;
  };
}
