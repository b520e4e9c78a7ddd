const LINK = /<(https?:\/\/[^|>\s]+)(?:\|([^>]*))?>/g;
const CHANNEL = /<#[A-Z0-9]+(?:\|([^>]*))?>/g;
const MENTION_OR_SPECIAL = /<[@!][^>]*>/g;

/**
 * Slack message text as the question a person meant: a link as its label (or its URL), a channel
 * as its name, mentions and `<!here>`-style specials removed. Slack's `&amp;`-style escapes are
 * left for the core, which decodes entities for every channel.
 * Example: questionText('<@U1> <!here> what is <https://x.io|a cgroup>?') -> '  what is a cgroup?'
 */
export function questionText(text: string): string {
  return text
    .replace(LINK, (_m, url: string, label?: string) => label || url)
    .replace(CHANNEL, (_m, name?: string) => name ?? ' ')
    .replace(MENTION_OR_SPECIAL, ' ');
}
