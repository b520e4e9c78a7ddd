import { z } from 'zod';

/** True for absolute http(s) URLs with a host. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}

const text = (field: string) =>
  z
    .string({ error: `"${field}" must be text` })
    .trim()
    .min(1, `"${field}" must not be empty`);

const linkSchema = z
  .object({
    title: text('title'),
    url: z
      .string({ error: '"url" must be text' })
      .trim()
      .refine(isHttpUrl, 'link "url" must be an absolute http(s) URL'),
  })
  .strict();

/** The front matter of a knowledge entry. */
export const entrySchema = z
  .object({
    title: z
      .string({ error: 'missing "title" (the canonical question)' })
      .trim()
      .min(1, '"title" must not be empty'),
    questions: z.array(text('questions'), { error: '"questions" must be a list of questions' }).default([]),
    tags: z.array(text('tags'), { error: '"tags" must be a list' }).default([]),
    // Required in the built-in knowledge, optional in layered knowledge: validate.ts decides.
    links: z.array(linkSchema, { error: '"links" must be a list of {title, url}' }).default([]),
    related: z.array(text('related'), { error: '"related" must be a list of entry ids' }).default([]),
    reviewed: z
      .string({ error: '"reviewed" must be a date like 2026-12-01' })
      .trim()
      .refine(isIsoDate, '"reviewed" must be a date like 2026-12-01')
      .optional(),
    replaces: z
      .array(text('replaces'), { error: '"replaces" must be a list of retired entry ids' })
      .default([]),
  })
  .strict();

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

export type EntryFrontMatter = z.infer<typeof entrySchema>;

/** The front matter of a small-talk intent. */
export const smallTalkSchema = z
  .object({
    title: z.string().trim().optional(),
    questions: z
      .array(text('questions'), { error: '"questions" must be a list of phrases' })
      .min(1, '"questions" must list at least one phrase'),
    show_topics: z.boolean({ error: '"show_topics" must be true or false' }).default(false),
  })
  .strict();

export const synonymsSchema = z.record(z.string(), z.string({ error: 'each synonym must map to text' }));

export const askedSchema = z.record(
  z.string(),
  z.array(
    z.object({
      question: z.string({ error: 'each asked question needs a "question"' }).trim().min(1),
      source: z.string({ error: 'each asked question needs a "source" URL' }).url(),
    }),
  ),
);

export const messagesSchema = z.record(z.string(), z.string({ error: 'each message must be text' }));

export const topicsSchema = z.record(
  z.string(),
  z
    .object({
      name: text('name'),
      examples: z.array(text('examples')).default([]),
    })
    .strict(),
);

/** The front matter of an out-of-scope category. */
export const outOfScopeSchema = z
  .object({
    title: text('title'),
    questions: z
      .array(text('questions'), { error: '"questions" must be a list of example questions' })
      .min(1, '"questions" must list at least one example'),
  })
  .strict();
