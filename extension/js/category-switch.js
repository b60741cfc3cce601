// The on/off switch used for a category on every page: checked = allowed.
export function categorySwitch({ checked, disabled = false, label, onChange }) {
  const wrap = document.createElement('label');
  wrap.className = 'switch';
  const input = document.createElement('input');
  input.type = 'checkbox';
  input.checked = checked;
  input.disabled = disabled;
  input.setAttribute('aria-label', label);
  const track = document.createElement('span');
  track.className = 'track';
  const state = document.createElement('span');
  state.className = 'state';
  const paint = () => { state.textContent = input.checked ? 'Allowed' : 'Blocked'; };
  paint();
  input.addEventListener('change', () => { paint(); onChange?.(input.checked); });
  wrap.append(state, input, track);
  return wrap;
}
