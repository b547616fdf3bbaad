/**
 * One shadow host per document for every guard UI. Events that start inside it stop at the host, so the
 * console's own hotkeys and "click outside" handlers never see the agent typing a justification.
 */
import { createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { GuardLayer } from './GuardLayer';
import type { GuardActions, ViewStore } from './store';
import { GUARD_CSS } from './styles';

export const HOST_TAG = 'draftguard-ui';
const ISOLATED_EVENTS = ['keydown', 'keyup', 'keypress', 'beforeinput', 'input', 'change', 'paste', 'copy', 'cut', 'compositionstart', 'compositionupdate', 'compositionend', 'focusin', 'focusout', 'click', 'dblclick', 'mousedown', 'mouseup', 'pointerdown', 'pointerup', 'touchstart', 'touchend', 'submit', 'wheel', 'contextmenu'];

export interface MountedUi {
  host: HTMLElement;
  shadow: ShadowRoot;
  /** Container for imperatively drawn overlays (textarea underlines), below the React layer. */
  overlays: HTMLElement;
  unmount(): void;
}

export function mountGuardUi(store: ViewStore, actions: GuardActions): MountedUi {
  const host = document.createElement(HOST_TAG);
  host.setAttribute('data-draftguard', '');
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = GUARD_CSS;
  const overlays = document.createElement('div');
  overlays.className = 'layer';
  overlays.setAttribute('aria-hidden', 'true');
  const app = document.createElement('div');
  shadow.append(style, overlays, app);
  for (const type of ISOLATED_EVENTS) host.addEventListener(type, (e) => e.stopPropagation());
  const attach = () => {
    // Outside <body>: single-page apps that replace the body keep the host.
    if (!host.isConnected) document.documentElement.append(host);
  };
  attach();
  const keeper = new MutationObserver(attach);
  keeper.observe(document.documentElement, { childList: true });
  const root: Root = createRoot(app);
  root.render(createElement(GuardLayer, { store, actions }));
  return {
    host,
    shadow,
    overlays,
    unmount() {
      keeper.disconnect();
      root.unmount();
      host.remove();
    },
  };
}
