import { createRequire } from 'node:module';

// The official Adaptive Cards library. Its ESM build does not load under Node (extensionless
// imports), so the UMD bundle it also ships is loaded instead; the types are the package's own.
const AC = createRequire(import.meta.url)(
  'adaptivecards/dist/adaptivecards.js',
) as typeof import('adaptivecards');

/**
 * Everything the official parser and validator say about a card, read as Adaptive Cards 1.5
 * (what Teams renders): unknown elements or properties, values out of range, features newer than
 * 1.5, missing required properties, duplicate ids. Empty means the card is clean.
 */
export function cardProblems(card: unknown): string[] {
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(`parse: ${context.getEventAt(i).message}`);
  for (const event of parsed.validateProperties().validationEvents)
    problems.push(`validate: ${event.message}`);
  return problems;
}

type Node = Record<string, unknown>;

/** Every object in a card (elements, inlines, actions, nested cards), depth first. */
export function nodesOf(value: unknown): Node[] {
  const out: Node[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      out.push(node as Node);
      Object.values(node).forEach(walk);
    }
  };
  walk(value);
  return out;
}

/** The nodes of one type, e.g. 'Action.Submit' or 'TextRun'. */
export function nodesOfType(value: unknown, type: string): Node[] {
  return nodesOf(value).filter((n) => n.type === type);
}

/** All text a person reads in a card, run by run. */
export function cardText(card: unknown): string {
  return nodesOfType(card, 'TextRun')
    .map((r) => String(r.text))
    .join('');
}
