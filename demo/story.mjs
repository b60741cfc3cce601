// The demo's story in one browser with the extension: the shop under "necessary only", Analytics
// allowed for the shop alone in the popup, the same analytics tag on the news site, and "Delete site
// data" reaching another browser through the native host. Each step is observed from outside (the
// demo server's log, the cookie jar, the other profile's file) and from the extension's popup, and
// handed to `tell` as soon as it is done. Screenshots go to `out`.
import { join } from 'node:path';
import { visitAndObserve } from './observe.mjs';
import { openPopup, tabIdOf } from './popup.mjs';
import { cookiesFor } from './other-browser.mjs';
import { NEWS_HOST, SHOP_HOST } from './site/server.mjs';

export const SHOP_URL = `https://${SHOP_HOST}/`;
export const NEWS_URL = `https://${NEWS_HOST}/`;
const SHOP_SITE = 'shop.example';

// The extension's account of a tab, reduced to what the report shows.
function extensionView(report) {
  return {
    categories: report?.categories ?? {},
    refusedWrites: (report?.cookieWrites ?? []).map((w) => ({ name: w.name, category: w.category, how: w.how, host: w.host })),
    removedFromJar: (report?.cookies ?? []).map((c) => ({ name: c.name, domain: c.domain, category: c.category })),
  };
}

export async function runStory({ browser, demo, out, otherBrowser, tell, pause = async () => {} }) {
  const shot = (name) => join(out, name);
  const context = browser.context;

  const shop = await context.newPage();
  const necessaryOnly = await visitAndObserve({ context, page: shop, demo, url: SHOP_URL });
  await shop.screenshot({ path: shot('1-shop-necessary-only.png') });
  const shopTab = await tabIdOf(browser, `${SHOP_URL}*`);
  let popup = await openPopup(browser, shopTab);
  necessaryOnly.extension = extensionView(await popup.tabReport());
  necessaryOnly.popupSummary = await popup.summary();
  await popup.toggleDetails();
  await popup.screenshot(shot('2-popup-necessary-only.png'));
  necessaryOnly.screenshots = ['1-shop-necessary-only.png', '2-popup-necessary-only.png'];
  await tell('necessaryOnly', necessaryOnly);
  await pause();

  await popup.allowForThisSite('analytics');
  await popup.toggleDetails();
  const stored = (await popup.state()).policy.sites;
  await popup.screenshot(shot('3-popup-analytics-allowed.png'));
  await popup.close();
  await shop.bringToFront();
  const override = await visitAndObserve({ context, page: shop, demo, url: SHOP_URL });
  override.stored = stored;
  popup = await openPopup(browser, shopTab);
  override.extension = extensionView(await popup.tabReport());
  override.popupSummary = await popup.summary();
  await popup.close();
  await shop.screenshot({ path: shot('4-shop-analytics-allowed.png') });
  override.screenshots = ['3-popup-analytics-allowed.png', '4-shop-analytics-allowed.png'];
  await tell('override', override);
  await pause();

  const newsPage = await context.newPage();
  const news = await visitAndObserve({ context, page: newsPage, demo, url: NEWS_URL });
  await newsPage.screenshot({ path: shot('5-news-site.png') });
  popup = await openPopup(browser, await tabIdOf(browser, `${NEWS_URL}*`));
  news.extension = extensionView(await popup.tabReport());
  news.popupSummary = await popup.summary();
  await popup.screenshot(shot('6-popup-news-site.png'));
  await popup.close();
  news.screenshots = ['5-news-site.png', '6-popup-news-site.png'];
  await tell('news', news);
  await pause();

  const deletion = {
    before: { here: (await context.cookies(SHOP_URL)).map((c) => c.name), other: cookiesFor(otherBrowser, SHOP_SITE) },
    otherBrowser: otherBrowser.name,
  };
  popup = await openPopup(browser, shopTab);
  Object.assign(deletion, await popup.deleteSiteData());
  await popup.screenshot(shot('7-popup-delete-site-data.png'));
  deletion.after = { here: (await context.cookies(SHOP_URL)).map((c) => c.name), other: cookiesFor(otherBrowser, SHOP_SITE) };
  deletion.newsKept = cookiesFor(otherBrowser, 'news.example');
  deletion.screenshots = ['7-popup-delete-site-data.png'];
  await tell('deletion', deletion);
  return { necessaryOnly, override, news, deletion };
}
