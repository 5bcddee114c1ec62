// The page's sections in order: the one list main.js mounts and scripts/build_site.mjs
// bundles (each module is its own entry point, so a missing or broken one cannot take
// the others down); main.js also makes each section's element, heading and navigation link
// from it (`nav`: a shorter link text). A module exports mount(sectionElement, context). `css`, when given,
// is a stylesheet copied as is and linked before the section mounts (several sections
// may share one; it is linked once).
export const SECTIONS = [
  { id: 'what-it-does', title: 'What it does', module: 'sections/what_it_does.js' },
  { id: 'why-use-it', title: 'Why use it', module: 'sections/why_use_it.js' },
  { id: 'train-words', title: 'Train word vectors', module: 'sections/words/train_words.js', css: 'sections/words/words.css' },
  { id: 'query', title: 'Query the vectors', nav: 'Query', module: 'sections/words/query.js', css: 'sections/words/words.css' },
  { id: 'learn-a-task', title: 'Learn a task', module: 'sections/learn_a_task.js' },
  { id: 'take-it-with-you', title: 'Take it with you', module: 'sections/words/take_it_with_you.js', css: 'sections/words/words.css' },
  { id: 'fasttext', title: 'Real models: fastText', nav: 'fastText', module: 'sections/fasttext/fasttext.js', css: 'sections/fasttext/fasttext.css' },
];
