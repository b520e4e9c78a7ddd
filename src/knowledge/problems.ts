import type { SourceRef } from './types.ts';

export type Severity = 'error' | 'warning';

/** A problem in a knowledge file, always tied to a file and line. */
export interface Problem extends SourceRef {
  severity: Severity;
  message: string;
}

export function problem(source: SourceRef, message: string, severity: Severity = 'error'): Problem {
  return { file: source.file, line: source.line, message, severity };
}

/** `knowledge/images/tags.md:3: "questions" must list at least one question` */
export function formatProblem(p: Problem): string {
  const tag = p.severity === 'warning' ? 'warning: ' : '';
  return `${p.file}:${p.line}: ${tag}${p.message}`;
}

export function errorsOf(problems: readonly Problem[]): Problem[] {
  return problems.filter((p) => p.severity === 'error');
}

/** Thrown when knowledge cannot be loaded; carries every problem found, not just the first. */
export class KnowledgeError extends Error {
  readonly problems: readonly Problem[];

  constructor(problems: readonly Problem[]) {
    const errors = errorsOf(problems);
    const shown = errors.slice(0, 5).map(formatProblem).join('\n');
    const more = errors.length > 5 ? `\n... and ${errors.length - 5} more` : '';
    super(`knowledge has ${errors.length} problem(s):\n${shown}${more}`);
    this.name = 'KnowledgeError';
    this.problems = problems;
  }
}
