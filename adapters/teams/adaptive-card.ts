/**
 * The small subset of Adaptive Cards 1.5 that Berth sends, as plain types: no SDK, so the renderer
 * stays a pure function and survives a change of Bot Framework library.
 *
 * All text goes into `TextRun`s inside `RichTextBlock`s. Unlike `TextBlock`, a TextRun is never
 * read as Markdown, so nothing a person typed (or a knowledge author wrote) can turn into card
 * markup, and Teams only makes a mention out of `<at>` text when the card declares it in
 * `msteams.entities`, which Berth never does.
 */

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';
export const THUMBNAIL_CARD = 'application/vnd.microsoft.card.thumbnail';
export const CARD_VERSION = '1.5';

export interface TextRun {
  type: 'TextRun';
  text: string;
  weight?: 'Bolder';
  italic?: boolean;
  strikethrough?: boolean;
  fontType?: 'Monospace';
  size?: 'Medium' | 'Small';
  color?: 'Accent';
  isSubtle?: boolean;
  selectAction?: LinkAction;
}

/** What a clickable run of text opens. */
export interface LinkAction {
  type: 'Action.OpenUrl';
  url: string;
}

export interface RichTextBlock {
  type: 'RichTextBlock';
  inlines: TextRun[];
  spacing?: Spacing;
}

export interface Container {
  type: 'Container';
  items: CardElement[];
  style?: 'emphasis';
  spacing?: Spacing;
  /** Makes the whole container one button (Action.Submit only; cards refuse ShowCard here). */
  selectAction?: SubmitAction;
}

export interface ActionSet {
  type: 'ActionSet';
  actions: CardAction[];
  spacing?: Spacing;
}

export interface TextInput {
  type: 'Input.Text';
  id: string;
  label: string;
  isMultiline: boolean;
  maxLength: number;
}

export type Spacing = 'None' | 'Small' | 'Medium';
export type CardElement = RichTextBlock | Container | ActionSet | TextInput;

export interface OpenUrlAction extends LinkAction {
  title: string;
}

export interface SubmitAction {
  type: 'Action.Submit';
  title: string;
  data: Record<string, unknown>;
}

/** Opens a small card inline (no message is sent until one of its own buttons is pressed). */
export interface ShowCardAction {
  type: 'Action.ShowCard';
  title: string;
  card: { type: 'AdaptiveCard'; body: CardElement[]; actions: SubmitAction[] };
}

export type CardAction = OpenUrlAction | SubmitAction | ShowCardAction;

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: typeof CARD_VERSION;
  /** What clients that cannot draw the card show instead. */
  fallbackText: string;
  body: CardElement[];
  msteams: { width: 'Full' };
}

/** An attachment as the Bot Framework carries it; `preview` is what a message extension lists. */
export interface Attachment {
  contentType: string;
  content: unknown;
  preview?: Attachment;
}

export function adaptiveCard(body: CardElement[], fallbackText: string): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    fallbackText,
    body,
    msteams: { width: 'Full' },
  };
}

/**
 * One run of literal text. Adaptive Cards expand `{{DATE(...)}}` and `{{TIME(...)}}` even in a
 * TextRun; a zero-width space after the braces keeps such text literal.
 */
export function run(text: string, style: Omit<TextRun, 'type' | 'text'> = {}): TextRun {
  return { type: 'TextRun', text: text.replace(/\{\{(?=(?:DATE|TIME)\()/gi, '{{\u200B'), ...style };
}

export function paragraph(inlines: TextRun[], spacing?: Spacing): RichTextBlock {
  return spacing ? { type: 'RichTextBlock', inlines, spacing } : { type: 'RichTextBlock', inlines };
}

/** Only http(s) URLs become links; anything else (javascript:, data:, relative) stays text. */
export function webUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}
