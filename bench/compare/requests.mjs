// The benchmark's request set: requests.jsonl in WARDEN_CORPUS_DIR (30,524 requests of a 2019
// crawl; not redistributable, so not in the repository), filtered and mapped as the public
// Ghostery/uBO benchmarks do: only http(s)/ws(s) requests from http(s)/ws(s) frames, Puppeteer
// resource types mapped to webRequest types.
import fs from 'node:fs';
import path from 'node:path';

// Puppeteer resource type -> webRequest type.
const WEBREQUEST_TYPE = {
  document: 'sub_frame', xhr: 'xmlhttprequest', fetch: 'xmlhttprequest',
  texttrack: 'other', manifest: 'other', eventsource: 'other',
};
const usable = (u) => typeof u === 'string' && /^(https?|wss?):/.test(u);

/** @returns {{ lines: number, requests: { url: string, frameUrl: string, cpt: string, type: string }[] }} */
export function loadRequests(corpusDir) {
  const text = fs.readFileSync(path.join(corpusDir, 'requests.jsonl'), 'utf8');
  let lines = 0;
  const requests = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    lines++;
    const r = JSON.parse(line);
    if (!usable(r.url) || !usable(r.frameUrl)) continue;
    requests.push({ url: r.url, frameUrl: r.frameUrl, cpt: r.cpt, type: WEBREQUEST_TYPE[r.cpt] ?? r.cpt });
  }
  return { lines, requests };
}
