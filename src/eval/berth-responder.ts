import type { Answerer } from '../answer/answerer.ts';
import type { Responder } from './evaluate.ts';

/** Berth's replies as evaluation predictions. */
export function berthResponder(berth: Answerer): Responder {
  return (query) => {
    const reply = berth.answer(query);
    switch (reply.outcome) {
      case 'answer':
        return { outcome: 'answer', id: reply.id };
      case 'clarify':
        return { outcome: 'clarify', id: reply.candidates[0]?.id ?? null };
      case 'smalltalk':
        return { outcome: 'smalltalk', id: null, intent: reply.intent };
      case 'fallback':
        return { outcome: 'fallback', id: null };
    }
  };
}
