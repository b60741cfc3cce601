// Building the dashboard's DOM: every text goes in as textContent, never as HTML.
export function el(tag, { className, text, title, dataset } = {}, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = String(text);
  if (title) node.title = title;
  Object.assign(node.dataset, dataset ?? {});
  node.append(...children);
  return node;
}
