// Options, "App" tab: pairing this install with `cookiewarden serve` (serve-pairing.js), for when
// the native host cannot be reached over native messaging.
import { forgetPairing, pairWithServe, readPairing } from './serve-pairing.js';

const status = document.getElementById('pair-status');
const forget = document.getElementById('pair-forget');

function show(text, isError) {
  status.hidden = false;
  status.className = isError ? 'notice error' : 'notice';
  status.textContent = text;
}

async function render() {
  const pairing = await readPairing();
  forget.hidden = !pairing;
  if (pairing) show(`Paired with cookiewarden serve on port ${pairing.port} (this browser is install ${pairing.install} on its dashboard). `
    + 'Started again without --port, serve listens on this port again: no new pairing is needed.', false);
  else status.hidden = true;
}

document.getElementById('pair-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const input = document.getElementById('pair-code');
  try {
    await pairWithServe(input.value);
    input.value = '';
    await render();
  } catch (e) {
    show(`Not paired: ${e.message}`, true);
  }
});
forget.addEventListener('click', async () => {
  await forgetPairing();
  await render();
});
render();
