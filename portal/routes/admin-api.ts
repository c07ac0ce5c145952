// The admin console's API under /admin/api (issue 9): bearer-token authenticated, RFC 9457 problem answers.
// Empty for now: the routes arrive with the token validation.
import type { Express } from 'express';
import type { RouteContext } from '../http/context.ts';

export function registerAdminApiRoutes(_app: Express, _ctx: RouteContext): void {}
