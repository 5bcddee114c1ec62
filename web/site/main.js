// Loads the engine once, shows which build runs in the header, then mounts each section
// from its own module. Sections load independently: one that fails to load or throws
// shows its error in place (and on the console, so the browser tests catch it) while the
// others keep working.
import * as embedwasm from 'embedwasm';

import { dataUrl } from './common/data.js';
import { SECTIONS } from './sections.js';

// The same cap the package uses by default, passed explicitly so the header can say it.
const poolSize = Math.max(1, Math.min(8, navigator.hardwareConcurrency || 2));

function showMode(info) {
  const mode = document.getElementById('mode');
  // Plain words for the reader; the technical reason is in the title for the curious.
  mode.textContent = info.threads
    ? `Engine ready: WebAssembly, up to ${poolSize} CPU threads`
    : 'Engine ready: WebAssembly, one CPU thread';
  mode.title = info.threads
    ? 'The page is cross-origin isolated, so the threaded WebAssembly build runs.'
    : 'The page is not cross-origin isolated (the server does not send COOP/COEP headers), so the single-threaded build runs.';
  mode.dataset.variant = info.variant;
}

function showSectionError(section, message) {
  const p = document.createElement('p');
  p.className = 'error';
  p.setAttribute('role', 'alert');
  p.textContent = message;
  section.append(p);
}

const stylesheets = new Map();
function linkStylesheet(href) {
  if (!stylesheets.has(href)) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = new URL(href, import.meta.url).href;
    stylesheets.set(href, new Promise((resolve, reject) => {
      link.onload = resolve;
      link.onerror = () => reject(new Error(`${href} did not load`));
    }));
    document.head.append(link);
  }
  return stylesheets.get(href);
}

async function mountSection(spec, context) {
  const section = document.getElementById(spec.id);
  let module;
  try {
    // Styles first, so a section never paints (or measures itself) unstyled.
    if (spec.css) await linkStylesheet(spec.css);
    // A URL string, not a literal specifier: each section is its own bundle entry.
    module = await import(new URL(spec.module, import.meta.url).href);
  } catch (error) {
    section.dataset.state = 'missing';
    showSectionError(section, `This section is coming (${spec.module} could not be loaded: ${error.message}).`);
    return;
  }
  try {
    await module.mount(section, context);
    section.dataset.mounted = 'true';
  } catch (error) {
    section.dataset.state = 'error';
    showSectionError(section, `This section failed: ${error.message}`);
    console.error(`section ${spec.id}:`, error);
  }
}

// The page's skeleton, before anything loads: one numbered section and one navigation
// link per entry, so anchors work and the order lives in sections.js alone.
function layOutSections() {
  const nav = document.getElementById('section-nav');
  const content = document.getElementById('content');
  SECTIONS.forEach((spec, i) => {
    const link = document.createElement('a');
    link.href = `#${spec.id}`;
    link.textContent = spec.nav ?? spec.title;
    const item = document.createElement('li');
    item.append(link);
    nav.append(item);
    const section = document.createElement('section');
    section.id = spec.id;
    section.setAttribute('aria-labelledby', `${spec.id}-title`);
    const heading = document.createElement('h2');
    heading.id = `${spec.id}-title`;
    heading.textContent = `${i + 1}. ${spec.title}`;
    section.append(heading);
    content.append(section);
  });
}

async function main() {
  layOutSections();
  let info;
  try {
    info = await embedwasm.init({ poolSize });
  } catch (error) {
    document.getElementById('mode').textContent = `WebAssembly failed to load: ${error.message}`;
    console.error(error);
    return;
  }
  showMode(info);
  const context = { embedwasm, info, dataUrl };
  // In parallel: a slow section (fetching a corpus) must not hold up the ones after it.
  await Promise.all(SECTIONS.map((spec) => mountSection(spec, context)));
  document.body.dataset.ready = 'true';
}

main();
