/**
 * Composer guard content script: document_start, every frame (about:blank and srcdoc frames by their
 * creator's origin), on the default consoles; sites added by policy are registered at run time by the
 * background (lib/guard/background.ts).
 */
import { DEFAULT_MATCHES } from '@/lib/guard/defaults';
import { startComposerGuard } from '@/lib/guard/content-main';

export default defineContentScript({
  matches: DEFAULT_MATCHES,
  runAt: 'document_start',
  allFrames: true,
  matchAboutBlank: true,
  matchOriginAsFallback: true,
  main(ctx) {
    startComposerGuard(ctx.signal);
  },
});
