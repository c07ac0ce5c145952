// Microsoft Graph's `invitedUserMessageInfo.messageLanguage` takes a culture code (facts §3; default en-US): the
// guest's language where guestpass knows it, as the culture Microsoft's invitation email is written in.
import { langOf, type Lang } from './index.ts';

const GRAPH_CULTURES: Record<Lang, string> = { en: 'en-US', de: 'de-DE', fr: 'fr-FR', es: 'es-ES', ja: 'ja-JP' };

/** `de`, `DE`, `de-AT` … → 'de-DE'; a language guestpass does not speak → undefined (Microsoft's default applies). */
export function graphMessageLanguage(tag: string | undefined): string | undefined {
  const lang = langOf(tag);
  return lang ? GRAPH_CULTURES[lang] : undefined;
}
