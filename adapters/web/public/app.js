// Berth's web chat: a thin client of the JSON endpoints in adapters/web/channel.ts. The server
// decides every answer and all wording; this file sends questions and clicks, and shows replies.
import { el, setSafeHtml } from './elements.js';
import { feedbackBar, flushVote } from './feedback.js';
import { note, renderReply, youSaid } from './reply-view.js';

const log = document.getElementById('log');
const form = document.getElementById('ask-form');
const input = document.getElementById('question');
const offline = document.body.dataset.offline ?? '';

/** What the other modules need from the page; `labels` arrives with GET /api/help. */
const page = {
  labels: { botName: 'Berth', youAsked: '', offline, error: offline },
  call,
  choose,
  showTopics,
  feedbackBar: (entryId) => feedbackBar(entryId, page),
};
let lastQuestion = '';

/** One JSON request; `status` 0 means the server could not be reached. */
async function call(path, body, keepalive = false) {
  const init =
    body === undefined
      ? { headers: { accept: 'application/json' } }
      : {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify(body),
          keepalive,
        };
  try {
    const response = await fetch(path, init);
    const data = response.status === 204 ? null : await response.json().catch(() => null);
    return { status: response.status, data };
  } catch {
    return { status: 0, data: null };
  }
}

/** Adds a message to the conversation and brings it, and the question above it, into view. */
function show(node, { focus = false } = {}) {
  log.append(node);
  if (focus) node.focus({ preventScroll: true });
  const previous = node.previousElementSibling;
  const top = previous?.classList.contains('you') ? previous : node;
  const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  top.scrollIntoView({ block: 'start', behavior: smooth ? 'smooth' : 'auto' });
}

function failure(status) {
  return note(status === 0 ? page.labels.offline : page.labels.error, 'error');
}

async function ask(text) {
  await flushVote(page);
  show(youSaid(text, page.labels));
  log.setAttribute('aria-busy', 'true');
  const { status, data } = await call('/api/ask', { text });
  log.removeAttribute('aria-busy');
  if (status === 200 && data?.kind === 'reply') return show(renderReply(data, page));
  // Throttled: told once (with text), then silent until the visitor may ask again.
  if (status === 429) return data?.text ? show(note(data.text, 'throttled')) : undefined;
  show(failure(status));
}

/** A "did you mean", related or example button; focus moves to the answer. */
async function choose(item, question) {
  await flushVote(page);
  show(youSaid(item.title, page.labels));
  const { status, data } = await call('/api/choose', { id: item.id, question });
  if (status === 429) return data?.text ? show(note(data.text, 'throttled'), { focus: true }) : undefined;
  show(status === 200 && data?.kind === 'reply' ? renderReply(data, page) : failure(status), { focus: true });
}

/** Every topic with its example questions (the help screen), without asking a question. */
async function showTopics() {
  const { status, data } = await call('/api/help');
  const ok = status === 200 && data?.kind === 'welcome';
  show(ok ? renderReply(data.help, page) : failure(status), { focus: true });
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const text = input.value.trim();
  if (!text) return;
  lastQuestion = text;
  input.value = '';
  void ask(text);
});

input.addEventListener('keydown', (event) => {
  if (event.key === 'ArrowUp' && !input.value && lastQuestion) {
    event.preventDefault();
    input.value = lastQuestion;
  }
});

window.addEventListener('pagehide', () => void flushVote(page, true));

/** The first screen: the welcome, then the topics with example questions. */
async function start() {
  const { status, data } = await call('/api/help');
  if (status !== 200 || data?.kind !== 'welcome') return show(failure(status));
  page.labels = data.labels;
  const welcome = renderReply(data.help, page);
  welcome.classList.add('welcome');
  const greeting = el('div', { class: 'answer greeting' });
  setSafeHtml(greeting, data.html);
  welcome.querySelector('.answer').before(greeting);
  // Outside the live log: a screen reader reads it as the page, and announces only new replies.
  document.getElementById('intro').append(welcome);
}

void start();
