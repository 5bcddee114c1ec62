// Section "Real models: fastText": a pretrained classifier run client-side (language_id.js)
// and subword vectors for words a model never saw (unseen_words.js).
import { el } from '../../common/dom.js';
import { mountLanguageId } from './language_id.js';
import { mountUnseenWords } from './unseen_words.js';

export async function mount(section) {
  section.append(el('p', { className: 'lede' }, 'A fastText classifier is an embedding bag — the mean of a text\'s word and n-gram rows — ',
    'followed by one linear layer. The same package loads fastText\'s own model files, predicts with its numbers, and trains new ones.'));
  const lid = el('div', { className: 'ft-part', dataset: { testid: 'lid' } });
  const unseen = el('div', { className: 'ft-part', dataset: { testid: 'unseen' } });
  section.append(lid, unseen);
  await Promise.all([mountLanguageId(lid), mountUnseenWords(unseen)]);
}
