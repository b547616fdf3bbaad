import { defineWebExtConfig } from 'wxt';

// This machine and CI have no display: never let `wxt` dev mode try to open a browser.
export default defineWebExtConfig({ disabled: true });
