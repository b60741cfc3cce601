// The dashboard's "Paired browser extensions" panel: shows a pairing code (with this server's port,
// which the extension needs to find it: "PORT-XXXX-XXXX"), lists the paired installs and revokes
// them (POST /installs). Origins are only ever set as textContent.
import { manageInstalls } from './server-connection.js';

const $ = (id) => document.getElementById(id);

function cell(text) {
  const td = document.createElement('td');
  td.textContent = text;
  return td;
}

async function listInstalls(token, showError) {
  const { installs } = await manageInstalls(token, { action: 'list' });
  $('no-installs').hidden = installs.length > 0;
  $('installs').hidden = installs.length === 0;
  $('installs').tBodies[0].replaceChildren(...installs.map((install) => {
    const row = document.createElement('tr');
    row.dataset.install = install.id;
    const revoke = document.createElement('button');
    revoke.type = 'button';
    revoke.textContent = 'Revoke';
    revoke.addEventListener('click', () => manageInstalls(token, { action: 'revoke', id: install.id })
      .then(() => listInstalls(token, showError)).catch((error) => showError(error, $('pairing-error'))));
    const actions = document.createElement('td');
    actions.append(revoke);
    row.append(cell(install.origin), cell(new Date(install.paired_at * 1000).toLocaleString()), actions);
    return row;
  }));
}

async function showCode(token) {
  const { code, expires_in: seconds } = await manageInstalls(token, { action: 'code' });
  $('pairing-code').hidden = false;
  $('pairing-code').textContent = `${location.port}-${code}`;
  $('pairing-code').title = `works once, within ${Math.round(seconds / 60)} minutes`;
}

// `showError(error, where)` is the dashboard's.
export function startPairingPanel(token, showError) {
  const failed = (error) => showError(error, $('pairing-error'));
  $('pairing-code-button').addEventListener('click', () => showCode(token).then(() => listInstalls(token, showError)).catch(failed));
  listInstalls(token, showError).catch(failed);
}
