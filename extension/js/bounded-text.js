// Text from pages (URLs, cookie names) is kept in session storage for the reports and the log; a
// page chooses its length, so what is kept is clipped.
export function clip(text, limit) {
  const s = String(text ?? '');
  return s.length <= limit ? s : `${s.slice(0, limit)}…`;
}
