/** Live view of browser.storage.local keys: loads once, then follows storage.onChanged. */
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';

export function useLocalStorage(keys: readonly string[]): { values: Record<string, unknown>; loaded: boolean } {
  const [state, setState] = useState<{ values: Record<string, unknown>; loaded: boolean }>({ values: {}, loaded: false });
  const signature = keys.join('|');
  useEffect(() => {
    let alive = true;
    browser.storage.local.get([...keys]).then((values) => alive && setState({ values, loaded: true }));
    const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area !== 'local') return;
      const touched = keys.filter((k) => k in changes);
      if (!touched.length) return;
      setState((s) => {
        const values = { ...s.values };
        for (const k of touched) values[k] = changes[k]!.newValue;
        return { values, loaded: s.loaded };
      });
    };
    browser.storage.onChanged.addListener(listener);
    return () => {
      alive = false;
      browser.storage.onChanged.removeListener(listener);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signature]);
  return state;
}
