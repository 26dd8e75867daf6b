// Builds DOM nodes without innerHTML, so text from the server can never become
// markup. Shared by the public pages (/e/assets/) and the organizer app.

export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key === 'value' && tag === 'textarea') el.value = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

export function replace_children(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

// Element ids must be unique per page; a counter per document keeps them so.
let counter = 0;
export function next_id(prefix) {
  counter += 1;
  return `${prefix}-${counter}`;
}

// Headings get focus after a view change so screen readers start there.
export function focus_heading(root) {
  const heading = root.querySelector('h1');
  if (!heading) return;
  heading.tabIndex = -1;
  heading.focus();
}
