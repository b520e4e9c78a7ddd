// Thumbs up/down under an answer. A thumbs up is sent at once. A thumbs down opens an optional
// "what were you looking for?" box and is sent once: on Send (with the note), on Skip or Esc, when
// the person asks something else, or when they leave the page.
import { el, thumb } from './elements.js';

let pendingVote = null;
let uid = 0;

/** `page` supplies { labels, call(path, body, keepalive) }. Returns the bar's element. */
export function feedbackBar(entryId, page) {
  const { labels } = page;
  const bar = el('div', { class: 'feedback', role: 'group', 'aria-label': labels.feedbackPrompt });
  const status = el('p', { class: 'feedback-status', role: 'status' });
  const vote = (helpful, pressed) => {
    for (const button of bar.querySelectorAll('button.vote')) button.disabled = true;
    pressed.setAttribute('aria-pressed', 'true');
    if (helpful) return sendVote({ entryId, helpful: true }, status, page);
    bar.after(commentForm(entryId, status, page));
  };
  const button = (helpful, label) => {
    const node = el('button', { type: 'button', class: 'vote', 'aria-pressed': 'false' }, [
      thumb(!helpful),
      label,
    ]);
    node.addEventListener('click', () => vote(helpful, node));
    return node;
  };
  bar.append(
    el('span', { class: 'prompt', text: labels.feedbackPrompt }),
    button(true, labels.feedbackHelpful),
    button(false, labels.feedbackNotHelpful),
    status,
  );
  return bar;
}

/** Sends a thumbs down still waiting for its note, without one. */
export async function flushVote(page, keepalive = false) {
  if (!pendingVote) return;
  const { entryId } = pendingVote;
  pendingVote = null;
  await page.call('/api/feedback', { entryId, helpful: false }, keepalive);
}

function commentForm(entryId, status, page) {
  const { labels } = page;
  const id = `comment-${++uid}`;
  const box = el('textarea', { id, rows: '2', maxlength: '2000' });
  const finish = (comment) => {
    pendingVote = null;
    form.remove();
    void sendVote({ entryId, helpful: false, comment }, status, page, Boolean(comment));
  };
  const form = el('form', { class: 'comment' }, [
    el('p', { text: labels.feedbackSorry }),
    el('label', { for: id, text: labels.commentLabel }),
    box,
    el('div', { class: 'comment-actions' }, [
      el('button', { type: 'submit', text: labels.commentSend }),
      el('button', { type: 'button', class: 'secondary', text: labels.commentSkip, onclick: () => finish() }),
    ]),
  ]);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    finish(box.value.trim() || undefined);
  });
  box.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') finish();
  });
  pendingVote = { entryId };
  queueMicrotask(() => box.focus());
  return form;
}

async function sendVote(body, status, page, announce = true) {
  const { status: code, data } = await page.call('/api/feedback', body);
  // Throttled: told once (with text), then silent. An answer that is no longer known comes back
  // as a 404 that says so.
  if (code === 429) status.textContent = data?.text ?? '';
  else if (code !== 200)
    status.textContent = code === 0 ? page.labels.offline : (data?.text ?? page.labels.error);
  else if (announce && data?.text) status.textContent = data.text;
}
