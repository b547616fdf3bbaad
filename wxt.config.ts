import { defineConfig } from 'wxt';

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  manifest: {
    name: 'Draftguard',
    description: 'Checks collection chat and SMS drafts against compliance rules before they are sent.',
  },
  zip: { excludeSources: ['tests/**', '.ci/**', 'rules/packs/dist/**'] },
});
