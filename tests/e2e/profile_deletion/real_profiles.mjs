// What every suite of this folder sets up around its tests, once per file: the built cookiewarden
// is there, the test site's server runs (`suite.server`), and the fake homes the tests make
// (`suite.fakeHome`, lib/fake_home.mjs) are removed after all of them, or kept for a look with
// CW_E2E_KEEP=1. Call it at the top of the test file.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before } from 'node:test';

import { COOKIEWARDEN } from '../lib/cookiewarden_cli.mjs';
import { createFakeHome } from '../lib/fake_home.mjs';
import { startSiteServer } from '../lib/site_server.mjs';

export function realProfileSuite() {
  const homes = [];
  const suite = {
    server: null,
    fakeHome(label, options) {
      const home = createFakeHome(label, options);
      homes.push(home);
      return home;
    },
  };
  before(async () => {
    assert.ok(fs.existsSync(COOKIEWARDEN), `built cookiewarden at ${COOKIEWARDEN} (set COOKIEWARDEN)`);
    suite.server = await startSiteServer();
  });
  after(async () => {
    await suite.server?.close();
    if (!process.env.CW_E2E_KEEP) for (const home of homes) home.remove();
  });
  return suite;
}
