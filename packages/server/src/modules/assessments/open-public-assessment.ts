import { getInstrument, optionsForItem, type Locale } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import { throttlePublic, usableLink } from './public-link.ts';

export interface PublicInstrumentView {
  instrument: string;
  version: string;
  language: Locale;
  shortName: string;
  title: string;
  instructions: string;
  recallPeriod: string;
  expiresAt: string;
  items: { linkId: string; text: string; optional: boolean; options: { score: number; label: string }[] }[];
}

/**
 * What a person sees when opening a self-administration link, without an account: the instrument in the
 * chosen language (the link's language by default). Nothing about the person is shown: whoever holds
 * the link sees only the questions.
 */
export async function openPublicAssessment(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  input: { token: string; clientIp: string; language?: Locale | undefined },
): Promise<PublicInstrumentView> {
  const tokenHash = await throttlePublic(ctx, input.token, input.clientIp);
  const link = await usableLink(ctx.db, tokenHash, ctx.clock());
  const { definition } = getInstrument(link.instrument, link.instrumentVersion);
  const lang = input.language ?? link.language;
  return {
    instrument: definition.id,
    version: definition.version,
    language: lang,
    shortName: definition.shortName,
    title: definition.title[lang],
    instructions: definition.instructions[lang],
    recallPeriod: definition.recallPeriod[lang],
    expiresAt: link.expiresAt.toISOString(),
    items: definition.items.map((item, i) => ({
      linkId: item.linkId,
      text: item.text[lang],
      optional: item.appliesTo !== undefined || item.skipWhen !== undefined,
      options: optionsForItem(definition, i).map((o) => ({ score: o.score, label: o.label[lang] })),
    })),
  };
}
