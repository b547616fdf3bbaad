import { defineConfig } from 'wxt';

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  manifest: {
    name: 'Draftguard',
    description: 'Checks collection chat and SMS drafts against compliance rules before they are sent.',
    // storage: packs, policy, audit; alarms: scheduled pack updates; scripting + tabs: guard tabs that were open
    // before install and sites added by policy at run time.
    permissions: ['storage', 'alarms', 'scripting', 'tabs', 'unlimitedStorage'],
    host_permissions: ['<all_urls>'],
    // Firefox gives managed storage (policies.json "3rdparty") only to an add-on with a fixed id.
    browser_specific_settings: { gecko: { id: 'draftguard@draftguard.app', strict_min_version: '115.0' } },
    // Enterprise policy (Chrome/Edge managed storage); mirrors lib/policy/schema.ts, see docs/admin.md.
    storage: { managed_schema: 'managed_schema.json' },
  },
  zip: { excludeSources: ['tests/**', '.ci/**', 'rules/packs/dist/**'] },
});
