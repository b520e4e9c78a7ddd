// Building blocks for the web chat's DOM. Text always goes in as text (textContent, Text nodes);
// setSafeHtml is the only way HTML enters the page.

const SVG = 'http://www.w3.org/2000/svg';
const THUMB_PATH =
  'M2 21h4V9H2v12zm20-11a2 2 0 0 0-2-2h-6.3l1-4.6v-.3c0-.4-.2-.8-.4-1.1L13.2 1 6.6 7.6C6.2 8 6 8.5 6 9v10a2 2 0 0 0 2 2h9c.8 0 1.5-.5 1.8-1.2l3-7.1c.1-.2.2-.5.2-.7v-2z';

// The Content-Security-Policy allows exactly this one Trusted Types policy ("trusted-types berth").
const policy = window.trustedTypes?.createPolicy('berth', { createHTML: (html) => html });

/** Builds an element; `text` and string children become Text nodes, never markup. */
export function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'text') node.textContent = value;
    else if (key === 'class') node.className = value;
    else if (key === 'onclick') node.addEventListener('click', value);
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

/**
 * Puts server-made HTML into `node`. Only for the `html` fields of Berth's replies, which the
 * server renders from knowledge Markdown with toSafeHtml (raw HTML escaped, http(s) links only).
 */
export function setSafeHtml(node, html) {
  node.innerHTML = policy ? policy.createHTML(html) : html;
}

export function isWebUrl(url) {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/** A thumb icon drawn inline (no emoji font or image file needed); decorative, the label says it. */
export function thumb(down) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', down ? 'thumb down' : 'thumb');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', THUMB_PATH);
  svg.append(path);
  return svg;
}
