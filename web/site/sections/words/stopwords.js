// English function words, left out of the word map by default: they are the most frequent
// words of any corpus, and their vectors say little a reader can check ("the" next to
// "of"). Pronouns, articles, auxiliaries, prepositions and their contractions, the
// archaic forms (thee, thou, hath) frequent in Moby-Dick and the early addresses, and the
// commonest verbs and adverbs of narration (said, see, never), which crowd out the nouns.
export const STOPWORDS = new Set(`
a about above after again against all am an and any are aren't as at be because been
before being below between both but by can can't cannot could couldn't did didn't do does
doesn't doing don't down during each few for from further had hadn't has hasn't have
haven't having he he'd he'll he's her here here's hers herself him himself his how how's i
i'd i'll i'm i've if in into is isn't it it's its itself let's me more most mustn't my
myself no nor not of off on once only or other ought our ours ourselves out over own same
shan't she she'd she'll she's should shouldn't so some such than that that's the their
theirs them themselves then there there's these they they'd they'll they're they've this
those through to too under until up very was wasn't we we'd we'll we're we've were weren't
what what's when when's where where's which while who who's whom why why's with won't would
wouldn't you you'd you'll you're you've your yours yourself yourselves
s t d ll m o re ve y upon thee thou thy thine ye hath doth shall may might must will also
now one us like yet though would could every much many any even still ever
said say see go look well never almost seemed made know get come came just back away
without among within round
`.trim().split(/\s+/));
