/**
 * Words that carry no meaning for matching a container question. Deliberately kept out of the
 * list: negations and words that are commands or states in this domain (run, up, down, stop,
 * start, new, latest, not, without, inside, outside).
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all also am an and any are aren't as at be because been before
being below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't
during each few for from further had hadn't has hasn't have haven't having he her here hers herself him
himself his how i i'm i've if in into is isn't it it's its itself just let's me more most my myself no
nor of off on once only or other ought our ours ourselves over own same shall she should shouldn't so
some such than that that's the their theirs them themselves then there there's these they they're this
those through to too under until very was wasn't we we're were weren't what what's when where which while
who whom why will with won't would wouldn't you you're your yours yourself yourselves hi hello hey please
thanks thank anyone somebody someone something thing things get got getting really actually basically
exactly mean means tell explain know want wanted need needs trying try tried way ways use using used one
ok okay yes yeah like just still even ever much many lot lots always every guys team question questions
quick simple simply possible difference differences different vs versus work works working`
    .split(/\s+/)
    .map((word) => word.replace(/'/g, '')),
);
