// The extension's popup, opened in a tab for a given browser tab (popup.html?tab=<id>, as the
// options page does) and used the way a person would: switches, buttons, and what it then shows.
import { askBackground, waitFor } from '../tests/e2e/extension/extension_browser.mjs';

const POPUP_SIZE = { width: 380, height: 640 };

export async function tabIdOf(browser, urlPattern) {
  return browser.worker.evaluate(async (pattern) => (await chrome.tabs.query({ url: pattern }))[0]?.id, urlPattern);
}

export async function openPopup(browser, tabId) {
  const popup = await browser.context.newPage();
  await popup.setViewportSize(POPUP_SIZE);
  await popup.goto(browser.extensionUrl(`pages/popup.html?tab=${tabId}`));
  await waitFor('the popup to show its site', async () => (await popup.locator('#site').innerText()) !== '—');
  await popup.locator('.category').nth(4).waitFor();
  return {
    page: popup,
    // The background's own account of the tab (what the popup's counts and details are made of).
    tabReport: () => askBackground(popup, 'getTabReport', { tabId }),
    state: () => askBackground(popup, 'getState'),
    summary: () => popup.locator('#summary').innerText(),
    async toggleDetails() {
      await popup.locator('#details summary').click();
    },
    async allowForThisSite(category) {
      await popup.locator(`.category[data-category=${category}] .switch`).click();
      await popup.locator(`.category[data-category=${category}] .pill`, { hasText: 'This site' }).waitFor();
    },
    // "Delete site data": the preview, confirmed; then this browser's result line and, from the
    // native host, one row per profile.
    async deleteSiteData() {
      await popup.locator('#delete').click();
      await popup.locator('#delete-confirm:enabled').waitFor({ timeout: 30000 });
      await popup.locator('#delete-confirm').click();
      await popup.locator('#elsewhere-list li').first().waitFor({ timeout: 30000 });
      await waitFor('the Delete button to be enabled again', () => popup.locator('#delete').isEnabled());
      const here = await popup.locator('#result').innerText();
      const elsewhere = await popup.locator('#elsewhere-list li').evaluateAll((items) => items.map((li) => ({
        text: [...li.children].map((c) => c.textContent).join(' — ') || li.textContent,
        title: li.title,
      })));
      return { here, elsewhere };
    },
    screenshot: (path) => popup.screenshot({ path, fullPage: true }),
    close: () => popup.close(),
  };
}
