// `npm run health`'s entry in the build (dist/portal/health.mjs, production dependencies only): runs the command.
// From source, `npm run health:dev` runs portal/health/cli.ts with tsx.
import { runAsProcess } from './cli.ts';

runAsProcess();
