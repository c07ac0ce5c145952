// Switches a test (or a person using the CLI) flips to put the sign-in pages into a given state.
import { z } from 'zod';

export type ForcedErrorCode = 50020 | 50034 | 90072 | 16000;

export interface Scenario {
  /** Which sign-in page markup is served: the Knockout "ConvergedSignIn" page or the newer Fluent markup (facts §1a). */
  markup: 'converged' | 'fluent';
  /** Show this AADSTS error page once a username is submitted (only for `address`, when given). */
  forcedError?: { code: ForcedErrorCode; address?: string };
  /** GetCredentialType answers ThrottleStatus 1 (facts §1d); the page then shows its "too many requests" message. */
  throttleCredentialLookups?: boolean;
}

export function defaultScenario(): Scenario {
  return { markup: 'converged' };
}

export const scenarioPatchSchema = z
  .object({
    markup: z.enum(['converged', 'fluent']).optional(),
    forcedError: z
      .object({
        code: z.union([z.literal(50020), z.literal(50034), z.literal(90072), z.literal(16000)]),
        address: z.string().min(3).max(320).optional(),
      })
      .strict()
      .nullable()
      .optional(),
    throttleCredentialLookups: z.boolean().optional(),
  })
  .strict();

/** A holder so every part of one emulator sees the same, current scenario. */
export interface ScenarioHolder {
  current(): Scenario;
  set(patch: Partial<Scenario> | { forcedError: null }): void;
  reset(): void;
}

export function createScenarioHolder(): ScenarioHolder {
  let scenario = defaultScenario();
  return {
    current: () => scenario,
    set(patch) {
      const next: Scenario = { ...scenario };
      if ('markup' in patch && patch.markup) next.markup = patch.markup;
      if ('throttleCredentialLookups' in patch) {
        if (patch.throttleCredentialLookups) next.throttleCredentialLookups = true;
        else delete next.throttleCredentialLookups;
      }
      if ('forcedError' in patch) {
        if (patch.forcedError) next.forcedError = { ...patch.forcedError };
        else delete next.forcedError;
      }
      scenario = next;
    },
    reset() {
      scenario = defaultScenario();
    },
  };
}
