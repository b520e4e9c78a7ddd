// A reply view from the server (adapters/web/view.ts) as the elements a person sees.
import { el, isWebUrl, setSafeHtml } from './elements.js';

/**
 * `page` supplies the wording and what clicks do:
 * { labels, choose(item, question), showTopics(), feedbackBar(entryId) }.
 */
export function renderReply(view, page) {
  const article = el('article', { class: `msg bot ${view.outcome}`, tabindex: '-1' }, [
    el('span', { class: 'visually-hidden', text: `${page.labels.botName}: ` }),
    view.title ? el('h2', { class: 'title', text: view.title }) : null,
  ]);
  // Headings never skip a level under the page's h1: a section is h3 under a title, else h2.
  const level = view.title ? 3 : 2;
  const body = el('div', { class: 'answer' });
  setSafeHtml(body, view.html);
  article.append(body);
  if (view.links) article.append(linkList(view.links, level));
  if (view.alternatives) article.append(notIt(view.alternatives, view.query, page));
  if (view.choices) {
    // "Did you mean" picks answer the question that was asked; related questions do not.
    const question = view.choices.answersQuestion ? view.query : '';
    const buttons = choiceButtons(view.choices.items, question, page);
    article.append(section('related', view.choices.heading, buttons, level));
  }
  if (view.topics) article.append(topicCards(view.topics, page, level));
  if (view.offerTopics) {
    const button = el('button', {
      type: 'button',
      class: 'choice',
      text: page.labels.showTopics,
      onclick: () => page.showTopics(),
    });
    article.append(el('div', { class: 'choices' }, [button]));
  }
  if (view.feedback) article.append(page.feedbackBar(view.feedback.entryId));
  return article;
}

/** The person's own message: always text. */
export function youSaid(text, labels) {
  return el('div', { class: 'msg you' }, [
    labels.youAsked ? el('span', { class: 'visually-hidden', text: `${labels.youAsked} ` }) : null,
    el('p', { text }),
  ]);
}

/** A short message from Berth that is not a reply (throttled, offline, error). */
export function note(text, kind = 'note') {
  return el('div', { class: `msg bot ${kind}`, tabindex: '-1' }, [el('p', { text })]);
}

/** A titled part of a reply; `level` is its heading's (2 to 5). */
function section(className, heading, content, level) {
  const title = heading ? el(`h${level}`, { class: 'section-heading', text: heading }) : null;
  return el('section', { class: className }, [title, content]);
}

function choiceButtons(items, question, page) {
  const buttons = items.map((item) =>
    el('button', {
      type: 'button',
      class: 'choice',
      text: item.title,
      onclick: () => page.choose(item, question),
    }),
  );
  return el('div', { class: 'choices' }, buttons);
}

/** "Not it?" and the runners-up, on one line under the answer; a pick answers the question asked. */
function notIt(alternatives, question, page) {
  const line = el('div', { class: 'not-it', role: 'group', 'aria-label': alternatives.heading }, [
    el('span', { class: 'not-it-label', text: alternatives.heading }),
  ]);
  for (const item of alternatives.items)
    line.append(
      el('button', {
        type: 'button',
        class: 'choice',
        text: item.title,
        onclick: () => page.choose(item, question),
      }),
    );
  return line;
}

function linkList(links, level) {
  const items = links.items
    .filter((link) => isWebUrl(link.url))
    .map((link) =>
      el('li', {}, [
        el('a', { href: link.url, target: '_blank', rel: 'noopener noreferrer', text: link.title }),
      ]),
    );
  return section('links', links.heading, el('ul', {}, items), level);
}

function topicCards(topics, page, level) {
  // Each topic's name is one level below the section's heading (or at it, when there is none).
  const nameLevel = topics.heading ? level + 1 : level;
  const cards = topics.items.map((topic) =>
    el('li', { class: 'topic' }, [
      el(`h${nameLevel}`, { class: 'topic-name' }, [
        topic.name,
        el('span', { class: 'count', text: ` ${topic.entryCount}` }),
      ]),
      choiceButtons(topic.examples, '', page),
    ]),
  );
  return section('topics', topics.heading, el('ul', { class: 'topic-grid' }, cards), level);
}
